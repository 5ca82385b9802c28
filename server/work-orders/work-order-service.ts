/**
 * Work orders: detector events in (handleAnomalyEvent), people's actions in
 * (create, transition, comment, set or clear the priority), views out, each
 * with its priority and its SLA read at `now`. Every change writes the
 * timeline and is published on the bus after it is committed.
 */
import type {
  CreateWorkOrderRequest,
  HoldReason,
  OutcomeInput,
  Paged,
  Priority,
  TimelineEntryView,
  WorkOrderNotificationView,
  WorkOrderStatus,
  WorkOrderView,
} from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import { acknowledgeAnomaliesOf } from '../anomalies/anomaly-repository';
import { toAnomalyView } from '../anomalies/anomaly-views';
import { inTransaction } from '../db/transaction';
import { findDeviceRow } from '../devices/device-repository';
import { createRuleService } from '../rules/rule-service';
import type { ServiceDeps } from '../service-deps';
import type { SlaPolicy } from '../sla';
import { createSiteCalendars, type SiteCalendarLookup } from '../sla/site-calendars';
import { createAnomalyIntake, type RuleLookup } from './anomaly-intake';
import { createLineImpact, type LineImpactLookup } from './line-impact';
import { describeOutcome } from './outcome-text';
import { outcomeKindProblem, outcomeKindsFor } from './outcome-kinds';
import { deriveRequirements, requirementColumns, type WorkRequirements } from './work-order-requirements';
import { findRecurredRepair, linkRecurrence } from './recurrence';
import {
  appendTimeline,
  findWorkOrderRecord,
  insertWorkOrder,
  listNotifications,
  listTimeline,
  listWorkOrderRecords,
  updateWorkOrder,
  type NewWorkOrderRow,
  type WorkOrderFilter,
  type WorkOrderRecord,
} from './work-order-repository';
import { createPriorityKeeper, PRIORITY_ACTOR } from './work-order-priority';
import { holdReasonProblem, OUTCOME_STATUSES } from './work-order-schemas';
import { createSlaReader } from './work-order-sla';
import { allowedTransitions, checkTransition, isTerminal, OPEN_STATUSES, TERMINAL_STATUSES } from './work-order-state';
import { createWorkOrderPresenter, toNotificationView, toOutcomeView, toTimelineEntryView, type WorkOrderDetailView } from './work-order-views';

export type WorkOrderService = ReturnType<typeof createWorkOrderService>;

/** Who did it; 'anonymous' until there is authentication. */
export const ANONYMOUS = 'anonymous';

export interface TransitionInput {
  to: WorkOrderStatus;
  note?: string | undefined;
  actor?: string | undefined;
  outcome?: OutcomeInput | undefined;
  holdReason?: HoldReason | undefined;
}

export interface WorkOrderServiceDeps extends ServiceDeps {
  ruleFor?: RuleLookup;
  /** Whether a device's line is down and how many lines that starves; default: open orders that stop lines (line-impact.ts). */
  lineImpactOf?: LineImpactLookup;
  /** SLA targets per priority; default DEFAULT_SLA_POLICY. */
  slaPolicy?: SlaPolicy;
  /** Working calendar per site; default: the `sites` table (site-calendars.ts). */
  calendarOf?: SiteCalendarLookup;
  /** Called after an order moved to acknowledged has been published (AUTO_ASSIGN_ON_ACK assigns it there). */
  onAcknowledged?: (id: number) => void;
}

/** What the server itself adds to an order it raises (the maintenance-plan scheduler): not part of the HTTP body. */
export interface CreateWorkOrderExtras {
  /** Appended to the 'created' timeline note (e.g. which plan and why). */
  note?: string;
  /** Instead of the requirements derived from failure mode and equipment class. */
  requirements?: WorkRequirements;
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

const isOpen = (status: WorkOrderStatus) => (OPEN_STATUSES as readonly WorkOrderStatus[]).includes(status);

export function createWorkOrderService(deps: WorkOrderServiceDeps) {
  const { database, bus, now } = deps;
  const ruleFor = deps.ruleFor ?? defaultRuleLookup(deps);
  const sla = createSlaReader({ database, now, calendarOf: deps.calendarOf ?? createSiteCalendars(database), policy: deps.slaPolicy });
  const present = createWorkOrderPresenter(sla);
  const priorities = createPriorityKeeper({ database, lineImpactOf: deps.lineImpactOf ?? createLineImpact(database) });

  /** Accepts the numeric id or the human number (WO-2026-000042). */
  function load(key: string | number): WorkOrderRecord {
    const record =
      typeof key === 'number' || /^\d+$/.test(key)
        ? findWorkOrderRecord(database, { id: Number(key) })
        : findWorkOrderRecord(database, { number: key });
    if (!record) throw notFound(`work order ${key}`);
    return record;
  }

  const viewOf = (id: number): WorkOrderView => present([load(id)])[0]!;

  function publishUpdated(id: number): WorkOrderView {
    const workOrder = viewOf(id);
    bus.publish('work-order', { change: 'updated', workOrder });
    return workOrder;
  }

  function get(key: string | number): WorkOrderDetailView {
    const record = load(key);
    return {
      ...present([record])[0]!,
      timeline: listTimeline(database, record.order.id).map(toTimelineEntryView),
      allowedTransitions: allowedTransitions(record.order.status),
    };
  }

  return {
    handleAnomalyEvent: createAnomalyIntake(deps, ruleFor, { priorities, present }),

    get,

    /** Most urgent first (then newest) unless `sort` says 'newest'. */
    list(filter: WorkOrderFilter): Paged<WorkOrderView> {
      const { records, total } = listWorkOrderRecords(database, filter);
      return { items: present(records), total };
    },

    /**
     * A work order people raise (corrective, preventive, emergency, inspection).
     * Emergency orders always stop the line. 400 naming deviceId for an unknown device.
     */
    create(input: CreateWorkOrderRequest, extras: CreateWorkOrderExtras = {}): WorkOrderDetailView {
      const device = findDeviceRow(database, input.deviceId);
      if (!device) throw invalidField('deviceId', `no device ${input.deviceId} in the plant`);
      const actor = input.actor ?? ANONYMOUS;
      const stopsLine = input.type === 'emergency' || input.stopsLine === true;
      const { id, repairId, reprioritized } = inTransaction(database, () => {
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
          ...requirementColumns(extras.requirements ?? deriveRequirements(input.failureMode ?? null, device.class)),
        };
        const order = insertWorkOrder(database, row);
        const note = [`${TYPE_LABEL[input.type]} order`, stopsLine && `line ${device.lineId} is stopped`, input.dueAt && `due ${isoMinute(input.dueAt)}`, extras.note];
        appendTimeline(database, { workOrderId: order.id, at, actor, kind: 'created', from: null, to: 'open', note: note.filter(Boolean).join('; ') });
        priorities.initialize(order, at);
        const cause = `line ${device.lineId} is down: ${order.number} stops it`;
        const reprioritized = stopsLine ? priorities.recomputeLines(device.lineId, { at, actor: PRIORITY_ACTOR, cause }).filter((other) => other !== order.id) : [];
        const repair = input.failureMode && FAULT_TYPES.includes(input.type) ? findRecurredRepair(database, device.id, input.failureMode, at) : undefined;
        if (repair) linkRecurrence(database, repair, order, { at, actor });
        return { id: order.id, repairId: repair?.id, reprioritized };
      });
      if (repairId !== undefined) publishUpdated(repairId);
      for (const other of reprioritized) publishUpdated(other);
      const created = get(id);
      bus.publish('work-order', { change: 'created', workOrder: viewOf(id) });
      return created;
    },

    /**
     * Moves the order to `to`. Checked in this order: 404 unknown order;
     * 409 'illegal-transition' listing the allowed moves; 400 naming `outcome`
     * when moving to resolved or closed without an outcome given or recorded;
     * 400 naming `holdReason` when moving to on-hold without one (or giving
     * one for another status). A given outcome is stored (replacing an
     * earlier one) with a timeline entry. When an order that stops its line
     * starts or stops counting (leaves or re-enters open .. on-hold), the
     * priorities of the open orders on that line and downstream are recomputed.
     */
    transition(key: string | number, input: TransitionInput): WorkOrderDetailView {
      const id = load(key).order.id;
      const { acknowledged, reprioritized } = inTransaction(database, () => {
        const { order, lineId } = load(id);
        const check = checkTransition(order.status, input.to);
        if (!check.ok) throw new HttpError(409, 'illegal-transition', check.message);
        if (input.outcome && !needsOutcome(input.to)) throw invalidField('outcome', `can only be given when moving to ${OUTCOME_STATUSES.join(' or ')}`);
        if (needsOutcome(input.to) && !input.outcome && order.outcome === null) {
          throw invalidField('outcome', `is required to move to ${input.to}: ${outcomeKindsFor(order.type)}`);
        }
        const kindProblem = input.outcome && outcomeKindProblem(order.type, input.outcome.kind);
        if (kindProblem) throw invalidField('outcome.kind', kindProblem);
        const holdProblem = holdReasonProblem(input.to, input.holdReason);
        if (holdProblem) throw invalidField('holdReason', holdProblem);
        const holdReason = input.to === 'on-hold' ? (input.holdReason ?? null) : null;
        const at = now();
        const actor = input.actor ?? ANONYMOUS;
        const closing = (TERMINAL_STATUSES as readonly string[]).includes(input.to);
        const set: Partial<NewWorkOrderRow> = { status: input.to, updatedAt: at, closedAt: closing ? at : null, holdReason };
        if (input.to === 'resolved') set.resolvedAt = at;
        if (input.to === 'in-progress') set.resolvedAt = null;
        if (input.outcome) {
          const outcome = toOutcomeView(input.outcome, actor, at);
          set.outcome = JSON.stringify(outcome);
          appendTimeline(database, { workOrderId: id, at, actor, kind: 'outcome', from: null, to: outcome.kind, note: describeOutcome(outcome) });
        }
        updateWorkOrder(database, id, set);
        appendTimeline(database, { workOrderId: id, at, actor, kind: 'status', from: order.status, to: input.to, note: input.note ?? null, holdReason });
        let reprioritized: number[] = [];
        if (order.stopsLine && isOpen(order.status) !== isOpen(input.to)) {
          const cause = isOpen(input.to) ? `line ${lineId} is down again: ${order.number} is ${input.to}` : `line ${lineId} no longer stopped by ${order.number} (${input.to})`;
          reprioritized = priorities.recomputeLines(lineId, { at, actor: PRIORITY_ACTOR, cause }).filter((other) => other !== id);
        }
        // Someone took the order up: its anomalies are acknowledged (still active until the signal clears).
        const acknowledged = order.status === 'open' && input.to !== 'cancelled' ? acknowledgeAnomaliesOf(database, id) : [];
        return { acknowledged, reprioritized };
      });
      for (const row of acknowledged) bus.publish('anomaly', toAnomalyView(row));
      for (const other of reprioritized) publishUpdated(other);
      publishUpdated(id);
      if (input.to === 'acknowledged') deps.onAcknowledged?.(id);
      return get(id);
    },

    /**
     * A person sets the priority with a reason; it wins over the computed one
     * until cleared. 400 naming `reason` without one; 409 'order-finished'
     * for a closed or cancelled order.
     */
    setPriority(key: string | number, input: { priority: Priority; reason: string; actor?: string | undefined }): WorkOrderDetailView {
      const reason = input.reason.trim();
      if (reason.length < 3) throw invalidField('reason', 'is required: say why the computed priority is wrong (at least 3 characters)');
      const id = load(key).order.id;
      inTransaction(database, () => {
        const { order } = load(id);
        if (isTerminal(order.status)) throw new HttpError(409, 'order-finished', `${order.number} is ${order.status}; its priority no longer changes`);
        const at = now();
        priorities.override(id, { priority: input.priority, reason }, { at, actor: input.actor ?? ANONYMOUS });
        updateWorkOrder(database, id, { updatedAt: at });
      });
      publishUpdated(id);
      return get(id);
    },

    /** Drops a manual priority; the computed one (from fresh factors) applies again. Nothing happens without one. */
    clearPriority(key: string | number, input: { actor?: string | undefined } = {}): WorkOrderDetailView {
      const id = load(key).order.id;
      const cleared = inTransaction(database, () => {
        const at = now();
        const done = priorities.clear(id, { at, actor: input.actor ?? ANONYMOUS });
        if (done) updateWorkOrder(database, id, { updatedAt: at });
        return done;
      });
      if (cleared) publishUpdated(id);
      return get(id);
    },

    /** SLA notifications recorded for the order, oldest first. */
    notifications(key: string | number): Paged<WorkOrderNotificationView> {
      const items = listNotifications(database, load(key).order.id).map(toNotificationView);
      return { items, total: items.length };
    },

    /**
     * For a line-state module: the impact of `lineId` changed (`cause` says
     * how, for the timeline), so the open orders on it and downstream are
     * recomputed and the changed ones published. Returns their ids.
     */
    recomputeLinePriorities(lineId: string, cause: string): number[] {
      const changed = inTransaction(database, () => priorities.recomputeLines(lineId, { at: now(), actor: PRIORITY_ACTOR, cause }));
      for (const id of changed) publishUpdated(id);
      return changed;
    },

    /** Computes the priority of unfinished orders stored before there were priorities; returns how many. */
    backfillPriorities(): number {
      return inTransaction(database, () => priorities.backfill(now())).length;
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
