/**
 * One device's simulated signals as CSV rows, for engineers tuning rules:
 * `ts,time,temperature,vibration,current,faults`. A dropout is a row with
 * empty readings, so the gap is visible.
 */
import type { PlantSimulator } from './plant-simulator';

export const CSV_HEADER = 'ts,time,temperature,vibration,current,faults';

export function* deviceCsvRows(sim: PlantSimulator, deviceId: string, from: number, to: number, stepMs: number): Generator<string> {
  if (!(stepMs > 0)) throw new RangeError(`step must be positive, got ${stepMs} ms`);
  yield CSV_HEADER;
  for (let t = from; t <= to; t += stepMs) {
    const sample = sim.read(deviceId, t);
    const faults = sim
      .activeFaults(t)
      .filter((f) => f.deviceId === deviceId)
      .map((f) => f.kind)
      .join('|');
    const values = sample ? [sample.temperature, sample.vibration, sample.current] : ['', '', ''];
    yield [t, new Date(t).toISOString(), ...values, faults].join(',');
  }
}
