/**
 * An order's SLA at read time: its status history (timeline 'status'
 * entries with their hold reasons) and people's activity (comments,
 * outcomes) evaluated with server/sla against its site's working calendar
 * and the policy, at `now`. Nothing about the SLA is stored; only the
 * notifications the monitor sent are (sla-monitor.ts).
 */
import { and, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { workOrderEvents } from '../db/schema';
import type { SlaTargetView, WorkOrderSlaView } from '../http/api-types';
import { DEFAULT_SLA_POLICY, evaluateSla, type SlaEvaluation, type SlaOrder, type SlaPolicy, type StatusChange, type TargetEvaluation, type WorkingCalendar } from '../sla';
import type { SiteCalendarLookup } from '../sla/site-calendars';
import type { TimelineRow, WorkOrderRecord, WorkOrderRow } from './work-order-repository';

/** Timeline kinds that count as people working the order (status changes count too). */
const ACTIVITY_KINDS = ['comment', 'outcome'] as const;
const SLA_KINDS = ['status', ...ACTIVITY_KINDS] as const;

type SlaTimelineRow = Pick<TimelineRow, 'workOrderId' | 'at' | 'kind' | 'to' | 'holdReason'>;

/** Pure: the SLA facts of an order from its timeline (any order of entries). */
export function slaOrderOf(order: Pick<WorkOrderRow, 'priority' | 'createdAt'>, timeline: readonly SlaTimelineRow[]): SlaOrder {
  const history: StatusChange[] = timeline
    .filter((t) => t.kind === 'status' && t.to !== null)
    .map((t) => ({ at: t.at, status: t.to as StatusChange['status'], holdReason: t.holdReason }));
  const activityAt = timeline.filter((t) => (ACTIVITY_KINDS as readonly string[]).includes(t.kind)).map((t) => t.at);
  return { priority: order.priority, createdAt: order.createdAt, acknowledgedAt: null, history, activityAt };
}

const toTargetView = (t: TargetEvaluation): SlaTargetView => ({
  state: t.state,
  clock: t.clock,
  dueAt: t.dueAt,
  targetMs: t.targetMs,
  calendar: t.calendar,
  elapsedWorkingMs: t.elapsedWorkingMs,
  remainingWorkingMs: t.remainingWorkingMs,
  usedRatio: t.usedRatio,
  breachedAt: t.breachedAt ?? null,
  stoppedAt: t.stoppedAt ?? null,
});

export function toSlaView(e: SlaEvaluation, timeZone: string): WorkOrderSlaView {
  return {
    priority: e.priority,
    timeZone,
    evaluatedAt: e.now,
    response: toTargetView(e.response),
    resolution: toTargetView(e.resolution),
    stalled: e.stall.stalled,
    lastActivityAt: e.stall.lastActivityAt,
    stalledAt: e.stall.stalledAt ?? null,
  };
}

export interface SlaReading {
  evaluation: SlaEvaluation;
  calendar: WorkingCalendar;
  view: WorkOrderSlaView;
}

export type SlaReader = ReturnType<typeof createSlaReader>;

export function createSlaReader({ database, now, calendarOf, policy = DEFAULT_SLA_POLICY }: { database: Database; now: () => number; calendarOf: SiteCalendarLookup; policy?: SlaPolicy }) {
  /** The SLA timeline entries of a list of order ids (a JSON array), oldest first; prepared once, not built per list request. */
  const prepareTimeline = () =>
    database.db
      .select({ workOrderId: workOrderEvents.workOrderId, at: workOrderEvents.at, kind: workOrderEvents.kind, to: workOrderEvents.to, holdReason: workOrderEvents.holdReason })
      .from(workOrderEvents)
      .where(and(sql`${workOrderEvents.workOrderId} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`, inArray(workOrderEvents.kind, SLA_KINDS)))
      .orderBy(workOrderEvents.id)
      .prepare();
  let timelineOf: ReturnType<typeof prepareTimeline> | undefined;

  /** The SLA of each record at the same `now`, with one timeline query for all of them. */
  function readMany(records: readonly WorkOrderRecord[], at: number = now()): Map<number, SlaReading> {
    const ids = records.map((r) => r.order.id);
    const rows: SlaTimelineRow[] = ids.length ? (timelineOf ??= prepareTimeline()).all({ ids: JSON.stringify(ids) }) : [];
    const byOrder = new Map<number, SlaTimelineRow[]>();
    for (const row of rows) {
      const list = byOrder.get(row.workOrderId);
      if (list) list.push(row);
      else byOrder.set(row.workOrderId, [row]);
    }
    const out = new Map<number, SlaReading>();
    for (const { order, siteId } of records) {
      const calendar = calendarOf(siteId);
      const evaluation = evaluateSla(policy, calendar, slaOrderOf(order, byOrder.get(order.id) ?? []), at);
      out.set(order.id, { evaluation, calendar, view: toSlaView(evaluation, calendar.timeZone) });
    }
    return out;
  }

  return {
    policy,
    readMany,
    read: (record: WorkOrderRecord, at: number = now()): SlaReading => readMany([record], at).get(record.order.id)!,
  };
}
