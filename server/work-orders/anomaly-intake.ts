/**
 * Turns detector events into anomaly rows and work orders.
 *
 * - raised: a new active anomaly (an older active one of the same device and
 *   rule is cleared as superseded). If an open order (open .. on-hold) exists
 *   for the device and failure mode, it gets an occurrence; otherwise a
 *   'potential-fault' order is created with an evidence snapshot. When the
 *   same failure mode was repaired on the device within 30 days, the new order
 *   is linked to that repair as its recurrence (recurrence.ts). A new order's
 *   priority is computed (work-order-priority.ts).
 * - escalated: the anomaly's severity goes up, and so does the open order's
 *   (timeline 'severity'), whose priority is recomputed. With no open order left (someone closed it while the
 *   fault went on) a new order is created. Without an active anomaly it is
 *   handled like a raise, so an alarm is never lost.
 * - deescalated: the anomaly's severity goes down; the order keeps its highest.
 * - cleared: the anomaly becomes inactive; the order stays as it is (people close orders).
 *
 * One IMMEDIATE transaction per event; bus events are published after commit.
 */
import type { AnomalyEvent, Severity, ThresholdRule } from '../detection/types';
import { METRIC_INFO } from '../../contract/metrics';
import type { AnomalyView, EvidenceView, ServerEvents, WorkOrderView } from '../http/api-types';
import { findDeviceRow, type DeviceRow } from '../devices/device-repository';
import { findActiveAnomaly, insertAnomaly, updateAnomaly, type AnomalyRow } from '../anomalies/anomaly-repository';
import { toAnomalyView } from '../anomalies/anomaly-views';
import { inTransaction } from '../db/transaction';
import type { ServiceDeps } from '../service-deps';
import { describeBreach, directionOf, faultDescription, faultTitle, whatToCheck, type Breach } from './fault-text';
import { kindSummary, predictiveDueAt } from '../detection/event-text';
import { findRecurredRepair, linkRecurrence } from './recurrence';
import { PRIORITY_ACTOR, type PriorityKeeper } from './work-order-priority';
import {
  appendTimeline,
  findOpenWorkOrder,
  findWorkOrderRecord,
  insertWorkOrder,
  updateWorkOrder,
  type WorkOrderRow,
} from './work-order-repository';
import type { WorkOrderPresenter } from './work-order-views';
import { deriveRequirements, requirementColumns } from './work-order-requirements';

export type WorkOrderChange = ServerEvents['work-order']['change'];

export interface AnomalyIntakeResult {
  anomaly: AnomalyView;
  workOrder: WorkOrderView | null;
  change: WorkOrderChange | null;
}

/** The resolved rule an event came from, for evidence; undefined if it no longer exists. */
export type RuleLookup = (deviceId: string, ruleId: string) => ThresholdRule | undefined;

const SEVERITY_RANK: Record<Severity, number> = { warn: 1, alarm: 2 };
const DETECTOR = 'detector';

interface Applied {
  anomalies: AnomalyRow[];
  order: { id: number; change: WorkOrderChange } | null;
  /** Other orders the event changed (a repair marked not effective). */
  updated: number[];
}

export interface IntakeParts {
  priorities: PriorityKeeper;
  present: WorkOrderPresenter;
}

export function createAnomalyIntake({ database, bus, now, logger }: ServiceDeps, ruleFor: RuleLookup, { priorities, present }: IntakeParts) {
  const breachOf = (e: AnomalyEvent, rule: ThresholdRule | undefined): Breach => ({
    metric: e.metric,
    direction: rule?.direction ?? directionOf(e.failureMode),
    severity: e.severity,
    value: e.value,
    limit: e.limit,
  });

  /** A new potential-fault order, linked to the repair it recurs after (whose id lands in `updated`). */
  function createOrder(e: AnomalyEvent, device: DeviceRow, updated: number[]): WorkOrderRow {
    const rule = ruleFor(e.deviceId, e.ruleId);
    const breach = breachOf(e, rule);
    // Levels of other kinds are σ, hours or rates, not the metric's limits: evidence shows the event's limit instead.
    const levels = rule && !rule.kind ? rule : { id: e.ruleId, version: e.ruleVersion, warn: e.limit, alarm: e.limit, clear: e.limit, minDurationMs: rule?.minDurationMs ?? 0 };
    const evidence: EvidenceView = {
      metric: e.metric,
      unit: METRIC_INFO[e.metric].unit,
      severity: e.severity,
      value: e.value,
      limit: e.limit,
      ruleId: e.ruleId,
      ruleVersion: e.ruleVersion,
      rule: { direction: breach.direction, warn: levels.warn, alarm: levels.alarm, clear: levels.clear, minDurationMs: levels.minDurationMs },
      startedAt: e.startedAt,
      detectedAt: e.ts,
      recent: e.recent,
      ...(e.kind ? { kind: e.kind } : {}),
      ...(e.detail ? { detail: e.detail } : {}),
      ...(e.prediction ? { prediction: e.prediction } : {}),
    };
    const at = now();
    const summary = kindSummary(e, device);
    const order = insertWorkOrder(database, {
      type: 'potential-fault',
      status: 'open',
      title: summary?.title ?? faultTitle(breach, device),
      description: summary ? `${summary.description}\n${whatToCheck(e.failureMode)}` : faultDescription({ ...breach, failureMode: e.failureMode, startedAt: e.startedAt, detectedAt: e.ts }, levels),
      ...(e.prediction ? { dueAt: predictiveDueAt(e.prediction, at) } : {}),
      deviceId: e.deviceId,
      failureMode: e.failureMode,
      severity: e.severity,
      evidence: JSON.stringify(evidence),
      ...requirementColumns(deriveRequirements(e.failureMode, device.class)),
      occurrences: 1,
      lastOccurrenceAt: e.ts,
      createdAt: at,
      updatedAt: at,
    });
    appendTimeline(database, { workOrderId: order.id, at, actor: DETECTOR, kind: 'created', from: null, to: 'open', note: `Raised by rule ${e.ruleId} v${e.ruleVersion}` });
    priorities.initialize(order, at);
    const repair = findRecurredRepair(database, e.deviceId, e.failureMode, at);
    if (!repair) return order;
    updated.push(repair.id);
    return linkRecurrence(database, repair, order, { at, actor: DETECTOR });
  }

  /** Raises the order's severity if the event's is higher; returns whether it did. */
  function raiseSeverity(order: WorkOrderRow, e: AnomalyEvent): boolean {
    if (order.severity && SEVERITY_RANK[order.severity] >= SEVERITY_RANK[e.severity]) return false;
    const at = now();
    updateWorkOrder(database, order.id, { severity: e.severity, updatedAt: at });
    const note = e.detail ?? describeBreach(breachOf(e, ruleFor(e.deviceId, e.ruleId)));
    appendTimeline(database, { workOrderId: order.id, at, actor: DETECTOR, kind: 'severity', from: order.severity, to: e.severity, note });
    priorities.recompute(order.id, { at, actor: PRIORITY_ACTOR, cause: `severity raised to ${e.severity}` });
    return true;
  }

  function raise(e: AnomalyEvent, device: DeviceRow): Applied {
    const superseded = findActiveAnomaly(database, e.deviceId, e.ruleId);
    const changed: AnomalyRow[] = [];
    if (superseded) changed.push(updateAnomaly(database, superseded.id, { active: false, clearedAt: e.ts, lastEventAt: e.ts }));
    const open = findOpenWorkOrder(database, e.deviceId, e.failureMode);
    const updated: number[] = [];
    let order: Applied['order'];
    if (open) {
      const at = now();
      updateWorkOrder(database, open.id, { occurrences: open.occurrences + 1, lastOccurrenceAt: e.ts, updatedAt: at });
      const note = `Detected again: ${e.detail ?? describeBreach(breachOf(e, ruleFor(e.deviceId, e.ruleId)))}`;
      appendTimeline(database, { workOrderId: open.id, at, actor: DETECTOR, kind: 'occurrence', from: null, to: null, note });
      raiseSeverity(open, e);
      order = { id: open.id, change: 'occurrence' };
    } else {
      order = { id: createOrder(e, device, updated).id, change: 'created' };
    }
    changed.push(
      insertAnomaly(database, {
        deviceId: e.deviceId,
        metric: e.metric,
        ruleId: e.ruleId,
        ruleVersion: e.ruleVersion,
        failureMode: e.failureMode,
        severity: e.severity,
        active: true,
        acknowledged: false,
        startedAt: e.startedAt,
        lastEventAt: e.ts,
        lastValue: e.value,
        workOrderId: order.id,
      }),
    );
    return { anomalies: changed, order, updated };
  }

  function escalate(e: AnomalyEvent, device: DeviceRow, anomaly: AnomalyRow): Applied {
    const open = findOpenWorkOrder(database, e.deviceId, e.failureMode);
    const updated: number[] = [];
    let order: Applied['order'] = null;
    if (open) {
      if (raiseSeverity(open, e)) order = { id: open.id, change: 'updated' };
    } else {
      order = { id: createOrder(e, device, updated).id, change: 'created' };
    }
    const workOrderId = open?.id ?? order?.id ?? anomaly.workOrderId;
    const changed = updateAnomaly(database, anomaly.id, { severity: e.severity, lastEventAt: e.ts, lastValue: e.value, workOrderId });
    return { anomalies: [changed], order, updated };
  }

  function apply(e: AnomalyEvent, device: DeviceRow): Applied | null {
    if (e.type === 'raised') return raise(e, device);
    const active = findActiveAnomaly(database, e.deviceId, e.ruleId);
    if (e.type === 'escalated') return active ? escalate(e, device, active) : raise(e, device);
    if (!active) return null;
    const set =
      e.type === 'cleared'
        ? { active: false, clearedAt: e.ts, lastEventAt: e.ts, lastValue: e.value }
        : { severity: e.severity, lastEventAt: e.ts, lastValue: e.value };
    return { anomalies: [updateAnomaly(database, active.id, set)], order: null, updated: [] };
  }

  /** Records one detector event; null when it refers to nothing known (unknown device, no active anomaly to update). */
  return function handleAnomalyEvent(event: AnomalyEvent): AnomalyIntakeResult | null {
    const device = findDeviceRow(database, event.deviceId);
    if (!device) {
      logger.warn({ deviceId: event.deviceId, type: event.type }, 'anomaly event for a device not in the plant; ignored');
      return null;
    }
    const applied = inTransaction(database, () => apply(event, device));
    if (!applied) {
      logger.debug({ event: { ...event, recent: undefined } }, 'anomaly event without an active anomaly; ignored');
      return null;
    }
    const predicted = event.prediction?.predictedBreachAt ?? null;
    const anomalyViews = applied.anomalies.map((row) => toAnomalyView(row, row.active && row.ruleId === event.ruleId ? predicted : null));
    const record = applied.order && findWorkOrderRecord(database, { id: applied.order.id });
    const workOrder = record ? present([record])[0]! : null;
    const others = present(applied.updated.flatMap((id) => findWorkOrderRecord(database, { id }) ?? []));
    for (const view of anomalyViews) bus.publish('anomaly', view);
    for (const other of others) bus.publish('work-order', { change: 'updated', workOrder: other });
    if (workOrder && applied.order) bus.publish('work-order', { change: applied.order.change, workOrder });
    return { anomaly: anomalyViews[anomalyViews.length - 1]!, workOrder, change: applied.order?.change ?? null };
  };
}
