/**
 * Known faults a backtest scores rule sets against, from two sources:
 *
 * - Simulator ground truth (`{ faultId, deviceId, kind, startAt, failureAt, endAt }`).
 *   Each fault kind maps to the failure mode a threshold rule reports it as:
 *   bearing-wear -> vibration-high, overheating -> overheating,
 *   jam -> overcurrent, sensor-dropout -> no-data (the deadman). A fault is caught by a detection in
 *   [startAt, failureAt] (degradations: before the machine failed), or in
 *   [startAt, endAt] when it has no failure instant (a jam); lead time is
 *   measured to failureAt, so a jam has none.
 * - Work orders people resolved or closed with outcome 'confirmed' (any order
 *   type, so a fault the rules missed and someone reported counts too), on
 *   the outcome's failure mode. The fault time is when live detection saw it:
 *   the order's evidence `detectedAt` (sample time, on the same axis as the
 *   replayed telemetry; `createdAt` is the wall clock, which runs SIM_SPEED
 *   times slower than a simulated plant's samples), else `createdAt`. Such a
 *   fault is caught by a detection from `lookbackMs` before that time up to
 *   its last recorded occurrence; lead time is measured to the live
 *   detection, so it says how much earlier (or later, negative) a rule set
 *   would have raised it than the live rules did.
 *
 * A confirmed order that lies inside a simulator fault of the same device and
 * failure mode is the same fault found twice; only the simulator's record is
 * kept (it knows when the machine failed).
 */
import type { FailureMode } from '../detection/types';
import type { BacktestFaultView } from '../http/api-types';
import type { FaultKind, GroundTruthRecord } from '../../simulators/simulator';

export const FAULT_KIND_FAILURE_MODE: Record<FaultKind, FailureMode | null> = {
  'bearing-wear': 'vibration-high',
  overheating: 'overheating',
  jam: 'overcurrent',
  'sensor-dropout': 'no-data',
};

/** Default lookback for confirmed orders: a candidate may find the fault up to 7 days before live detection did. */
export const DEFAULT_CONFIRMED_LOOKBACK_MS = 7 * 86_400_000;

/**
 * After a fault ends its symptoms fade (a hot frame cools with its thermal
 * time constant, an anomaly needs its clear duration): an order raised up to
 * this long after the end still belongs to the fault, not a false alarm.
 */
export const ATTRIBUTION_GRACE_MS = 60 * 60_000;

export type KnownFault = Pick<BacktestFaultView, 'faultId' | 'source' | 'kind' | 'deviceId' | 'failureMode' | 'startAt' | 'deadline' | 'referenceAt'> & {
  /** End of the span in which orders of this device belong to the fault (verdict 'fault' or 'related'). */
  attributionEnd: number;
};

/** A resolved or closed order with a confirmed outcome, as the backtest needs it. */
export interface ConfirmedOrder {
  number: string;
  deviceId: string;
  failureMode: FailureMode;
  /** Live detection time (evidence.detectedAt), or createdAt when there is no evidence. */
  detectedAt: number;
  lastOccurrenceAt: number;
}

export interface Range {
  from: number;
  to: number;
}

const overlaps = (f: { startAt: number; attributionEnd: number }, range: Range) => f.startAt <= range.to && f.attributionEnd >= range.from;

/** Scorable simulator faults overlapping the range. */
export function faultsFromGroundTruth(records: readonly GroundTruthRecord[], range: Range): KnownFault[] {
  const out: KnownFault[] = [];
  for (const r of records) {
    const failureMode = FAULT_KIND_FAILURE_MODE[r.kind];
    if (failureMode === null) continue;
    const end = r.endAt ?? range.to;
    const fault: KnownFault = {
      faultId: r.faultId,
      source: 'simulator',
      kind: r.kind,
      deviceId: r.deviceId,
      failureMode,
      startAt: r.startAt,
      deadline: r.failureAt ?? end,
      referenceAt: r.failureAt,
      attributionEnd: Math.max(end, r.failureAt ?? end) + ATTRIBUTION_GRACE_MS,
    };
    if (overlaps(fault, range)) out.push(fault);
  }
  return out;
}

/** Confirmed orders as known faults, overlapping the range. */
export function faultsFromConfirmedOrders(orders: readonly ConfirmedOrder[], range: Range, lookbackMs = DEFAULT_CONFIRMED_LOOKBACK_MS): KnownFault[] {
  const out: KnownFault[] = [];
  for (const o of orders) {
    const deadline = Math.max(o.detectedAt, o.lastOccurrenceAt);
    const fault: KnownFault = {
      faultId: o.number,
      source: 'confirmed-order',
      kind: 'confirmed-order',
      deviceId: o.deviceId,
      failureMode: o.failureMode,
      startAt: o.detectedAt - lookbackMs,
      deadline,
      referenceAt: o.detectedAt,
      attributionEnd: deadline + ATTRIBUTION_GRACE_MS,
    };
    if (overlaps(fault, range)) out.push(fault);
  }
  return out;
}

/** Both sources together, a confirmed order inside a simulator fault of the same device and mode dropped; sorted by start. */
export function mergeKnownFaults(simulator: readonly KnownFault[], confirmed: readonly KnownFault[]): KnownFault[] {
  const duplicate = (c: KnownFault) =>
    simulator.some((s) => s.deviceId === c.deviceId && s.failureMode === c.failureMode && c.referenceAt! >= s.startAt && c.referenceAt! <= s.attributionEnd);
  return [...simulator, ...confirmed.filter((c) => !duplicate(c))].sort((a, b) => a.startAt - b.startAt || (a.faultId < b.faultId ? -1 : 1));
}
