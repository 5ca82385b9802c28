/**
 * Rule precision: of the potential-fault orders a rule raised, how many turned
 * out to be real faults. precision = confirmed / (confirmed + no fault found).
 * The rule of an order is the one in its evidence (the anomaly that opened it).
 * Orders count by outcome once resolved or closed, as open while being
 * worked, and not at all when cancelled.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { workOrders } from '../db/schema';
import type { RulePrecisionView, WorkOrderStatus } from '../http/api-types';
import { OPEN_STATUSES } from '../work-orders/work-order-state';

/** Potential-fault orders of one rule in one status with one outcome kind (null: none), counted. */
export interface RuleOrderCount {
  ruleId: string;
  status: WorkOrderStatus;
  outcomeKind: string | null;
  n: number;
}

export function countOrdersByRule(database: Database): RuleOrderCount[] {
  const ruleId = sql<string | null>`json_extract(${workOrders.evidence}, '$.ruleId')`;
  const outcomeKind = sql<string | null>`json_extract(${workOrders.outcome}, '$.kind')`;
  return database.db
    .select({ ruleId, status: workOrders.status, outcomeKind, n: count() })
    .from(workOrders)
    .where(and(eq(workOrders.type, 'potential-fault'), sql`${ruleId} is not null`))
    .groupBy(ruleId, workOrders.status, outcomeKind)
    .all()
    .flatMap((row) => (row.ruleId === null ? [] : [{ ...row, ruleId: row.ruleId }]));
}

const isOpen = (status: WorkOrderStatus) => (OPEN_STATUSES as readonly WorkOrderStatus[]).includes(status);

/** Pure: one entry per rule id in `ruleIds` or in `counts`, sorted by id. */
export function rulePrecision(ruleIds: readonly string[], counts: readonly RuleOrderCount[]): RulePrecisionView[] {
  const byRule = new Map<string, RulePrecisionView>();
  const entry = (ruleId: string) =>
    byRule.get(ruleId) ?? byRule.set(ruleId, { ruleId, confirmed: 0, noFaultFound: 0, open: 0, precision: null }).get(ruleId)!;
  for (const id of ruleIds) entry(id);
  for (const c of counts) {
    const e = entry(c.ruleId);
    if (isOpen(c.status)) e.open += c.n;
    else if (c.status === 'resolved' || c.status === 'closed') {
      if (c.outcomeKind === 'confirmed') e.confirmed += c.n;
      else if (c.outcomeKind === 'no-fault-found') e.noFaultFound += c.n;
    }
  }
  return [...byRule.values()]
    .map((e) => ({ ...e, precision: e.confirmed + e.noFaultFound === 0 ? null : e.confirmed / (e.confirmed + e.noFaultFound) }))
    .sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
