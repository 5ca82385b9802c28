/**
 * A line's blocking chain in words: the one-line root cause on a map tile
 * ("Waiting for Utilities → P-104 → WO-2026-000001 in progress, ETA 14:30")
 * and the steps of the chain panel (line → line → device → work order). Pure.
 */
import type { LineChainLink, LineEffect, LineReason, LineState, LineStateView, WorkOrderStatus } from '../../../server/http/api-types';
import { href } from './route';
import { formatClock } from './time-format';
import { failureModeLabel } from './work-order-outcome';
import { STATUS_LABEL } from './work-order-status';

export const LINE_STATE_LABEL: Record<LineState, string> = {
  running: 'Running',
  degraded: 'Degraded',
  down: 'Down',
  starved: 'Starved',
  blocked: 'Blocked',
  'no-data': 'No data',
};

const METRIC_WORD: Record<string, string> = { temperature: 'temperature', vibration: 'vibration', current: 'current' };

export interface ChainOptions {
  now: number;
  /** Zone for ETAs; the viewer's own when omitted (a wall screen hangs in the plant). */
  timeZone?: string;
}

type WorkOrderLink = Extract<LineChainLink, { kind: 'work-order' }>;

function clock(ts: number, o: ChainOptions): string {
  return formatClock(ts, o.now, { timeZone: o.timeZone });
}

/** "ETA 14:30", "ETA 14:30 (overdue)", or null without an expected finish. */
export function etaText(expectedFinish: number | null, o: ChainOptions): string | null {
  if (expectedFinish === null) return null;
  return `ETA ${clock(expectedFinish, o)}${expectedFinish < o.now ? ' (overdue)' : ''}`;
}

/** "WO-2026-000001 in progress, ETA 14:30". */
export function workOrderPhrase(w: WorkOrderLink, o: ChainOptions): string {
  const eta = etaText(w.expectedFinish, o);
  return `${w.number} ${STATUS_LABEL[w.status].toLowerCase()}${eta ? `, ${eta}` : ''}`;
}

/** What ends a chain, said of its device: "stopped", "silent since 13:55", "vibration alarm since 14:02". */
function endPhrase(link: LineChainLink, o: ChainOptions): string | null {
  switch (link.kind) {
    case 'device-stopped':
      return 'stopped';
    case 'device-silent':
      if (link.liveness === 'never-seen') return 'never reported';
      return link.lastSeenAt === null ? 'silent' : `silent since ${clock(link.lastSeenAt, o)}`;
    case 'anomaly':
      return `${METRIC_WORD[link.metric] ?? link.metric} ${link.severity} since ${clock(link.startedAt, o)}`;
    default:
      return null;
  }
}

const LEAD: Partial<Record<LineEffect, string>> = { starved: 'Waiting for ', blocked: 'Blocked by ' };

/**
 * The root cause of one reason in one line: the chain after this line, joined
 * by arrows; a stop, silence or anomaly is said of its device ("P-104 stopped").
 */
export function causeSentence(reason: LineReason | undefined, o: ChainOptions): string {
  if (!reason) return '';
  if (reason.cause === 'no-devices') return 'No devices configured on this line';
  const links = reason.chain[0]?.kind === 'line' ? reason.chain.slice(1) : reason.chain.slice();
  const parts: string[] = [];
  for (const link of links) {
    const end = endPhrase(link, o);
    if (end !== null) {
      const prev = parts.pop();
      parts.push(prev === undefined ? end : `${prev}${link.kind === 'anomaly' ? ':' : ''} ${end}`);
      continue;
    }
    if (link.kind === 'line') parts.push(link.name);
    else if (link.kind === 'device') parts.push(link.id);
    else if (link.kind === 'work-order') parts.push(workOrderPhrase(link, o));
  }
  const text = parts.join(' → ');
  return text ? `${LEAD[reason.effect] ?? ''}${text}` : '';
}

/** The tile's one line: the primary reason, and how many more there are. Empty while running. */
export function lineCause(line: Pick<LineStateView, 'reasons'>, o: ChainOptions): string {
  const first = causeSentence(line.reasons[0], o);
  const more = line.reasons.length - 1;
  return first && more > 0 ? `${first} (+${more} more)` : first;
}

export interface ChainStep {
  kind: LineChainLink['kind'];
  title: string;
  /** Secondary text under the title. */
  detail: string | null;
  /** Label/value facts (work orders: status, assignee, expected finish). */
  facts: Array<[label: string, value: string]>;
  href: string | null;
  /** For lines: the part the line plays in this chain. */
  effect?: LineEffect;
  /** For work orders. */
  status?: WorkOrderStatus;
  stopsLine?: boolean;
}

/** One step per link, in chain order, for the chain panel. */
export function chainSteps(chain: readonly LineChainLink[], o: ChainOptions): ChainStep[] {
  return chain.map((link): ChainStep => {
    switch (link.kind) {
      case 'line':
        return { kind: 'line', title: link.name, detail: LINE_STATE_LABEL[link.state], facts: [], href: href.map({ lineId: link.id }), effect: link.state };
      case 'device':
        return { kind: 'device', title: link.name, detail: link.id, facts: [], href: href.device(link.id) };
      case 'work-order':
        return {
          kind: 'work-order',
          title: link.number,
          detail: link.title,
          facts: [
            ['Status', STATUS_LABEL[link.status]],
            ['Assignee', link.assignee ?? 'unassigned'],
            ['Expected finish', link.expectedFinish === null ? 'not set' : `${clock(link.expectedFinish, o)}${link.expectedFinish < o.now ? ' (overdue)' : ''}`],
          ],
          href: href.workOrder(link.id),
          status: link.status,
          stopsLine: link.stopsLine,
        };
      case 'anomaly':
        return {
          kind: 'anomaly',
          title: `${cap(METRIC_WORD[link.metric] ?? link.metric)} ${link.severity}`,
          detail: `${failureModeLabel(link.failureMode)}, since ${clock(link.startedAt, o)}`,
          facts: [],
          href: null,
        };
      case 'device-stopped':
        return { kind: 'device-stopped', title: 'Machine stopped', detail: 'The machine reports itself stopped', facts: [], href: null };
      case 'device-silent':
        return {
          kind: 'device-silent',
          title: 'Not reporting',
          detail: link.liveness === 'never-seen' ? 'Never seen by the gateway' : link.lastSeenAt === null ? 'Offline' : `Offline, last seen ${clock(link.lastSeenAt, o)}`,
          facts: [],
          href: null,
        };
    }
  });
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
