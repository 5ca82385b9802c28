import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { loadScenarioFile, parseScenario, scenarioInjections, ScenarioFileError } from './scenario-file';

const plant = loadPlantFile('simulators/plants/demo-plant.json');
const dir = mkdtempSync(join(tmpdir(), 'pdm-scn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fault = (over: Record<string, unknown> = {}) => ({ device: 'P-104', kind: 'bearing-wear', startAfterMinutes: 2, failureAfterMinutes: 90, ...over });
function problems(raw: unknown): string {
  try {
    parseScenario(raw, plant, 'bad.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFileError);
    return (e as ScenarioFileError).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario file', () => {
  it('turns minutes after start into injections', () => {
    const scenario = parseScenario({ faults: [fault(), fault({ device: 'CV-C1', kind: 'jam', failureAfterMinutes: undefined, startAfterMinutes: 100, durationMinutes: 4 })] }, plant);
    const t0 = Date.UTC(2025, 0, 6, 6);
    expect(scenarioInjections(scenario, t0)).toEqual([
      { id: 'scn-1-P-104', deviceId: 'P-104', kind: 'bearing-wear', startAt: t0 + 120_000, failureAt: t0 + 90 * 60_000 },
      { id: 'scn-2-CV-C1', deviceId: 'CV-C1', kind: 'jam', startAt: t0 + 100 * 60_000, durationMs: 4 * 60_000 },
    ]);
  });

  it.each([
    [{ faults: [fault({ kind: 'meltdown' })] }, 'faults.0.kind'],
    [{ faults: [fault({ startAfterMinutes: -1 })] }, 'faults.0.startAfterMinutes'],
    [{ faults: [fault(), fault({ failureAfterMinutes: 1 })] }, 'faults.1.failureAfterMinutes: must be after startAfterMinutes'],
    [{ faults: [fault({ kind: 'jam' })] }, 'faults.0.failureAfterMinutes: only bearing-wear and overheating fail'],
    [{ faults: [fault({ durationMinutes: 0 })] }, 'faults.0.durationMinutes'],
    [{ faults: [fault({ devcie: 'P-104' })] }, 'faults.0'],
    [{ fault: [] }, 'faults'],
  ])('names the field of %j', (raw, field) => {
    const message = problems(raw);
    expect(message).toContain('bad.json');
    expect(message).toContain(field);
  });

  it('rejects unknown devices and duplicate ids, naming them', () => {
    const message = problems({ faults: [fault({ device: 'P-999' }), fault({ id: 'x' }), fault({ id: 'x', device: 'P-101' })] });
    expect(message).toContain('faults.0.device: unknown device "P-999"');
    expect(message).toContain('faults.2.id: "x" is used twice');
  });

  it('names the file when it is missing or not JSON', () => {
    expect(() => loadScenarioFile(join(dir, 'missing.json'), plant)).toThrowError(/missing\.json[\s\S]*cannot read it/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "faults": [ ');
    expect(() => loadScenarioFile(broken, plant)).toThrowError(/broken\.json[\s\S]*not valid JSON/);
  });

  it('loads the demo scenario against the demo plant', () => {
    const scenario = loadScenarioFile('simulators/scenarios/demo.json', plant);
    expect(scenario.faults.map((f) => `${f.kind}@${f.device}`)).toEqual(['bearing-wear@P-104', 'overheating@IM-A1', 'jam@CV-C1', 'sensor-dropout@M-D2']);
  });
});
