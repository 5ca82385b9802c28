/**
 * Work orders: detector events in (handleAnomalyEvent), people's actions in
 * (transition, comment), views out. Every change writes the timeline and is
 * published on the bus after it is committed.
 */
import type { Paged, TimelineEntryView, WorkOrderStatus, WorkOrderView } from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import { acknowledgeAnomaliesOf } from '../anomalies/anomaly-repository';
import { toAnomalyView } from '../anomalies/anomaly-views';
import { inTransaction } from '../db/transaction';
import { createRuleService } from '../rules/rule-service';
import type { ServiceDeps } from '../service-deps';
import { createAnomalyIntake, type RuleLookup } from './anomaly-intake';
import {
  appendTimeline,
  findWorkOrderRecord,
  listTimeline,
  listWorkOrderRecords,
  updateWorkOrder,
  type WorkOrderFilter,
  type WorkOrderRecord,
} from './work-order-repository';
import { allowedTransitions, checkTransition, TERMINAL_STATUSES } from './work-order-state';
import { toTimelineEntryView, toWorkOrderView, type WorkOrderDetailView } from './work-order-views';

export type WorkOrderService = ReturnType<typeof createWorkOrderService>;

/** Who did it; 'anonymous' until there is authentication. */
export const ANONYMOUS = 'anonymous';

export function createWorkOrderService(deps: ServiceDeps & { ruleFor?: RuleLookup }) {
  const { database, bus, now } = deps;
  const ruleFor = deps.ruleFor ?? defaultRuleLookup(deps);

  /** Accepts the numeric id or the human number (WO-2026-000042). */
  function load(key: string | number): WorkOrderRecord {
    const record =
      typeof key === 'number' || /^\d+$/.test(key)
        ? findWorkOrderRecord(database, { id: Number(key) })
        : findWorkOrderRecord(database, { number: key });
    if (!record) throw notFound(`work order ${key}`);
    return record;
  }

  function publishUpdated(id: number): WorkOrderView {
    const workOrder = toWorkOrderView(load(id));
    bus.publish('work-order', { change: 'updated', workOrder });
    return workOrder;
  }

  function get(key: string | number): WorkOrderDetailView {
    const record = load(key);
    return {
      ...toWorkOrderView(record),
      timeline: listTimeline(database, record.order.id).map(toTimelineEntryView),
      allowedTransitions: allowedTransitions(record.order.status),
    };
  }

  return {
    handleAnomalyEvent: createAnomalyIntake(deps, ruleFor),

    get,

    list(filter: WorkOrderFilter): Paged<WorkOrderView> {
      const { records, total } = listWorkOrderRecords(database, filter);
      return { items: records.map(toWorkOrderView), total };
    },

    /** Moves the order to `to`; 409 'illegal-transition' listing the allowed moves otherwise. */
    transition(key: string | number, input: { to: WorkOrderStatus; note?: string | undefined; actor?: string | undefined }): WorkOrderDetailView {
      const id = load(key).order.id;
      const acknowledged = inTransaction(database, () => {
        const { order } = load(id);
        const check = checkTransition(order.status, input.to);
        if (!check.ok) throw new HttpError(409, 'illegal-transition', check.message);
        const at = now();
        const closing = (TERMINAL_STATUSES as readonly string[]).includes(input.to);
        updateWorkOrder(database, id, { status: input.to, updatedAt: at, closedAt: closing ? at : null });
        appendTimeline(database, { workOrderId: id, at, actor: input.actor ?? ANONYMOUS, kind: 'status', from: order.status, to: input.to, note: input.note ?? null });
        // Someone took the order up: its anomalies are acknowledged (still active until the signal clears).
        return order.status === 'open' && input.to !== 'cancelled' ? acknowledgeAnomaliesOf(database, id) : [];
      });
      for (const row of acknowledged) bus.publish('anomaly', toAnomalyView(row));
      publishUpdated(id);
      return get(id);
    },

    comment(key: string | number, input: { text: string; actor?: string | undefined }): TimelineEntryView {
      const id = load(key).order.id;
      const entry = inTransaction(database, () => {
        const at = now();
        updateWorkOrder(database, id, { updatedAt: at });
        return appendTimeline(database, { workOrderId: id, at, actor: input.actor ?? ANONYMOUS, kind: 'comment', from: null, to: null, note: input.text });
      });
      publishUpdated(id);
      return toTimelineEntryView(entry);
    },
  };
}

/** Looks the rule up among the device's effective rules in the database. */
function defaultRuleLookup(deps: ServiceDeps): RuleLookup {
  const rules = createRuleService(deps);
  return (deviceId, ruleId) => {
    try {
      return rules.effectiveRules(deviceId).find((r) => r.id === ruleId);
    } catch {
      return undefined;
    }
  };
}
