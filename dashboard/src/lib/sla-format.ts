/**
 * How an order's SLA reads: the chip in the queue (the target whose clock
 * matters now) and the two rows of the detail panel. Due times are shown in
 * the site's time zone, as the plant's clocks show them; the zone's name is
 * added when the viewer's own zone differs. Pure: `now` and the viewer's zone are passed in.
 */
import type { SlaTargetView, WorkOrderSlaView } from '../../../server/http/api-types';
import { formatClock, formatDuration, formatFullTimestamp } from './time-format';

export type SlaTargetName = 'response' | 'resolution';
/** The server's SlaState, plus 'paused' while the clock is paused (and not already breached). */
export type SlaDisplayState = 'ok' | 'warning' | 'breached' | 'paused' | 'met' | 'met-late';

export const SLA_STATE_LABEL: Record<SlaDisplayState, string> = {
  ok: 'On track',
  warning: 'At risk',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
  'met-late': 'Met late',
};

const TARGET_LABEL: Record<SlaTargetName, string> = { response: 'Response', resolution: 'Resolution' };

export interface SlaContext {
  now: number;
  /** The viewer's IANA zone; the site's zone name is shown when it differs. */
  viewerZone?: string;
}

/** The target the queue shows: response until someone responded, then resolution. */
export function currentTarget(sla: WorkOrderSlaView): { name: SlaTargetName; target: SlaTargetView } {
  return sla.response.clock !== 'stopped' ? { name: 'response', target: sla.response } : { name: 'resolution', target: sla.resolution };
}

/**
 * A breach stays a breach while paused; otherwise a paused clock reads
 * 'paused'. Given `now`, a running clock past its due time reads breached
 * even before the server says so (the view was fetched earlier).
 */
export function targetState(t: SlaTargetView, now?: number): SlaDisplayState {
  if (t.state === 'breached') return 'breached';
  if (t.clock === 'paused') return 'paused';
  if (now !== undefined && t.clock === 'running' && t.dueAt !== null && now > t.dueAt && (t.state === 'ok' || t.state === 'warning')) return 'breached';
  return t.state;
}

/** "64 %" of the target used (never negative). */
export function usedPercent(ratio: number): string {
  return `${Math.max(0, Math.round(ratio * 100))} %`;
}

/** "4 h working time" or "30 min". */
export function targetLength(t: Pick<SlaTargetView, 'targetMs' | 'calendar'>): string {
  return `${formatDuration(t.targetMs)}${t.calendar === 'working' ? ' working time' : ''}`;
}

function clock(ts: number, sla: WorkOrderSlaView, ctx: SlaContext): string {
  return formatClock(ts, ctx.now, { timeZone: sla.timeZone, showZone: !!ctx.viewerZone && ctx.viewerZone !== sla.timeZone });
}

export interface SlaSummary {
  state: SlaDisplayState;
  target: SlaTargetName;
  /** One word or two for the chip: "At risk". */
  label: string;
  /** The sentence beside it: "Resolve by 14:30 · 82 % used". */
  text: string;
  /** Tooltip with the full facts. */
  title: string;
}

/** The queue's SLA chip: the current target's state and what it means now. */
export function summarizeSla(sla: WorkOrderSlaView, ctx: SlaContext): SlaSummary {
  const { name, target } = currentTarget(sla);
  const state = targetState(target, ctx.now);
  return { state, target: name, label: SLA_STATE_LABEL[state], text: targetSentence(name, target, state, sla, ctx), title: targetTitle(name, target, sla) };
}

function targetSentence(name: SlaTargetName, t: SlaTargetView, state: SlaDisplayState, sla: WorkOrderSlaView, ctx: SlaContext): string {
  const verb = name === 'response' ? 'Respond' : 'Resolve';
  switch (state) {
    case 'ok':
    case 'warning': {
      if (t.dueAt === null) return `${verb}: ${usedPercent(t.usedRatio)} used`;
      return `${verb} by ${clock(t.dueAt, sla, ctx)}${state === 'warning' ? ` · ${usedPercent(t.usedRatio)} used` : ''}`;
    }
    case 'breached': {
      const missed = t.breachedAt ?? t.dueAt;
      if (missed === null) return `${TARGET_LABEL[name]} target missed`;
      if (t.clock === 'stopped') return `${TARGET_LABEL[name]} missed ${clock(missed, sla, ctx)}`;
      return `${verb}: overdue ${formatDuration(ctx.now - missed)} (due ${clock(missed, sla, ctx)})`;
    }
    case 'paused':
      return `${TARGET_LABEL[name]} clock paused (on hold)`;
    case 'met':
      return name === 'response' ? 'Responded in time' : 'Resolved in time';
    case 'met-late':
      return name === 'response' ? 'Responded late' : 'Resolved late';
  }
}

function targetTitle(name: SlaTargetName, t: SlaTargetView, sla: WorkOrderSlaView): string {
  const due = t.dueAt === null ? 'due time unknown while paused' : `due ${formatFullTimestamp(t.dueAt, { timeZone: sla.timeZone })} (${sla.timeZone})`;
  return `${TARGET_LABEL[name]} target ${targetLength(t)} for ${sla.priority}: ${usedPercent(t.usedRatio)} used, ${due}`;
}

export interface SlaTargetRow {
  name: SlaTargetName;
  label: string;
  state: SlaDisplayState;
  stateLabel: string;
  /** "4 h working time". */
  length: string;
  /** "14:30", "—" while paused. */
  due: string;
  dueTitle: string;
  used: string;
  /** For the bar: 0..1 (a breach fills it). */
  fill: number;
  clock: SlaTargetView['clock'];
  /** What to say under the row: "paused: waiting for parts", "stopped 14:02", "12 min left". */
  note: string;
}

export const CLOCK_LABEL: Record<SlaTargetView['clock'], string> = { running: 'Running', paused: 'Paused', stopped: 'Stopped' };

/** Response and resolution, for the detail's SLA panel. */
export function slaTargetRows(sla: WorkOrderSlaView, ctx: SlaContext): SlaTargetRow[] {
  return (['response', 'resolution'] as const).map((name) => {
    const t = sla[name];
    const state = targetState(t, ctx.now);
    return {
      name,
      label: TARGET_LABEL[name],
      state,
      stateLabel: SLA_STATE_LABEL[state],
      length: targetLength(t),
      due: t.dueAt === null ? '—' : clock(t.dueAt, sla, ctx),
      dueTitle: t.dueAt === null ? 'Unknown while the clock is paused' : `${formatFullTimestamp(t.dueAt, { timeZone: sla.timeZone })} (${sla.timeZone})`,
      used: usedPercent(t.usedRatio),
      fill: Math.min(1, Math.max(0, t.usedRatio)),
      clock: t.clock,
      note: rowNote(t, sla, ctx),
    };
  });
}

function rowNote(t: SlaTargetView, sla: WorkOrderSlaView, ctx: SlaContext): string {
  if (t.clock === 'stopped') return t.stoppedAt === null ? 'Clock stopped' : `Clock stopped ${clock(t.stoppedAt, sla, ctx)}`;
  if (t.clock === 'paused') return 'Clock paused while on hold; it restarts when work resumes';
  if (t.remainingWorkingMs < 0) return `Overrun by ${formatDuration(-t.remainingWorkingMs)}${t.calendar === 'working' ? ' of working time' : ''}`;
  return `${formatDuration(t.remainingWorkingMs)} left${t.calendar === 'working' ? ' (working time)' : ''}`;
}
