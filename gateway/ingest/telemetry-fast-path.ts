/**
 * A hand-written check of a parsed telemetry payload that accepts exactly
 * what `telemetryMessageSchema` (contract/telemetry.ts) accepts, at a
 * fraction of zod's cost per sample. It answers only "valid, here are the
 * points" or "not sure": anything it does not accept goes through zod, which
 * decides and words the error. So the schema stays the one definition of a
 * good message; this is an optimisation of its common case, and
 * telemetry-fast-path.test.ts checks both agree on generated payloads.
 * Pure: no I/O, no clock.
 */
import { MAX_SAMPLES_PER_MESSAGE, type TelemetryPoint } from '../../contract/telemetry';
import { METRIC_INFO } from '../../contract/metrics';

/** ts must be epoch milliseconds after 2000-01-01 (as in the schema). */
const MIN_TS = 946_684_800_000;
const T = METRIC_INFO.temperature;
const V = METRIC_INFO.vibration;
const C = METRIC_INFO.current;

const isPlainRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A number inside the finite inclusive range; NaN and ±Infinity fail the comparisons. */
const inRange = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && v >= min && v <= max;

/** True if the object has no own enumerable keys beyond `allowed` (it may lack some; callers check those). */
function onlyKeys(o: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in o) if (!allowed.has(key)) return false;
  return true;
}

const MESSAGE_KEYS: ReadonlySet<string> = new Set(['seq', 'samples']);
const SAMPLE_KEYS: ReadonlySet<string> = new Set(['ts', 'temperature', 'vibration', 'current']);

/**
 * The points of a valid message (sample i gets seq + i), or null when the
 * payload is not certainly valid and zod must decide.
 */
export function fastTelemetryPoints(deviceId: string, json: unknown): TelemetryPoint[] | null {
  if (!isPlainRecord(json) || !onlyKeys(json, MESSAGE_KEYS)) return null;
  const seq = json.seq;
  const samples = json.samples;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
  if (!Array.isArray(samples) || samples.length < 1 || samples.length > MAX_SAMPLES_PER_MESSAGE) return null;
  const points = new Array<TelemetryPoint>(samples.length);
  let prevTs = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const s: unknown = samples[i];
    if (!isPlainRecord(s) || !onlyKeys(s, SAMPLE_KEYS)) return null;
    const { ts, temperature, vibration, current } = s;
    if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts < MIN_TS || ts < prevTs) return null;
    if (!inRange(temperature, T.min, T.max) || !inRange(vibration, V.min, V.max) || !inRange(current, C.min, C.max)) return null;
    prevTs = ts;
    points[i] = { deviceId, seq: seq + i, ts, temperature, vibration, current };
  }
  return points;
}
