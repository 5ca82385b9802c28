/**
 * Scores a replayed rule set against the known faults, and compares two.
 *
 * - A fault is caught by the earliest detection (an order opening, or an
 *   occurrence added to an order already open) of its device and failure
 *   mode in [startAt, deadline]. Counting occurrences matters: with one order
 *   per device + failure mode, a fault that starts while an earlier order is
 *   still open shows up live as a new occurrence on that order, not as a new
 *   order. Lead time = referenceAt - detection.
 * - An order's verdict: 'fault' if one of its detections lies in a known
 *   fault of its device and failure mode (from startAt to the fault's
 *   attribution end), 'related' if it lies in a known fault of another mode
 *   on the device (a jam heating the motor raises 'overheating'), else a
 *   false alarm.
 * - The diff pairs orders of the two sets with the same device and failure
 *   mode whose open spans overlap, oldest first.
 *
 * Pure.
 */
import { median } from 'simple-statistics';
import type {
  BacktestDeviceView,
  BacktestDiffView,
  BacktestFaultView,
  BacktestOrderRefView,
  BacktestOrderView,
  BacktestRuleSetView,
} from '../http/api-types';
import type { KnownFault } from './known-faults';
import type { ReplayOrder } from './order-replay';
import { MAX_LISTED, type RuleSetReplayResult } from './rule-set-replay';

export type ScoredOrder = BacktestOrderView & { detections: number[] };

const keyOf = (x: { deviceId: string; failureMode: string }) => `${x.deviceId}\u0000${x.failureMode}`;

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** The earliest detection of these orders in [from, to], with its order. */
function earliestDetection(orders: readonly ReplayOrder[], from: number, to: number): { at: number; order: ReplayOrder } | null {
  let best: { at: number; order: ReplayOrder } | null = null;
  for (const order of orders) {
    const at = order.detections.find((d) => d >= from && d <= to);
    if (at !== undefined && (best === null || at < best.at)) best = { at, order };
  }
  return best;
}

export function scoreFaults(orders: readonly ReplayOrder[], faults: readonly KnownFault[]): BacktestFaultView[] {
  const byKey = groupBy(orders, keyOf);
  return faults.map((f) => {
    const hit = earliestDetection(byKey.get(keyOf(f)) ?? [], f.startAt, f.deadline);
    return {
      faultId: f.faultId,
      source: f.source,
      kind: f.kind,
      deviceId: f.deviceId,
      failureMode: f.failureMode,
      startAt: f.startAt,
      deadline: f.deadline,
      referenceAt: f.referenceAt,
      caught: hit !== null,
      detectedAt: hit?.at ?? null,
      via: hit === null ? null : hit.at === hit.order.openedAt ? 'opened' : 'occurrence',
      orderRef: hit?.order.ref ?? null,
      leadTimeMs: hit !== null && f.referenceAt !== null ? f.referenceAt - hit.at : null,
    };
  });
}

export function judgeOrders(orders: readonly ReplayOrder[], faults: readonly KnownFault[]): ScoredOrder[] {
  const byDevice = groupBy(faults, (f) => f.deviceId);
  return orders.map((order) => {
    const near = byDevice.get(order.deviceId) ?? [];
    const within = (f: KnownFault) => order.detections.some((d) => d >= f.startAt && d <= f.attributionEnd);
    const same = near.find((f) => f.failureMode === order.failureMode && within(f));
    if (same) return { ...order, verdict: 'fault', faultId: same.faultId };
    const other = near.find(within);
    return other ? { ...order, verdict: 'related', faultId: other.faultId } : { ...order, verdict: 'false-alarm', faultId: null };
  });
}

export const medianOrNull = (values: readonly number[]): number | null => (values.length ? median([...values]) : null);

/** The per-rule-set part of a backtest result. */
export function ruleSetView(
  replay: RuleSetReplayResult,
  faults: readonly KnownFault[],
  pointsByDevice: ReadonlyMap<string, number>,
  maxListed = MAX_LISTED,
): { view: BacktestRuleSetView; orders: ScoredOrder[] } {
  const orders = judgeOrders(replay.orders, faults);
  const scored = scoreFaults(replay.orders, faults);
  const perDevice: BacktestDeviceView[] = [...pointsByDevice.keys()].map((deviceId) => ({
    deviceId,
    points: pointsByDevice.get(deviceId) ?? 0,
    anomalies: replay.anomaliesByDevice.get(deviceId) ?? 0,
    orders: orders.filter((o) => o.deviceId === deviceId).length,
    falseAlarms: orders.filter((o) => o.deviceId === deviceId && o.verdict === 'false-alarm').length,
    faultsKnown: scored.filter((f) => f.deviceId === deviceId).length,
    faultsCaught: scored.filter((f) => f.deviceId === deviceId && f.caught).length,
  }));
  const leads = scored.flatMap((f) => (f.leadTimeMs === null ? [] : [f.leadTimeMs]));
  const view: BacktestRuleSetView = {
    rules: replay.rules,
    summary: {
      anomalies: replay.anomalyCount,
      orders: orders.length,
      faultsKnown: scored.length,
      faultsCaught: scored.filter((f) => f.caught).length,
      medianLeadTimeMs: medianOrNull(leads),
      falseAlarms: orders.filter((o) => o.verdict === 'false-alarm').length,
      related: orders.filter((o) => o.verdict === 'related').length,
    },
    perDevice,
    anomalies: replay.anomalies,
    anomaliesTruncated: replay.anomaliesTruncated,
    orders: orders.slice(0, maxListed).map(({ detections: _detections, ...o }) => o),
    ordersTruncated: orders.length > maxListed,
    faults: scored,
  };
  return { view, orders };
}

const refOf = (o: BacktestOrderView): BacktestOrderRefView => ({
  ref: o.ref,
  deviceId: o.deviceId,
  failureMode: o.failureMode,
  openedAt: o.openedAt,
  severity: o.severity,
  verdict: o.verdict,
});

const overlap = (a: BacktestOrderView, b: BacktestOrderView) => a.openedAt <= (b.closedAt ?? Infinity) && b.openedAt <= (a.closedAt ?? Infinity);

/** Orders only the candidate raises, only the current set raises, and both (each list at most maxListed). */
export function diffOrders(candidate: readonly BacktestOrderView[], current: readonly BacktestOrderView[], maxListed = MAX_LISTED): BacktestDiffView {
  const byOpened = (a: BacktestOrderView, b: BacktestOrderView) => a.openedAt - b.openedAt;
  const currentByKey = groupBy([...current].sort(byOpened), keyOf);
  const matched = new Set<BacktestOrderView>();
  const diff: Omit<BacktestDiffView, 'counts'> = { onlyCandidate: [], onlyCurrent: [], both: [] };
  for (const c of [...candidate].sort(byOpened)) {
    const partner = (currentByKey.get(keyOf(c)) ?? []).find((o) => !matched.has(o) && overlap(c, o));
    if (partner) {
      matched.add(partner);
      diff.both.push({ candidate: refOf(c), current: refOf(partner), openedEarlierByMs: partner.openedAt - c.openedAt });
    } else {
      diff.onlyCandidate.push(refOf(c));
    }
  }
  for (const o of [...current].sort(byOpened)) if (!matched.has(o)) diff.onlyCurrent.push(refOf(o));
  return {
    counts: { onlyCandidate: diff.onlyCandidate.length, onlyCurrent: diff.onlyCurrent.length, both: diff.both.length },
    onlyCandidate: diff.onlyCandidate.slice(0, maxListed),
    onlyCurrent: diff.onlyCurrent.slice(0, maxListed),
    both: diff.both.slice(0, maxListed),
  };
}
