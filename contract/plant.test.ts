import { describe, expect, it } from 'vitest';
import { loadPlantFile, parsePlant, plantDevices, PlantFileError } from './plant';

const line = (id: string, feeds: string[] = []) => ({ id, name: id, feeds, devices: [] });
const plantWith = (lines: unknown[]) => ({ name: 'p', sites: [{ id: 's', name: 's', lines }] });

describe('plant file', () => {
  it('loads the demo plant and resolves each device to its site, line and agent', () => {
    const plant = loadPlantFile('simulators/plants/demo-plant.json');
    const devices = plantDevices(plant);
    expect(devices.length).toBeGreaterThanOrEqual(10);
    const p104 = devices.find((d) => d.id === 'P-104')!;
    expect(p104).toMatchObject({ siteId: 'plant-1', lineId: 'utilities', agentId: 'edge-utilities', class: 'pump' });
  });

  it('names the lines of a cycle', () => {
    const err = (() => {
      try {
        parsePlant(plantWith([line('a', ['b']), line('b', ['c']), line('c', ['a'])]));
      } catch (e) {
        return e as PlantFileError;
      }
    })();
    expect(err).toBeInstanceOf(PlantFileError);
    expect(err!.problems.join()).toContain('a -> b -> c -> a');
  });

  it('rejects self-feeds, unknown lines and duplicate ids, listing all of them', () => {
    expect(() => parsePlant(plantWith([line('a', ['a']), line('b', ['zzz']), line('b')]))).toThrowError(
      /feeds itself[\s\S]*unknown line "zzz"|defined twice/,
    );
    try {
      parsePlant(plantWith([line('a', ['a']), line('b', ['zzz']), line('b')]));
    } catch (e) {
      const problems = (e as PlantFileError).problems.join('\n');
      expect(problems).toContain('line "a" feeds itself');
      expect(problems).toContain('line "b" feeds unknown line "zzz"');
      expect(problems).toContain('line "b" is defined twice');
    }
  });

  it('reports schema problems with their path', () => {
    const bad = plantWith([{ id: 'a', name: 'a', devices: [{ id: 'x', name: 'x', class: 'toaster', criticality: 'A', ratedCurrent: 5 }] }]);
    expect(() => parsePlant(bad, 'bad.json')).toThrowError(/bad.json[\s\S]*sites.0.lines.0.devices.0.class/);
  });

  it('says what to do when the file is missing', () => {
    expect(() => loadPlantFile('/nonexistent/plant.json')).toThrowError(/Set PLANT_FILE/);
  });
});
