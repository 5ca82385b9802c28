import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { readGroundTruthFile } from './ground-truth';
import { createSimulator } from './simulator';

const plant = loadPlantFile('simulators/plants/demo-plant.json');
const T0 = Date.UTC(2025, 0, 6, 6);
const MIN = 60_000;
const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-gt-'));
  dirs.push(dir);
  return join(dir, 'nested', 'ground-truth.jsonl');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ground truth', () => {
  it('records each fault when simulated time reaches its start and its end, in memory and as JSON lines', () => {
    const file = tempFile();
    const sim = createSimulator({ plant, startAt: T0, groundTruthFile: file });
    sim.inject({ id: 'jam-1', deviceId: 'CV-C1', kind: 'jam', startAt: T0 + 10 * MIN, durationMs: 3 * MIN });
    sim.inject({ id: 'bw-1', deviceId: 'P-104', kind: 'bearing-wear', startAt: T0 + 5 * MIN, failureAt: T0 + 60 * MIN });
    expect(sim.groundTruth()).toEqual([]); // nothing has happened yet

    sim.read('CV-C1', T0 + 11 * MIN);
    expect(sim.groundTruth()).toEqual([
      { faultId: 'bw-1', deviceId: 'P-104', kind: 'bearing-wear', startAt: T0 + 5 * MIN, failureAt: T0 + 60 * MIN, endAt: null },
      { faultId: 'jam-1', deviceId: 'CV-C1', kind: 'jam', startAt: T0 + 10 * MIN, failureAt: null, endAt: null },
    ]);
    sim.advanceTo(T0 + 20 * MIN);
    sim.clearFault('bw-1', T0 + 30 * MIN); // repair scheduled for later
    expect(sim.groundTruth().find((r) => r.faultId === 'bw-1')!.endAt).toBeNull();
    sim.read('P-104', T0 + 31 * MIN);

    const final = [
      { faultId: 'bw-1', deviceId: 'P-104', kind: 'bearing-wear', startAt: T0 + 5 * MIN, failureAt: T0 + 60 * MIN, endAt: T0 + 30 * MIN },
      { faultId: 'jam-1', deviceId: 'CV-C1', kind: 'jam', startAt: T0 + 10 * MIN, failureAt: null, endAt: T0 + 13 * MIN },
    ];
    expect(sim.groundTruth()).toEqual(final);
    const events = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; faultId: string });
    expect(events.map((e) => `${e.event} ${e.faultId}`)).toEqual(['start bw-1', 'start jam-1', 'end jam-1', 'end bw-1']);
    expect(readGroundTruthFile(file)).toEqual(final);
  });

  it('logs a fault that started and ended inside one long gap with both events', () => {
    const file = tempFile();
    const sim = createSimulator({ plant, startAt: T0, groundTruthFile: file });
    sim.inject({ id: 'd', deviceId: 'M-D2', kind: 'sensor-dropout', startAt: T0 + MIN, durationMs: MIN });
    sim.read('M-D2', T0 + 60 * MIN);
    expect(readGroundTruthFile(file)).toEqual([{ faultId: 'd', deviceId: 'M-D2', kind: 'sensor-dropout', startAt: T0 + MIN, failureAt: null, endAt: T0 + 2 * MIN }]);
  });

  it('reading a bad line names the file and line', () => {
    const file = tempFile();
    createSimulator({ plant, startAt: T0, groundTruthFile: file }); // creates the folder
    writeFileSync(file, '{"event":"start","faultId":"a","deviceId":"P-1","kind":"melt","startAt":1,"failureAt":null,"endAt":null}\n');
    expect(() => readGroundTruthFile(file)).toThrowError(/ground-truth\.jsonl:1: kind/);
  });
});
