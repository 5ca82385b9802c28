/**
 * The work orders a stream of anomaly events would have produced, with the
 * live intake's dedupe (work-orders/anomaly-intake.ts), in sample time:
 *
 * - raised: an open order of the device + failure mode gets an occurrence
 *   (and its severity goes up if the event's is higher); with none open, a
 *   new order opens.
 * - escalated: the open order's severity goes up; with none open, a new
 *   order opens (live does the same when someone closed it meanwhile).
 * - deescalated: no change to the order (it keeps its highest severity).
 * - cleared: the anomaly ends; the order stays open.
 *
 * Simplification: live orders are closed by people. The replay assumes an
 * order is closed `timeToCloseMs` of sample time after the last anomaly of
 * its device + failure mode cleared (default 24 h), unless a new raise came
 * first. An order whose anomaly is still active at the end of the range, or
 * whose close time lies after it, is reported open (closedAt null).
 *
 * Pure: events in (in time order per device), orders out.
 */
import type { AnomalyEvent, Severity } from '../detection/types';
import type { BacktestAnomalyView, BacktestOrderView } from '../http/api-types';

export const DEFAULT_TIME_TO_CLOSE_MS = 24 * 3_600_000;

const SEVERITY_RANK: Record<Severity, number> = { warn: 1, alarm: 2 };
const higher = (a: Severity, b: Severity): Severity => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a);

/** A would-be order with the sample times of the detections it was raised or re-raised by. */
export type ReplayOrder = Omit<BacktestOrderView, 'verdict' | 'faultId'> & {
  /** openedAt, then each occurrence, oldest first. */
  detections: number[];
};

interface OpenOrder {
  order: ReplayOrder;
  /** Rules with an active anomaly feeding this order. */
  activeRules: Set<string>;
  /** When the last active anomaly cleared; null while one is active. */
  quietSince: number | null;
}

export interface OrderBook {
  apply(event: AnomalyEvent): void;
  /** Orders in the order they opened; those not closed by `to` have closedAt null. */
  finish(to: number): ReplayOrder[];
}

export function createOrderBook(timeToCloseMs: number = DEFAULT_TIME_TO_CLOSE_MS): OrderBook {
  if (!(timeToCloseMs >= 0)) throw new RangeError(`timeToCloseMs must be >= 0 (got ${timeToCloseMs})`);
  const open = new Map<string, OpenOrder>();
  const all: ReplayOrder[] = [];
  const closeTime = (o: OpenOrder) => (o.quietSince === null ? Infinity : o.quietSince + timeToCloseMs);

  /** The order still open at ts for this device + failure mode, closing it if its time has come. */
  const openAt = (key: string, ts: number): OpenOrder | undefined => {
    const o = open.get(key);
    if (o === undefined) return undefined;
    const closesAt = closeTime(o);
    if (closesAt > ts) return o;
    o.order.closedAt = closesAt;
    open.delete(key);
    return undefined;
  };

  const openOrder = (key: string, e: AnomalyEvent): OpenOrder => {
    const order: ReplayOrder = {
      ref: `${e.deviceId}/${e.failureMode}@${e.ts}`,
      deviceId: e.deviceId,
      failureMode: e.failureMode,
      openedAt: e.ts,
      closedAt: null,
      occurrences: 1,
      lastOccurrenceAt: e.ts,
      severity: e.severity,
      openedBy: { ruleId: e.ruleId, ruleVersion: e.ruleVersion, metric: e.metric, value: e.value, limit: e.limit },
      detections: [e.ts],
    };
    all.push(order);
    const o: OpenOrder = { order, activeRules: new Set(), quietSince: null };
    open.set(key, o);
    return o;
  };

  return {
    apply(e) {
      const key = `${e.deviceId}\u0000${e.failureMode}`;
      let o = openAt(key, e.ts);
      switch (e.type) {
        case 'raised':
          if (o) {
            o.order.occurrences++;
            o.order.lastOccurrenceAt = e.ts;
            o.order.detections.push(e.ts);
            o.order.severity = higher(o.order.severity, e.severity);
          } else {
            o = openOrder(key, e);
          }
          break;
        case 'escalated':
          if (o) o.order.severity = higher(o.order.severity, e.severity);
          else o = openOrder(key, e);
          break;
        case 'deescalated':
          return;
        case 'cleared':
          if (!o) return;
          o.activeRules.delete(e.ruleId);
          if (o.activeRules.size === 0) o.quietSince = e.ts;
          return;
      }
      o.activeRules.add(e.ruleId);
      o.quietSince = null;
    },
    finish(to) {
      for (const [key, o] of open) {
        if (closeTime(o) <= to) o.order.closedAt = closeTime(o);
        open.delete(key);
      }
      return all;
    },
  };
}

/** Anomalies (raise to clear) from events, oldest first; keeps at most `maxListed`, counts all. */
export interface AnomalyLog {
  apply(event: AnomalyEvent): void;
  readonly count: number;
  readonly truncated: boolean;
  list(): BacktestAnomalyView[];
}

export function createAnomalyLog(maxListed: number): AnomalyLog {
  const listed: BacktestAnomalyView[] = [];
  /** The listed anomaly still active per device + rule. */
  const active = new Map<string, BacktestAnomalyView>();
  let count = 0;
  let truncated = false;
  return {
    apply(e) {
      const key = `${e.deviceId}\u0000${e.ruleId}`;
      if (e.type === 'raised') {
        count++;
        active.delete(key);
        if (listed.length >= maxListed) {
          truncated = true;
          return;
        }
        const a: BacktestAnomalyView = {
          deviceId: e.deviceId,
          metric: e.metric,
          ruleId: e.ruleId,
          ruleVersion: e.ruleVersion,
          failureMode: e.failureMode,
          startedAt: e.startedAt,
          raisedAt: e.ts,
          raisedValue: e.value,
          raisedLimit: e.limit,
          severity: e.severity,
          escalatedAt: null,
          escalatedValue: null,
          clearedAt: null,
          clearedValue: null,
        };
        listed.push(a);
        active.set(key, a);
        return;
      }
      const a = active.get(key);
      if (a === undefined) return;
      if (e.type === 'escalated') {
        a.severity = higher(a.severity, e.severity);
        a.escalatedAt ??= e.ts;
        a.escalatedValue ??= e.value;
      } else if (e.type === 'cleared') {
        a.clearedAt = e.ts;
        a.clearedValue = e.value;
        active.delete(key);
      }
    },
    get count() {
      return count;
    },
    get truncated() {
      return truncated;
    },
    list: () => listed,
  };
}
