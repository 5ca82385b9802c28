import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRIC_INFO } from '../../contract/metrics';
import { MAX_SAMPLES_PER_MESSAGE, telemetryMessageSchema, toPoints } from '../../contract/telemetry';
import { fastTelemetryPoints } from './telemetry-fast-path';

const MIN_TS = 946_684_800_000;
const metric = (name: keyof typeof METRIC_INFO) => fc.double({ min: METRIC_INFO[name].min, max: METRIC_INFO[name].max, noNaN: true });
const sample = (ts: number) =>
  fc.record({ temperature: metric('temperature'), vibration: metric('vibration'), current: metric('current') }).map((m) => ({ ts, ...m }));

/** A message the schema accepts: non-decreasing ts, values inside their ranges (boundaries included). */
const validMessage = fc
  .record({
    seq: fc.oneof(fc.nat(), fc.constant(0), fc.constant(Number.MAX_SAFE_INTEGER)),
    start: fc.integer({ min: MIN_TS, max: 4_000_000_000_000 }),
    gaps: fc.array(fc.oneof(fc.constant(0), fc.nat(60_000)), { minLength: 0, maxLength: 30 }),
  })
  .chain(({ seq, start, gaps }) => {
    const stamps = [start];
    for (const g of gaps) stamps.push(stamps[stamps.length - 1]! + g);
    return fc.tuple(...stamps.map(sample)).map((samples) => ({ seq, samples }));
  });

/** Values a JSON payload (or a careless agent) may put anywhere. */
const oddValue = fc.oneof(
  fc.constantFrom(null, true, false, '', '12', [], {}, -1, 0.5, -0, 1e308, -1e308, MIN_TS - 1, Number.MAX_SAFE_INTEGER + 2),
  fc.constantFrom(Infinity, -Infinity, NaN),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Msg = { seq: number; samples: Record<string, unknown>[] };
type Mutation = (m: Msg, pick: number, value: unknown) => unknown;
const sampleKey = (pick: number) => (['ts', 'temperature', 'vibration', 'current'] as const)[pick % 4]!;
const at = (m: Msg, pick: number) => m.samples[pick % m.samples.length]!;

/** Ways a valid message goes wrong; each keeps the rest valid so the one change decides. */
const mutations: Record<string, Mutation> = {
  'seq replaced': (m, _p, v) => ({ ...m, seq: v }),
  'samples replaced': (m, _p, v) => ({ ...m, samples: v }),
  'sample replaced': (m, p, v) => ({ ...m, samples: m.samples.map((s, i) => (i === p % m.samples.length ? v : s)) }),
  'sample field replaced': (m, p, v) => ({ ...m, samples: m.samples.map((s, i) => (i === p % m.samples.length ? { ...s, [sampleKey(p)]: v } : s)) }),
  'sample field removed': (m, p) => ({ ...m, samples: m.samples.map((s, i) => (i === p % m.samples.length ? omit(s, sampleKey(p)) : s)) }),
  'extra sample key': (m, p, v) => ({ ...m, samples: m.samples.map((s, i) => (i === p % m.samples.length ? { ...s, extra: v } : s)) }),
  'extra message key': (m, _p, v) => ({ ...m, note: v }),
  'seq removed': (m) => ({ samples: m.samples }),
  'samples removed': (m) => ({ seq: m.seq }),
  'no samples': (m) => ({ ...m, samples: [] }),
  'too many samples': (m) => ({ ...m, samples: Array.from({ length: MAX_SAMPLES_PER_MESSAGE + 1 }, () => m.samples[0]) }),
  'exactly the most samples': (m) => ({ ...m, samples: Array.from({ length: MAX_SAMPLES_PER_MESSAGE }, () => m.samples[0]) }),
  'ts goes backwards': (m, p) => {
    const samples = [...m.samples, { ...at(m, p), ts: (at(m, p).ts as number) - 1 - (p % 1000) }];
    return { ...m, samples };
  },
  'value just outside its range': (m, p) => {
    const key = (['temperature', 'vibration', 'current'] as const)[p % 3]!;
    const { min, max } = METRIC_INFO[key];
    const off = p % 2 ? max + Number.EPSILON * max * 4 + 1e-9 : min - 1e-9;
    return { ...m, samples: m.samples.map((s, i) => (i === 0 ? { ...s, [key]: off } : s)) };
  },
  'whole message replaced': (_m, _p, v) => v,
  'array instead of object': (m) => [m.seq, m.samples],
  '__proto__ key from JSON': (m) => JSON.parse(JSON.stringify(m).replace('{', '{"__proto__":{},')),
};

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

/** The fast path and the schema agree: same accept/reject, and the same points when both accept. */
function agree(payload: unknown): { zod: boolean; fast: boolean } {
  const zod = telemetryMessageSchema.safeParse(payload);
  const fast = fastTelemetryPoints('P-1', payload);
  expect(fast !== null).toBe(zod.success);
  if (zod.success) expect(fast).toEqual(toPoints('P-1', zod.data));
  return { zod: zod.success, fast: fast !== null };
}

describe('fastTelemetryPoints against telemetryMessageSchema', () => {
  it('accepts every message the schema accepts, with the same points', () => {
    fc.assert(fc.property(validMessage, (m) => {
        expect(agree(m)).toEqual({ zod: true, fast: true });
      }), { numRuns: 500 });
  });

  it('agrees with the schema on mutated messages (accept and reject)', () => {
    let rejected = 0;
    fc.assert(
      fc.property(validMessage, fc.constantFrom(...Object.keys(mutations)), fc.nat(), oddValue, (m, name, pick, value) => {
        const payload = mutations[name]!(m as Msg, pick, value);
        if (!agree(payload).zod) rejected++;
      }),
      { numRuns: 2000 },
    );
    expect(rejected).toBeGreaterThan(1000); // the mutations mostly do break the message
  });

  it('agrees on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
        agree(v);
      }), { numRuns: 1000 });
  });

  it.each(Object.keys(mutations))('rejects or accepts like the schema: %s', (name) => {
    const m: Msg = { seq: 3, samples: [{ ts: MIN_TS, temperature: 20, vibration: 1, current: 4 }] };
    for (const value of [null, -1, 'x', Infinity, NaN, { ts: MIN_TS }]) agree(mutations[name]!(m, 1, value));
  });
});
