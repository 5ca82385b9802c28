/**
 * A chunk: the samples of one device stored in one write, packed as five
 * little-endian float64 columns (seq, ts, temperature, vibration, current).
 * The SQLite store keeps one row per chunk instead of one per sample, which
 * makes a write one B-tree insert per device and message batch rather than
 * one per sample. Float64 holds every value exactly (seq and ts are safe
 * integers, the metrics are doubles already). Pure: no I/O.
 */
import type { TelemetryPoint } from '../../contract/telemetry';

const COLUMNS = 5;
const BYTES = 8;

/** What a chunk row stores beside its packed samples. */
export interface ChunkSummary {
  firstSeq: number;
  lastSeq: number;
  tsMin: number;
  tsMax: number;
  n: number;
}

/** Packs points (one device, any order) into a blob, with the summary columns of its row. */
export function encodeChunk(points: readonly TelemetryPoint[]): { summary: ChunkSummary; data: Buffer } {
  const n = points.length;
  if (n === 0) throw new Error('a chunk holds at least one point');
  const data = Buffer.allocUnsafe(n * COLUMNS * BYTES);
  let firstSeq = Infinity;
  let lastSeq = -Infinity;
  let tsMin = Infinity;
  let tsMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    data.writeDoubleLE(p.seq, i * BYTES);
    data.writeDoubleLE(p.ts, (n + i) * BYTES);
    data.writeDoubleLE(p.temperature, (2 * n + i) * BYTES);
    data.writeDoubleLE(p.vibration, (3 * n + i) * BYTES);
    data.writeDoubleLE(p.current, (4 * n + i) * BYTES);
    if (p.seq < firstSeq) firstSeq = p.seq;
    if (p.seq > lastSeq) lastSeq = p.seq;
    if (p.ts < tsMin) tsMin = p.ts;
    if (p.ts > tsMax) tsMax = p.ts;
  }
  return { summary: { firstSeq, lastSeq, tsMin, tsMax, n }, data };
}

/** Number of points in a blob written by encodeChunk. */
export function chunkLength(data: Uint8Array): number {
  const n = data.byteLength / (COLUMNS * BYTES);
  if (!Number.isInteger(n)) throw new Error(`telemetry chunk of ${data.byteLength} bytes is not a whole number of samples`);
  return n;
}

/** The seqs of a chunk, without decoding the rest. */
export function chunkSeqs(data: Buffer): number[] {
  const n = chunkLength(data);
  const seqs = new Array<number>(n);
  for (let i = 0; i < n; i++) seqs[i] = data.readDoubleLE(i * BYTES);
  return seqs;
}

/**
 * Appends the chunk's points with from <= ts <= to to `out`, in stored
 * order; returns how many it appended.
 */
export function decodeChunk(deviceId: string, data: Buffer, out: TelemetryPoint[], from = -Infinity, to = Infinity): number {
  const n = chunkLength(data);
  let added = 0;
  for (let i = 0; i < n; i++) {
    const ts = data.readDoubleLE((n + i) * BYTES);
    if (ts < from || ts > to) continue;
    out.push({
      deviceId,
      seq: data.readDoubleLE(i * BYTES),
      ts,
      temperature: data.readDoubleLE((2 * n + i) * BYTES),
      vibration: data.readDoubleLE((3 * n + i) * BYTES),
      current: data.readDoubleLE((4 * n + i) * BYTES),
    });
    added++;
  }
  return added;
}

/** Orders points as the store returns them: by ts, then seq. */
export const byTimeThenSeq = (a: TelemetryPoint, b: TelemetryPoint): number => a.ts - b.ts || a.seq - b.seq;

const NATIVE_LE = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The chunk's five columns as one Float64Array (seq[0..n), ts[n..2n),
 * temperature, vibration, current). A view on the blob when it is 8-byte
 * aligned on a little-endian host (no copy, no per-value readDoubleLE), else a
 * copy; either way, read it before the buffer is reused.
 */
export function chunkColumns(data: Buffer): Float64Array {
  const n = chunkLength(data);
  if (NATIVE_LE && data.byteOffset % BYTES === 0) return new Float64Array(data.buffer, data.byteOffset, n * COLUMNS);
  const out = new Float64Array(n * COLUMNS);
  for (let i = 0; i < out.length; i++) out[i] = data.readDoubleLE(i * BYTES);
  return out;
}
