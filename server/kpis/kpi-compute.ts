/**
 * Maintenance KPIs, pure: order rows and their status history in, figures
 * out. No clock and no I/O; the window [from, to) and the devices in scope
 * are decided by the caller. Definitions:
 *
 * - MTTA (mean time to acknowledge): for orders whose first move out of
 *   'open' to acknowledged / assigned / in-progress (from the timeline)
 *   happened in the window, the mean of (that move − created_at). An order
 *   cancelled straight from 'open' was never acknowledged and is not counted.
 * - MTTR (mean time to repair): for repair orders (not preventive or
 *   inspection: planned work is opened ahead of its due date, so its age says
 *   nothing about repair speed) with resolved_at in the window, the mean of
 *   (resolved_at − created_at). resolved_at is the last move to 'resolved' (a
 *   reopen clears it), so a reopened order counts once it is resolved again.
 * - MTBF (mean time between failures): (observedMs × devices) / failures,
 *   where observedMs = to − from, devices = devices in scope, and failures =
 *   orders with a 'confirmed' outcome recorded in the window. null without
 *   failures.
 * - SLA attainment, per target (response, resolution): of the orders whose
 *   clock stopped in the window by completion, met / (met + missed), where a
 *   target met late counts as missed. A clock stopped by cancellation counts
 *   neither way. States come from the existing SLA evaluation (server/sla).
 * - Backlog: orders in an open status (open .. on-hold) at an instant,
 *   reconstructed from created_at and the status timeline (events before the
 *   instant). `open` and `byPriority` are at `to` (by each order's current
 *   priority; priority history is not reconstructed); `trend` has one point
 *   at the end of each UTC day of the window, the last at `to`.
 * - Rule precision: as server/rules/rule-precision.ts, over the potential-fault
 *   orders in scope created in the window, by their current status/outcome.
 *
 * All durations are calendar milliseconds (not working time).
 */
import type { KpiMeanView, KpiSlaTargetView, KpiView, Priority, WorkOrderStatus, WorkOrderType } from '../http/api-types';
import { PRIORITIES } from '../priority/priority-scoring';
import { rulePrecision, type RuleOrderCount } from '../rules/rule-precision';
import type { SlaState } from '../sla';
import { OPEN_STATUSES } from '../work-orders/work-order-state';

export const DAY_MS = 24 * 60 * 60_000;

/** Where an SLA clock stands: its state and when it stopped for good (null while running or paused). */
export interface KpiSlaClock {
  state: SlaState;
  stoppedAt: number | null;
}

/** Planned work, left out of MTTR. */
const PLANNED_TYPES: readonly WorkOrderType[] = ['preventive', 'inspection'];

export interface KpiOrder {
  id: number;
  type: WorkOrderType;
  status: WorkOrderStatus;
  priority: Priority;
  createdAt: number;
  resolvedAt: number | null;
  outcome: { kind: string; recordedAt: number } | null;
  /** The rule in the order's evidence, for potential-fault orders raised by a rule. */
  ruleId: string | null;
  sla: { response: KpiSlaClock; resolution: KpiSlaClock };
}

export interface KpiStatusEvent {
  workOrderId: number;
  at: number;
  to: WorkOrderStatus;
}

export interface KpiInput {
  from: number;
  to: number;
  /** Devices in scope. */
  devices: number;
  /** Orders of the devices in scope (at least those created before `to`). */
  orders: readonly KpiOrder[];
  /** Their status changes, any order. */
  statusEvents: readonly KpiStatusEvent[];
}

export type KpiFigures = Omit<KpiView, 'filter'>;

const ACKNOWLEDGING: readonly WorkOrderStatus[] = ['acknowledged', 'assigned', 'in-progress'];
const isOpen = (s: WorkOrderStatus) => (OPEN_STATUSES as readonly WorkOrderStatus[]).includes(s);

function mean(durations: readonly number[]): KpiMeanView {
  if (durations.length === 0) return { ms: null, count: 0 };
  return { ms: Math.round(durations.reduce((a, b) => a + b, 0) / durations.length), count: durations.length };
}

/** End of each UTC day overlapping [from, to), capped at `to`; the last point is `to`. */
export function dayEnds(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(from / DAY_MS) * DAY_MS + DAY_MS; t < to; t += DAY_MS) out.push(t);
  out.push(to);
  return out;
}

/** Status of an order just before `at`: the last change before it, 'open' before any; null before creation. */
function statusBefore(order: KpiOrder, events: readonly KpiStatusEvent[], at: number): WorkOrderStatus | null {
  if (order.createdAt >= at) return null;
  let status: WorkOrderStatus = 'open';
  let lastAt = -Infinity;
  for (const e of events) if (e.at < at && e.at >= lastAt) ((status = e.to), (lastAt = e.at));
  return status;
}

function slaTarget(orders: readonly KpiOrder[], pick: (o: KpiOrder) => KpiSlaClock, inWindow: (t: number) => boolean): KpiSlaTargetView {
  let met = 0;
  let missed = 0;
  for (const o of orders) {
    const clock = pick(o);
    if (clock.stoppedAt === null || !inWindow(clock.stoppedAt)) continue;
    if (clock.state === 'met') met++;
    else if (clock.state === 'met-late') missed++;
  }
  return { met, missed, ratio: met + missed === 0 ? null : met / (met + missed) };
}

export function computeKpis(input: KpiInput): KpiFigures {
  const { from, to, orders } = input;
  const inWindow = (t: number) => t >= from && t < to;
  const eventsOf = new Map<number, KpiStatusEvent[]>();
  for (const e of input.statusEvents) {
    const list = eventsOf.get(e.workOrderId);
    if (list) list.push(e);
    else eventsOf.set(e.workOrderId, [e]);
  }
  const events = (o: KpiOrder) => eventsOf.get(o.id) ?? [];

  const ackDurations: number[] = [];
  for (const o of orders) {
    const first = events(o)
      .filter((e) => ACKNOWLEDGING.includes(e.to))
      .reduce<KpiStatusEvent | null>((a, e) => (a === null || e.at < a.at ? e : a), null);
    if (first && inWindow(first.at)) ackDurations.push(first.at - o.createdAt);
  }

  const repairDurations = orders
    .filter((o) => !PLANNED_TYPES.includes(o.type) && o.resolvedAt !== null && inWindow(o.resolvedAt))
    .map((o) => o.resolvedAt! - o.createdAt);

  const failures = orders.filter((o) => o.outcome?.kind === 'confirmed' && inWindow(o.outcome.recordedAt)).length;
  const observedMs = to - from;

  const openAt = (at: number) => orders.filter((o) => {
    const s = statusBefore(o, events(o), at);
    return s !== null && isOpen(s);
  });
  const openAtEnd = openAt(to);
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const o of openAtEnd) byPriority[o.priority]++;

  const counts: RuleOrderCount[] = orders
    .filter((o) => o.type === 'potential-fault' && o.ruleId !== null && inWindow(o.createdAt))
    .map((o) => ({ ruleId: o.ruleId!, status: o.status, outcomeKind: o.outcome?.kind ?? null, n: 1 }));

  return {
    from,
    to,
    mtta: mean(ackDurations),
    mttr: mean(repairDurations),
    mtbf: { ms: failures === 0 ? null : Math.round((observedMs * input.devices) / failures), failures, devices: input.devices, observedMs },
    slaAttainment: {
      response: slaTarget(orders, (o) => o.sla.response, inWindow),
      resolution: slaTarget(orders, (o) => o.sla.resolution, inWindow),
    },
    backlog: { open: openAtEnd.length, byPriority, trend: dayEnds(from, to).map((at) => ({ at, open: openAt(at).length })) },
    rulePrecision: rulePrecision([], counts),
  };
}
