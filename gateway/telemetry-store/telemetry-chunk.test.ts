import { describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../contract/telemetry';
import { byTimeThenSeq, chunkColumns, chunkLength, chunkSeqs, decodeChunk, encodeChunk } from './telemetry-chunk';

const T0 = Date.UTC(2026, 10, 1);
const points: TelemetryPoint[] = [
  { deviceId: 'A', seq: 7, ts: T0 + 2000, temperature: 71.234567, vibration: 2.8000001, current: 0.1 },
  { deviceId: 'A', seq: 5, ts: T0, temperature: -49.5, vibration: 0, current: 4999.999 },
  { deviceId: 'A', seq: Number.MAX_SAFE_INTEGER, ts: T0 + 1000, temperature: 1e-9, vibration: 199.75, current: 3 },
];

describe('telemetry chunk', () => {
  it('round-trips every value exactly, in stored order, with the summary of its row', () => {
    const { summary, data } = encodeChunk(points);
    expect(summary).toEqual({ firstSeq: 5, lastSeq: Number.MAX_SAFE_INTEGER, tsMin: T0, tsMax: T0 + 2000, n: 3 });
    expect(chunkLength(data)).toBe(3);
    expect(chunkSeqs(data)).toEqual([7, 5, Number.MAX_SAFE_INTEGER]);
    const out: TelemetryPoint[] = [];
    expect(decodeChunk('A', data, out)).toBe(3);
    expect(out).toEqual(points);
  });

  it('decodes only the points inside an inclusive time range, appending to what is there', () => {
    const { data } = encodeChunk(points);
    const out: TelemetryPoint[] = [points[0]!];
    expect(decodeChunk('A', data, out, T0 + 1000, T0 + 2000)).toBe(2);
    expect(out.map((p) => p.seq)).toEqual([7, 7, Number.MAX_SAFE_INTEGER]);
  });

  it('orders by time, then seq', () => {
    const same = { ...points[0]!, ts: T0, seq: 4 };
    expect([...points, same].sort(byTimeThenSeq).map((p) => p.seq)).toEqual([4, 5, Number.MAX_SAFE_INTEGER, 7]);
  });

  it('reads the columns as float64s, from an aligned blob and from one at an odd offset', () => {
    const { data } = encodeChunk(points);
    const expected = [...points.map((p) => p.seq), ...points.map((p) => p.ts), ...points.map((p) => p.temperature), ...points.map((p) => p.vibration), ...points.map((p) => p.current)];
    const aligned = Buffer.from(new Uint8Array(data)); // a fresh ArrayBuffer, offset 0
    expect([...chunkColumns(aligned)]).toEqual(expected);
    const odd = Buffer.alloc(data.length + 3).subarray(3);
    data.copy(odd);
    expect([...chunkColumns(odd)]).toEqual(expected);
  });

  it('refuses an empty chunk and a blob that is not whole samples', () => {
    expect(() => encodeChunk([])).toThrow(/at least one point/);
    expect(() => chunkLength(Buffer.alloc(41))).toThrow(/not a whole number of samples/);
  });
});
