/**
 * Reads what the KPIs are computed from: the devices in scope, their orders
 * created before the window's end, those orders' status timeline, and each
 * order's SLA clocks from the existing SLA evaluation (site calendar, policy)
 * at `now`.
 */
import { and, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { devices, lines, sites, workOrderEvents, workOrders } from '../db/schema';
import type { WorkOrderStatus } from '../http/api-types';
import { DEFAULT_SLA_POLICY, evaluateSla, type SlaPolicy, type TargetEvaluation } from '../sla';
import type { SiteCalendarLookup } from '../sla/site-calendars';
import { slaOrderOf } from '../work-orders/work-order-sla';
import type { KpiInput, KpiOrder, KpiSlaClock } from './kpi-compute';

export interface KpiScope {
  siteId: string | null;
  lineId: string | null;
  deviceId: string | null;
}

/** Which of the named site, line and device do not exist (parameter names). */
export function unknownScopeParams(database: Database, scope: KpiScope): Array<keyof KpiScope> {
  const { db } = database;
  const out: Array<keyof KpiScope> = [];
  if (scope.siteId !== null && !db.select({ id: sites.id }).from(sites).where(eq(sites.id, scope.siteId)).get()) out.push('siteId');
  if (scope.lineId !== null && !db.select({ id: lines.id }).from(lines).where(eq(lines.id, scope.lineId)).get()) out.push('lineId');
  if (scope.deviceId !== null && !db.select({ id: devices.id }).from(devices).where(eq(devices.id, scope.deviceId)).get()) out.push('deviceId');
  return out;
}

const SLA_KINDS = ['status', 'comment', 'outcome'] as const;
const clockOf = (t: TargetEvaluation): KpiSlaClock => ({ state: t.state, stoppedAt: t.stoppedAt ?? null });

export function loadKpiInput(
  database: Database,
  { scope, from, to, now, calendarOf, policy = DEFAULT_SLA_POLICY }: { scope: KpiScope; from: number; to: number; now: number; calendarOf: SiteCalendarLookup; policy?: SlaPolicy },
): KpiInput {
  const { db } = database;
  const where: SQL[] = [];
  if (scope.siteId !== null) where.push(eq(devices.siteId, scope.siteId));
  if (scope.lineId !== null) where.push(eq(devices.lineId, scope.lineId));
  if (scope.deviceId !== null) where.push(eq(devices.id, scope.deviceId));
  const deviceRows = db.select({ id: devices.id }).from(devices).where(and(...where)).all();

  const rows = deviceRows.length
    ? db
        .select({ order: workOrders, siteId: devices.siteId })
        .from(workOrders)
        .innerJoin(devices, eq(devices.id, workOrders.deviceId))
        .where(and(inArray(workOrders.deviceId, deviceRows.map((d) => d.id)), lt(workOrders.createdAt, to)))
        .all()
    : [];
  const ids = rows.map((r) => r.order.id);
  const events = ids.length
    ? db
        .select({ workOrderId: workOrderEvents.workOrderId, at: workOrderEvents.at, kind: workOrderEvents.kind, to: workOrderEvents.to, holdReason: workOrderEvents.holdReason })
        .from(workOrderEvents)
        .where(and(inArray(workOrderEvents.workOrderId, ids), inArray(workOrderEvents.kind, SLA_KINDS)))
        .orderBy(workOrderEvents.id)
        .all()
    : [];
  const eventsOf = new Map<number, typeof events>();
  for (const e of events) eventsOf.set(e.workOrderId, [...(eventsOf.get(e.workOrderId) ?? []), e]);

  const orders: KpiOrder[] = rows.map(({ order, siteId }) => {
    const sla = evaluateSla(policy, calendarOf(siteId), slaOrderOf(order, eventsOf.get(order.id) ?? []), now);
    const outcome = order.outcome === null ? null : (JSON.parse(order.outcome) as { kind: string; recordedAt: number });
    const evidence = order.evidence === null ? null : (JSON.parse(order.evidence) as { ruleId?: string | null });
    return {
      id: order.id,
      type: order.type,
      status: order.status,
      priority: order.priority,
      createdAt: order.createdAt,
      resolvedAt: order.resolvedAt,
      outcome: outcome && { kind: outcome.kind, recordedAt: outcome.recordedAt },
      ruleId: evidence?.ruleId ?? null,
      sla: { response: clockOf(sla.response), resolution: clockOf(sla.resolution) },
    };
  });
  const statusEvents = events.flatMap((e) => (e.kind === 'status' && e.to !== null ? [{ workOrderId: e.workOrderId, at: e.at, to: e.to as WorkOrderStatus }] : []));
  return { from, to, devices: deviceRows.length, orders, statusEvents };
}
