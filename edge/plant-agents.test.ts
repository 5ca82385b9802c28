import { describe, expect, it } from 'vitest';
import { loadPlantFile, parsePlant } from '../contract/plant';
import { agentGroups } from './plant-agents';

describe('plant agents', () => {
  it('groups the demo plant devices by agent, with each device line', () => {
    const groups = agentGroups(loadPlantFile('simulators/plants/demo-plant.json'));
    const utilities = groups.find((g) => g.agentId === 'edge-utilities')!;
    expect(utilities).toEqual({
      agentId: 'edge-utilities',
      siteId: 'plant-1',
      devices: [
        { id: 'P-101', lineId: 'utilities' },
        { id: 'P-104', lineId: 'utilities' },
        { id: 'C-201', lineId: 'utilities' },
      ],
    });
    expect(new Set(groups.map((g) => g.agentId)).size).toBe(groups.length);
  });

  it('refuses an agent that spans two sites', () => {
    const device = (id: string) => ({ id, name: id, class: 'pump', criticality: 'A', ratedCurrent: 10, agent: 'edge-x' });
    const plant = parsePlant({
      name: 'p',
      sites: [
        { id: 's1', name: 's1', lines: [{ id: 'a', name: 'a', devices: [device('D-1')] }] },
        { id: 's2', name: 's2', lines: [{ id: 'b', name: 'b', devices: [device('D-2')] }] },
      ],
    });
    expect(() => agentGroups(plant)).toThrow(/agent "edge-x" serves devices of sites "s1" and "s2"/);
  });
});
