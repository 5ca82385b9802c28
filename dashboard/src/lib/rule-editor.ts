/**
 * The rule editor's logic, pure: which fields a rule offers for editing, the
 * form's text as typed (a draft) → the changes to send, the candidate rule a
 * backtest replays, and the API's 400 field errors placed on their fields.
 *
 * Threshold rules (no `kind`, or kind 'threshold') get their limits and
 * durations with units. Any other kind is edited generically: every number
 * of the rule and of its parameter objects (`params`, `flapping`) becomes a field, so
 * new kinds work before the editor knows them.
 */
import { METRIC_INFO, type Metric } from '../../../contract/metrics';
import type { RuleView } from '../../../server/http/api-types';

/** A rule as the API returns it; other kinds may carry more fields. */
export type RuleLike = RuleView & { kind?: unknown } & Record<string, unknown>;

export interface RuleFieldSpec {
  /** Dotted path in the rule ('warn', 'params.window'); also the key of drafts and errors. */
  key: string;
  label: string;
  /** Unit shown beside the input. */
  unit: string;
  /** Durations are typed in seconds and sent in milliseconds. */
  kind: 'number' | 'duration';
  hint?: string;
}

/** The form's text per field key. */
export type RuleDraft = Record<string, string>;

const THRESHOLD = 'threshold';
const BOOKKEEPING = new Set(['id', 'version', 'updatedAt', 'updatedBy']);
const PARAM_OBJECTS = ['params', 'parameters', 'flapping'] as const;

export function ruleKind(rule: RuleLike): string {
  return typeof rule.kind === 'string' && rule.kind ? rule.kind : THRESHOLD;
}

export function isThreshold(rule: RuleLike): boolean {
  return ruleKind(rule) === THRESHOLD;
}

/** What the warn/alarm/clear numbers mean on the rule's basis. */
export function limitUnit(rule: Pick<RuleView, 'basis' | 'metric'>): string {
  switch (rule.basis) {
    case 'absolute':
      return METRIC_INFO[rule.metric as Metric]?.unit ?? '';
    case 'rated-current':
      return '× rated current';
    case 'insulation-margin':
      return '°C below insulation limit';
    case 'iso-10816-rigid':
      return 'mm/s (rigid foundation)';
    default:
      return '';
  }
}

export function editableFields(rule: RuleLike): RuleFieldSpec[] {
  if (isThreshold(rule)) {
    const unit = limitUnit(rule);
    const towards = rule.direction === 'above' ? 'rises to' : 'falls to';
    return [
      { key: 'warn', label: 'Warn', unit, kind: 'number', hint: `Warning when the value ${towards} this` },
      { key: 'alarm', label: 'Alarm', unit, kind: 'number', hint: `Alarm when the value ${towards} this` },
      { key: 'clear', label: 'Clear', unit, kind: 'number', hint: 'The alert clears once the value is back past this' },
      { key: 'minDurationMs', label: 'Min duration', unit: 's', kind: 'duration', hint: 'How long the limit must be crossed before the alert is raised' },
      { key: 'clearDurationMs', label: 'Clear duration', unit: 's', kind: 'duration', hint: 'How long the value must stay back before the alert clears' },
    ];
  }
  // Other kinds: the rule's own numbers (warn/alarm/clear mean what the kind says) and its parameters'.
  const numeric = (source: Record<string, unknown>, prefix: string): RuleFieldSpec[] =>
    Object.entries(source)
      .filter(([k, v]) => typeof v === 'number' && Number.isFinite(v) && (prefix !== '' || !BOOKKEEPING.has(k)))
      .map(([k]) => ({ key: `${prefix}${k}`, label: humanize(k), unit: /Ms$/.test(k) ? 's' : '', kind: /Ms$/.test(k) ? ('duration' as const) : ('number' as const) }));
  const holders = PARAM_OBJECTS.filter((k) => isRecord(rule[k]));
  return [...numeric(rule, ''), ...holders.flatMap((k) => numeric(rule[k] as Record<string, unknown>, `${k}.`))];
}

export function initialDraft(rule: RuleLike, fields: readonly RuleFieldSpec[]): RuleDraft {
  const draft: RuleDraft = {};
  for (const f of fields) {
    const v = valueAt(rule, f.key);
    draft[f.key] = typeof v === 'number' ? (f.kind === 'duration' ? String(v / 1000) : String(v)) : '';
  }
  return draft;
}

export interface DraftReading {
  /** Top-level fields to send (PUT body, backtest change) that differ from the rule. */
  changes: Record<string, unknown>;
  /** Field key → what is wrong with the text typed. */
  errors: Record<string, string>;
}

/** Reads the form: numbers checked, durations to ms; only what changed ends up in `changes`. */
export function readDraft(rule: RuleLike, fields: readonly RuleFieldSpec[], draft: RuleDraft): DraftReading {
  const changes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const text = (draft[f.key] ?? '').trim();
    if (text === '') {
      errors[f.key] = 'is required';
      continue;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) {
      errors[f.key] = 'must be a number';
      continue;
    }
    if (f.kind === 'duration' && n < 0) {
      errors[f.key] = 'must not be negative';
      continue;
    }
    const value = f.kind === 'duration' ? Math.round(n * 1000) : n;
    if (value === valueAt(rule, f.key)) continue;
    const [top, ...rest] = f.key.split('.');
    if (rest.length === 0) changes[top!] = value;
    else {
      const base = (changes[top!] ?? rule[top!]) as Record<string, unknown>;
      changes[top!] = { ...base, [rest.join('.')]: value };
    }
  }
  return { changes, errors };
}

/** The rule with the changes applied, as a backtest `changes` entry (bookkeeping dropped). */
export function candidateRule(rule: RuleLike, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rule)) if (k !== 'updatedAt' && k !== 'updatedBy') out[k] = v;
  return { ...out, ...changes };
}

/**
 * Places the API's field errors: `warn`, `changes.0.warn` or `body.warn` go
 * on the field with that key; the rest are returned as general messages.
 */
export function placeIssues(
  issues: ReadonlyArray<{ path: string; message: string }>,
  fields: readonly RuleFieldSpec[],
): { byField: Record<string, string>; general: string[] } {
  const keys = new Set(fields.map((f) => f.key));
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/^changes\.\d+\./, '').replace(/^body\./, '');
    if (keys.has(path) && !byField[path]) byField[path] = issue.message;
    else general.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return { byField, general };
}

/** How a rule is named in lists: its scope and metric. */
export function ruleScopeLabel(rule: Pick<RuleView, 'scope'>): string {
  return rule.scope.kind === 'class' ? `All ${rule.scope.equipmentClass}s` : `Device ${rule.scope.deviceId}`;
}

function valueAt(rule: RuleLike, key: string): unknown {
  let v: unknown = rule;
  for (const part of key.split('.')) v = isRecord(v) ? v[part] : undefined;
  return v;
}

function humanize(key: string): string {
  const words = key.replace(/Ms$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
