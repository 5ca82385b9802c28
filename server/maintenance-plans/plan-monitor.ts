/**
 * The maintenance-plan monitor: once a minute (and for a plan whose order was
 * just completed, at once), records completions and opens the preventive
 * orders that are due, through the work-order service, so they are numbered,
 * prioritised, time-lined, published and webhooked like any other order.
 *
 * One open order per plan: the plan row points at its latest order
 * (`last_order_id`, unique), and a new one is opened only when that order is
 * resolved, closed or cancelled (plan-schedule.ts). Reading the plan, opening
 * the order and pointing the plan at it are one IMMEDIATE transaction, so a
 * second monitor on the same database cannot open another in between, and a
 * crash cannot leave an order the plan does not know of. (The order's bus
 * events go out just before that transaction commits; nothing after them in
 * it can fail but the database itself.)
 *
 * A completed order's running hours are recorded when the monitor learns of
 * the completion: at once from the order's bus event, else at the next tick.
 */
import type { Database } from '../db/database';
import { inTransaction } from '../db/transaction';
import type { ServiceDeps } from '../service-deps';
import type { WorkOrderService } from '../work-orders/work-order-service';
import { decide, isDone, scheduleNote } from './plan-schedule';
import { completionAt, findPlanRecord, listPlanRecords, planFacts, updatePlan, type PlanRecord } from './plan-repository';

/** Actor of the orders the monitor opens. */
export const PLAN_ACTOR = 'system:maintenance-plans';

export const DEFAULT_PLAN_TICK_MS = 60_000;

export interface PlanMonitorDeps extends ServiceDeps {
  workOrders: WorkOrderService;
}

export interface PlanTickResult {
  /** Plans looked at. */
  plans: number;
  /** Numbers of the orders opened by this tick. */
  opened: string[];
}

export interface PlanMonitor {
  tick(): PlanTickResult;
  /** Ticks every `intervalMs` (default 60 s) until stopped; the timer does not keep the process alive. */
  start(intervalMs?: number): void;
  stop(): void;
}

/** Records when the plan's order was completed and the device's running ms then, unless already recorded for that completion. */
function recordCompletion(database: Database, record: PlanRecord): PlanRecord {
  const order = record.lastOrder;
  if (!order || !isDone(order.status)) return record;
  const doneAt = completionAt(order);
  if (doneAt === null || doneAt === record.plan.lastDoneAt) return record;
  const plan = updatePlan(database, record.plan.id, { lastDoneAt: doneAt, lastDoneRunningMs: record.runningMs });
  return { ...record, plan };
}

export function createMaintenancePlanMonitor(deps: PlanMonitorDeps): PlanMonitor {
  const { database, bus, now, logger, workOrders } = deps;
  let timer: ReturnType<typeof setInterval> | null = null;

  /** Opens the plan's order when due; returns its number, or null. */
  function schedule(id: string, at: number): string | null {
    return inTransaction(database, () => {
      const found = findPlanRecord(database, id);
      if (!found) return null;
      const record = recordCompletion(database, found);
      const { plan, runningMs } = record;
      const decision = decide(planFacts(record), at, runningMs);
      if (decision.action !== 'create') return null;
      const next = decision.next;
      const note = `Maintenance plan ${plan.id} "${plan.title}": ${scheduleNote(plan.trigger, next, runningMs)}`;
      const order = workOrders.create(
        {
          type: 'preventive',
          deviceId: plan.deviceId,
          title: plan.title,
          ...(plan.description && { description: plan.description }),
          ...(next.kind === 'calendar' && { dueAt: next.dueAt }),
          actor: PLAN_ACTOR,
        },
        { note, requirements: { skills: JSON.parse(plan.requiredSkills) as string[], certifications: JSON.parse(plan.requiredCertifications) as string[] } },
      );
      updatePlan(database, plan.id, {
        lastOrderId: order.id,
        lastDueAt: next.kind === 'calendar' ? next.dueAt : null,
        lastDueRunningMs: next.kind === 'running-hours' ? next.dueRunningMs : null,
      });
      if (plan.priority) workOrders.setPriority(order.id, { priority: plan.priority, reason: `set by maintenance plan ${plan.id}`, actor: PLAN_ACTOR });
      return order.number;
    });
  }

  function tick(): PlanTickResult {
    const at = now();
    const records = listPlanRecords(database);
    const opened: string[] = [];
    for (const { plan } of records) {
      try {
        const number = schedule(plan.id, at);
        if (number) opened.push(number);
      } catch (err) {
        // One broken plan (e.g. its device left the plant) must not hold up the others.
        logger.error({ err, planId: plan.id }, 'maintenance plan scheduling failed');
      }
    }
    if (opened.length) logger.info({ opened }, 'preventive orders opened by maintenance plans');
    return { plans: records.length, opened };
  }

  // A plan's order completed: record the running hours now rather than up to a minute later, and open the next order if already due.
  const unsubscribe = bus.subscribe((event) => {
    if (event.name !== 'work-order' || !isDone(event.data.workOrder.status)) return;
    const plan = listPlanRecords(database, { lastOrderId: event.data.workOrder.id })[0];
    if (plan) schedule(plan.plan.id, now());
  });

  return {
    tick,
    start(intervalMs = DEFAULT_PLAN_TICK_MS) {
      if (timer) return;
      timer = setInterval(() => {
        try {
          tick();
        } catch (err) {
          logger.error({ err }, 'maintenance plan monitor tick failed');
        }
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      unsubscribe();
    },
  };
}
