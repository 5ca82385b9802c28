/**
 * Work orders: detector events in (handleAnomalyEvent), people's actions in
 * (create, transition, comment), views out. Every change writes the timeline
 * and is published on the bus after it is committed.
 */
import type { CreateWorkOrderRequest, OutcomeInput, Paged, TimelineEntryView, WorkOrderStatus, WorkOrderView } from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import { acknowledgeAnomaliesOf } from '../anomalies/anomaly-repository';
import { toAnomalyView } from '../anomalies/anomaly-views';
import { inTransaction } from '../db/transaction';
import { findDeviceRow } from '../devices/device-repository';
import { createRuleService } from '../rules/rule-service';
import type { ServiceDeps } from '../service-deps';
import { createAnomalyIntake, type RuleLookup } from './anomaly-intake';
import { describeOutcome } from './outcome-text';
import { findRecurredRepair, linkRecurrence } from './recurrence';
import {
  appendTimeline,
  findWorkOrderRecord,
  insertWorkOrder,
  listTimeline,
  listWorkOrderRecords,
  updateWorkOrder,
  type NewWorkOrderRow,
  type WorkOrderFilter,
  type WorkOrderRecord,
} from './work-order-repository';
import { OUTCOME_STATUSES } from './work-order-schemas';
import { allowedTransitions, checkTransition, TERMINAL_STATUSES } from './work-order-state';
import { toOutcomeView, toTimelineEntryView, toWorkOrderView, type WorkOrderDetailView } from './work-order-views';

export type WorkOrderService = ReturnType<typeof createWorkOrderService>;

/** Who did it; 'anonymous' until there is authentication. */
export const ANONYMOUS = 'anonymous';

export interface TransitionInput {
  to: WorkOrderStatus;
  note?: string | undefined;
  actor?: string | undefined;
  outcome?: OutcomeInput | undefined;
}

/** Manual orders of these types are faults; they link to the repair they come back after, like detected ones. */
const FAULT_TYPES: ReadonlyArray<CreateWorkOrderRequest['type']> = ['corrective', 'emergency'];

const TYPE_LABEL: Record<CreateWorkOrderRequest['type'], string> = {
  corrective: 'Corrective',
  preventive: 'Preventive',
  emergency: 'Emergency',
  inspection: 'Inspection',
};

/** 400 in the shape of a body validation error, for checks that need the database or the order's state. */
const invalidField = (path: string, message: string) =>
  new HttpError(400, 'invalid-body', `request body is invalid: ${path}: ${message}`, [{ path, message }]);

const needsOutcome = (to: WorkOrderStatus) => (OUTCOME_STATUSES as readonly WorkOrderStatus[]).includes(to);

const isoMinute = (t: number) => new Date(t).toISOString().slice(0, 16) + 'Z';

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

    /**
     * A work order people raise (corrective, preventive, emergency, inspection).
     * Emergency orders always stop the line. 400 naming deviceId for an unknown device.
     */
    create(input: CreateWorkOrderRequest): WorkOrderDetailView {
      const device = findDeviceRow(database, input.deviceId);
      if (!device) throw invalidField('deviceId', `no device ${input.deviceId} in the plant`);
      const actor = input.actor ?? ANONYMOUS;
      const stopsLine = input.type === 'emergency' || input.stopsLine === true;
      const { id, repairId } = inTransaction(database, () => {
        const at = now();
        const row: NewWorkOrderRow = {
          type: input.type,
          status: 'open',
          title: input.title,
          description: input.description ?? '',
          deviceId: device.id,
          failureMode: input.failureMode ?? null,
          severity: input.severity ?? null,
          evidence: null,
          occurrences: 1,
          lastOccurrenceAt: at,
          createdAt: at,
          updatedAt: at,
          stopsLine,
          dueAt: input.dueAt ?? null,
        };
        const order = insertWorkOrder(database, row);
        const note = [`${TYPE_LABEL[input.type]} order`, stopsLine && `line ${device.lineId} is stopped`, input.dueAt && `due ${isoMinute(input.dueAt)}`];
        appendTimeline(database, { workOrderId: order.id, at, actor, kind: 'created', from: null, to: 'open', note: note.filter(Boolean).join('; ') });
        const repair = input.failureMode && FAULT_TYPES.includes(input.type) ? findRecurredRepair(database, device.id, input.failureMode, at) : undefined;
        if (repair) linkRecurrence(database, repair, order, { at, actor });
        return { id: order.id, repairId: repair?.id };
      });
      if (repairId !== undefined) publishUpdated(repairId);
      const created = get(id);
      bus.publish('work-order', { change: 'created', workOrder: toWorkOrderView(load(id)) });
      return created;
    },

    /**
     * Moves the order to `to`. Checked in this order: 404 unknown order;
     * 409 'illegal-transition' listing the allowed moves; 400 naming `outcome`
     * when moving to resolved or closed without an outcome given or recorded.
     * A given outcome is stored (replacing an earlier one) with a timeline entry.
     */
    transition(key: string | number, input: TransitionInput): WorkOrderDetailView {
      const id = load(key).order.id;
      const acknowledged = inTransaction(database, () => {
        const { order } = load(id);
        const check = checkTransition(order.status, input.to);
        if (!check.ok) throw new HttpError(409, 'illegal-transition', check.message);
        if (input.outcome && !needsOutcome(input.to)) throw invalidField('outcome', `can only be given when moving to ${OUTCOME_STATUSES.join(' or ')}`);
        if (needsOutcome(input.to) && !input.outcome && order.outcome === null) {
          throw invalidField('outcome', `is required to move to ${input.to}: confirmed (failureMode, cause, action, labourMinutes) or no-fault-found (note)`);
        }
        const at = now();
        const actor = input.actor ?? ANONYMOUS;
        const closing = (TERMINAL_STATUSES as readonly string[]).includes(input.to);
        const set: Partial<NewWorkOrderRow> = { status: input.to, updatedAt: at, closedAt: closing ? at : null };
        if (input.to === 'resolved') set.resolvedAt = at;
        if (input.to === 'in-progress') set.resolvedAt = null;
        if (input.outcome) {
          const outcome = toOutcomeView(input.outcome, actor, at);
          set.outcome = JSON.stringify(outcome);
          appendTimeline(database, { workOrderId: id, at, actor, kind: 'outcome', from: null, to: outcome.kind, note: describeOutcome(outcome) });
        }
        updateWorkOrder(database, id, set);
        appendTimeline(database, { workOrderId: id, at, actor, kind: 'status', from: order.status, to: input.to, note: input.note ?? null });
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
