/**
 * The parts of rule validation that depend on the rule's kind: the schemas of
 * `params` and `flapping`, and what warn/alarm/clear (and the other shared
 * fields) must be for each kind other than 'threshold'. Issues name their
 * field (params.windowMs, warn, ...) and say what is wrong in plain words.
 */
import { z } from 'zod';
import { METRIC_INFO } from '../../contract/metrics';
import type { RuleKind, RuleTemplate } from './types';

export const RULE_KINDS = ['threshold', 'adaptive-baseline', 'trend-to-limit', 'rate-of-change', 'no-data', 'unsupervised'] as const satisfies readonly RuleKind[];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Longest trend horizon, in hours. */
export const MAX_HORIZON_HOURS = 30 * 24;

const whole = (min: number, max: number) =>
  z.number({ error: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const ms = (min: number, max: number, say: string) =>
  z
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(min, `must be at least ${min} ms`)
    .max(max, `must be at most ${say} (${max} ms)`);
const fraction = z.number({ error: 'must be a number' }).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const finite = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number');

/** Every kind's parameters; which ones a rule needs follows from its kind (checkKind). */
export const paramsSchema = z.strictObject(
  {
    windowPoints: whole(2, 100_000).optional(),
    warmupPoints: whole(0, 100_000).optional(),
    minSigma: z.number({ error: 'must be a number' }).min(0, 'must not be negative').refine(Number.isFinite, 'must be a finite number').optional(),
    anomalousLearningRate: fraction.optional(),
    windowMs: ms(60_000, 7 * DAY, 'one week').optional(),
    buckets: whole(2, 1000).optional(),
    minPoints: whole(2, 1000).optional(),
    minR2: fraction.optional(),
    limit: finite.optional(),
  },
  { error: 'must be an object of the kind\'s parameters' },
);

export const flappingSchema = z.strictObject(
  {
    maxRaises: whole(1, 100),
    windowMs: ms(1000, DAY, 'one day'),
    quietMs: ms(1000, DAY, 'one day'),
  },
  { error: 'must be { maxRaises, windowMs, quietMs }' },
);

type ParamKey = keyof z.output<typeof paramsSchema>;

const PARAMS_OF: Record<RuleKind, readonly ParamKey[]> = {
  threshold: [],
  'adaptive-baseline': ['windowPoints', 'warmupPoints', 'minSigma', 'anomalousLearningRate'],
  'trend-to-limit': ['windowMs', 'buckets', 'minPoints', 'minR2', 'limit'],
  'rate-of-change': ['windowMs'],
  'no-data': [],
  unsupervised: [],
};
const OPTIONAL_PARAMS: ReadonlySet<ParamKey> = new Set(['limit']);

/** 'a trend-to-limit', 'an adaptive-baseline'. */
const an = (kind: RuleKind): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

export interface Issue {
  path: Array<string | number>;
  message: string;
}

/** Issues with `params`: missing, unknown to the kind, or inconsistent. */
function paramIssues(t: Pick<RuleTemplate, 'kind' | 'params'>): Issue[] {
  const allowed = PARAMS_OF[t.kind];
  const params = (t.params ?? {}) as Partial<Record<ParamKey, number>>;
  if (allowed.length === 0) {
    return t.params === undefined ? [] : [{ path: ['params'], message: `${an(t.kind)} rule has no params; leave it out` }];
  }
  if (t.params === undefined) return [{ path: ['params'], message: `is required for ${an(t.kind)} rule: ${allowed.join(', ')}` }];
  const issues: Issue[] = [];
  for (const key of allowed) {
    if (params[key] === undefined && !OPTIONAL_PARAMS.has(key)) issues.push({ path: ['params', key], message: `is required for ${an(t.kind)} rule` });
  }
  for (const key of Object.keys(params) as ParamKey[]) {
    if (!allowed.includes(key)) issues.push({ path: ['params', key], message: `does not apply to ${an(t.kind)} rule (its params: ${allowed.join(', ')})` });
  }
  if (issues.length) return issues;
  if (t.kind === 'adaptive-baseline' && params.warmupPoints! < 2) issues.push({ path: ['params', 'warmupPoints'], message: 'must be at least 2: σ needs two points' });
  if (t.kind === 'trend-to-limit' && params.minPoints! > params.buckets!) {
    issues.push({ path: ['params', 'minPoints'], message: `must be at most buckets (${params.buckets})` });
  }
  return issues;
}

/** Issues with warn/alarm/clear, basis and durations for a kind other than 'threshold'. */
function levelIssues(t: RuleTemplate): Issue[] {
  const issues: Issue[] = [];
  const unit = METRIC_INFO[t.metric].unit;
  if (t.kind !== 'trend-to-limit' && t.basis !== 'absolute') {
    issues.push({ path: ['basis'], message: `must be 'absolute' for ${an(t.kind)} rule (its levels are not limits of the metric)` });
  }
  const ordered = (lowToHigh: Array<'warn' | 'alarm' | 'clear'>, min: number, max: number, say: string) => {
    for (const key of lowToHigh) {
      if (t[key] < min || t[key] > max) issues.push({ path: [key], message: `${key} must be within ${min}..${max} ${say} (got ${t[key]})` });
    }
    if (issues.length) return;
    for (let i = 1; i < lowToHigh.length; i++) {
      const [a, b] = [lowToHigh[i - 1]!, lowToHigh[i]!];
      if (!(t[a] < t[b])) issues.push({ path: [b], message: `${b} must be more than ${a} (${t[a]}) for ${an(t.kind)} rule` });
    }
  };
  switch (t.kind) {
    case 'adaptive-baseline':
      ordered(['clear', 'warn', 'alarm'], 0, 100, 'σ from the baseline');
      break;
    case 'rate-of-change': {
      const span = METRIC_INFO[t.metric].max - METRIC_INFO[t.metric].min;
      ordered(['clear', 'warn', 'alarm'], 0, span, `${unit}/min`);
      break;
    }
    case 'trend-to-limit':
      ordered(['alarm', 'warn', 'clear'], 0, MAX_HORIZON_HOURS, 'hours to the predicted breach');
      break;
    case 'no-data':
      if (t.clear !== 0) issues.push({ path: ['clear'], message: 'must be 0 for a no-data rule: the next sample clears it' });
      for (const key of ['warn', 'alarm'] as const) {
        if (!(t[key] >= 1 && t[key] <= DAY / 1000)) issues.push({ path: [key], message: `${key} must be within 1..86400 seconds without a sample (got ${t[key]})` });
      }
      if (!issues.length && t.alarm < t.warn) issues.push({ path: ['alarm'], message: `alarm must not be less than warn (${t.warn} s)` });
      break;
    case 'unsupervised':
      ordered(['clear', 'warn', 'alarm'], 0, 0.999, 'anomaly score');
      break;
    case 'threshold':
      break;
  }
  return issues;
}

/** Every kind-specific issue of a template (none for a valid one). */
export function kindIssues(t: RuleTemplate): Issue[] {
  const params = paramIssues(t);
  return [...params, ...(t.kind === 'threshold' ? [] : levelIssues(t)), ...failureModeIssues(t)];
}

/**
 * A silent device is its own failure mode (orders dedupe on device and
 * failure mode, and the technician checks the sensor and link, not the
 * machine), so 'no-data' goes with the no-data kind and only with it.
 */
function failureModeIssues(t: RuleTemplate): Issue[] {
  if (t.kind === 'no-data' && t.failureMode !== 'no-data') {
    return [{ path: ['failureMode'], message: `must be 'no-data' for a no-data rule (got '${t.failureMode}')` }];
  }
  if (t.kind !== 'no-data' && t.failureMode === 'no-data') {
    return [{ path: ['failureMode'], message: `'no-data' is only for no-data rules; ${an(t.kind)} rule reports what the machine does` }];
  }
  return [];
}
