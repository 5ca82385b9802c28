/**
 * Outcomes a technician reports when resolving or closing an order, as the
 * server accepts them (see OutcomeInput in api-types): form values in, a
 * checked OutcomeInput or per-field problems out. Pure.
 */
import type { FailureMode } from '../../../server/detection/types';
import type { OutcomeInput, OutcomeView, PartUsed, WorkOrderStatus, WorkOrderType } from '../../../server/http/api-types';

export const FAILURE_MODES = [
  'vibration-high',
  'overheating',
  'overcurrent',
  'undercurrent',
  'temperature-low',
  'no-data',
] as const satisfies readonly FailureMode[];

type MissingMode = Exclude<FailureMode, (typeof FAILURE_MODES)[number]>;
const noModeMissing: [MissingMode] extends [never] ? true : never = true;
void noModeMissing;

export const FAILURE_MODE_LABEL: Record<FailureMode, string> = {
  'vibration-high': 'High vibration',
  overheating: 'Overheating',
  overcurrent: 'Overcurrent',
  undercurrent: 'Undercurrent',
  'temperature-low': 'Low temperature',
  'no-data': 'No data (device silent)',
};

export function failureModeLabel(mode: string): string {
  return (FAILURE_MODE_LABEL as Record<string, string>)[mode] ?? mode;
}

/** Moving to these statuses needs an outcome, unless one is already recorded. */
export function needsOutcome(to: WorkOrderStatus, recorded: OutcomeView | null | undefined): boolean {
  return (to === 'resolved' || to === 'closed') && !recorded;
}

/**
 * The outcomes an order of each type may close with, the usual one first (as
 * server/work-orders/outcome-kinds.ts): planned work closes as work done.
 */
export const OUTCOME_KINDS_BY_TYPE: Record<WorkOrderType, readonly OutcomeView['kind'][]> = {
  'potential-fault': ['confirmed', 'no-fault-found'],
  corrective: ['confirmed', 'no-fault-found'],
  emergency: ['confirmed', 'no-fault-found'],
  preventive: ['completed', 'confirmed', 'no-fault-found'],
  inspection: ['completed', 'confirmed', 'no-fault-found'],
};

export interface OutcomeForm {
  kind: OutcomeView['kind'];
  failureMode: string;
  cause: string;
  action: string;
  /** One part per line: "6205-2RS x2 deep groove ball bearing". */
  parts: string;
  /** Labour as typed: "90", "1:30", "1h30", "1 h 30 min". */
  labour: string;
  /** No fault found: what was checked. Work done: findings (optional). */
  note: string;
}

export type OutcomeCheck = { ok: true; outcome: OutcomeInput } | { ok: false; problems: Partial<Record<keyof OutcomeForm, string>> };

export function checkOutcome(form: OutcomeForm): OutcomeCheck {
  const problems: Partial<Record<keyof OutcomeForm, string>> = {};
  if (form.kind === 'no-fault-found') {
    const note = form.note.trim();
    if (!note) problems.note = 'Say what you checked and found, so the rule owner can tune it.';
    else if (note.length > 2000) problems.note = 'At most 2000 characters.';
    return Object.keys(problems).length ? { ok: false, problems } : { ok: true, outcome: { kind: 'no-fault-found', note } };
  }
  const work = checkWork(form, problems);
  if (form.kind === 'completed') {
    const findings = form.note.trim();
    if (findings.length > 2000) problems.note = 'At most 2000 characters.';
    if (Object.keys(problems).length || !work) return { ok: false, problems };
    return { ok: true, outcome: { kind: 'completed', ...work, ...(findings ? { findings } : {}) } };
  }
  const failureMode = FAILURE_MODES.find((m) => m === form.failureMode);
  if (!failureMode) problems.failureMode = 'Pick the failure mode you found.';
  const cause = form.cause.trim();
  if (!cause) problems.cause = 'What caused it?';
  else if (cause.length > 2000) problems.cause = 'At most 2000 characters.';
  if (Object.keys(problems).length || !failureMode || !work) return { ok: false, problems };
  return { ok: true, outcome: { kind: 'confirmed', failureMode, cause, ...work } };
}

/** The work done, shared by a confirmed fault and planned work: action and labour required, parts optional. Problems go into `problems`. */
function checkWork(form: OutcomeForm, problems: Partial<Record<keyof OutcomeForm, string>>): { action: string; labourMinutes: number; parts?: PartUsed[] } | null {
  const action = form.action.trim();
  if (!action) problems.action = 'What did you do?';
  else if (action.length > 2000) problems.action = 'At most 2000 characters.';
  const labourMinutes = parseLabourMinutes(form.labour);
  if (labourMinutes === null) problems.labour = 'Minutes, or hours and minutes like 1:30.';
  const parts = parseParts(form.parts);
  if (!parts.ok) problems.parts = parts.problem;
  if (!action || action.length > 2000 || labourMinutes === null || !parts.ok) return null;
  return { action, labourMinutes, ...(parts.parts.length ? { parts: parts.parts } : {}) };
}

/** "90" → 90, "1:30" → 90, "1h30" / "1 h 30 min" → 90, "2h" → 120, "45 min" → 45; anything else → null. */
export function parseLabourMinutes(text: string): number | null {
  const t = text.trim().toLowerCase();
  let m: RegExpExecArray | null;
  let minutes: number | null = null;
  if ((m = /^(\d{1,5})\s*(?:m|min|mins|minutes)?$/.exec(t))) minutes = Number(m[1]);
  else if ((m = /^(\d{1,4}):([0-5]\d)$/.exec(t))) minutes = Number(m[1]) * 60 + Number(m[2]);
  else if ((m = /^(\d{1,4})\s*h(?:ours?|rs?)?\s*(?:(\d{1,2})\s*(?:m|min|mins|minutes)?)?$/.exec(t))) minutes = Number(m[1]) * 60 + Number(m[2] ?? 0);
  return minutes !== null && minutes <= 100_000 ? minutes : null;
}

/** One part per line: "<part number> [x|×]<quantity> [description]"; quantity defaults to 1. Blank lines are skipped. */
export function parseParts(text: string): { ok: true; parts: PartUsed[] } | { ok: false; problem: string } {
  const parts: PartUsed[] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > 50) return { ok: false, problem: 'At most 50 parts.' };
  for (const [i, line] of lines.entries()) {
    const m = /^(\S{1,60})(?:\s+[x×]\s*(\d+(?:\.\d+)?)|\s*[x×](\d+(?:\.\d+)?))?(?:\s+(.+))?$/i.exec(line);
    if (!m) return { ok: false, problem: `Line ${i + 1}: write "part-number x2 description".` };
    const quantity = Number(m[2] ?? m[3] ?? 1);
    if (!(quantity > 0)) return { ok: false, problem: `Line ${i + 1}: the quantity must be more than 0.` };
    const description = m[4]?.trim().slice(0, 200);
    parts.push({ partNumber: m[1]!, quantity, ...(description ? { description } : {}) });
  }
  return { ok: true, parts };
}

/** 90 → "1 h 30 min", 45 → "45 min", 120 → "2 h". */
export function formatLabour(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export const OUTCOME_LABEL: Record<OutcomeView['kind'], string> = {
  confirmed: 'Confirmed fault',
  'no-fault-found': 'No fault found',
  completed: 'Work done',
};
