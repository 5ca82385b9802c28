import { describe, expect, it } from 'vitest';
import type { FailureMode } from '../detection/types';
import type { BacktestOrderView } from '../http/api-types';
import { ATTRIBUTION_GRACE_MS, faultsFromConfirmedOrders, faultsFromGroundTruth, mergeKnownFaults } from './known-faults';
import type { ReplayOrder } from './order-replay';
import { diffOrders, judgeOrders, scoreFaults } from './scoring';

const H = 3_600_000;
const RANGE = { from: 0, to: 100 * H };

function order(deviceId: string, failureMode: FailureMode, detections: number[], closedAt: number | null = null): ReplayOrder {
  return {
    ref: `${deviceId}/${failureMode}@${detections[0]}`,
    deviceId,
    failureMode,
    openedAt: detections[0]!,
    closedAt,
    occurrences: detections.length,
    lastOccurrenceAt: detections[detections.length - 1]!,
    severity: 'warn',
    openedBy: { ruleId: 'r', ruleVersion: 1, metric: 'vibration', value: 3, limit: 2.8 },
    detections,
  };
}

const wear = { faultId: 'f-wear', deviceId: 'P-104', kind: 'bearing-wear' as const, startAt: 10 * H, failureAt: 20 * H, endAt: 22 * H };
const jam = { faultId: 'f-jam', deviceId: 'CV-C1', kind: 'jam' as const, startAt: 30 * H, failureAt: null, endAt: 30 * H + 240_000 };
const dropout = { faultId: 'f-drop', deviceId: 'M-D2', kind: 'sensor-dropout' as const, startAt: 40 * H, failureAt: null, endAt: 41 * H };

describe('known faults', () => {
  it('maps simulator kinds to failure modes, a sensor dropout to no-data', () => {
    const faults = faultsFromGroundTruth([wear, jam, dropout], RANGE);
    expect(faults.map((f) => [f.faultId, f.failureMode, f.deadline, f.referenceAt, f.attributionEnd])).toEqual([
      ['f-wear', 'vibration-high', 20 * H, 20 * H, 22 * H + ATTRIBUTION_GRACE_MS],
      ['f-jam', 'overcurrent', jam.endAt, null, jam.endAt + ATTRIBUTION_GRACE_MS],
      ['f-drop', 'no-data', dropout.endAt, null, dropout.endAt + ATTRIBUTION_GRACE_MS],
    ]);
    expect(faultsFromGroundTruth([wear], { from: 50 * H, to: 60 * H })).toEqual([]);
  });

  it('turns a confirmed order into a fault found at live detection, and drops it when the simulator knows the same fault', () => {
    const confirmed = faultsFromConfirmedOrders([{ number: 'WO-1', deviceId: 'P-104', failureMode: 'vibration-high', detectedAt: 19 * H, lastOccurrenceAt: 21 * H }], RANGE, 5 * H);
    expect(confirmed).toEqual([
      { faultId: 'WO-1', source: 'confirmed-order', kind: 'confirmed-order', deviceId: 'P-104', failureMode: 'vibration-high', startAt: 14 * H, deadline: 21 * H, referenceAt: 19 * H, attributionEnd: 21 * H + ATTRIBUTION_GRACE_MS },
    ]);
    expect(mergeKnownFaults(faultsFromGroundTruth([wear], RANGE), confirmed).map((f) => f.faultId)).toEqual(['f-wear']);
    expect(mergeKnownFaults([], confirmed).map((f) => f.faultId)).toEqual(['WO-1']);
  });
});

describe('scoring', () => {
  const faults = faultsFromGroundTruth([wear, jam], RANGE);

  it('catches a fault by the earliest detection between start and failure, with lead time to the failure', () => {
    const orders = [
      order('P-104', 'vibration-high', [2 * H]), // before the fault: does not catch it
      order('P-104', 'vibration-high', [14 * H, 18 * H], 40 * H),
      order('CV-C1', 'overcurrent', [30 * H + 40_000]),
    ];
    const [w, j] = scoreFaults(orders, faults);
    expect(w).toMatchObject({ caught: true, detectedAt: 14 * H, via: 'opened', leadTimeMs: 6 * H, orderRef: `P-104/vibration-high@${14 * H}` });
    expect(j).toMatchObject({ caught: true, detectedAt: 30 * H + 40_000, leadTimeMs: null });
  });

  it('counts an occurrence on an order already open as the catch', () => {
    const [w] = scoreFaults([order('P-104', 'vibration-high', [2 * H, 15 * H])], faults);
    expect(w).toMatchObject({ caught: true, detectedAt: 15 * H, via: 'occurrence', leadTimeMs: 5 * H });
  });

  it('misses a fault detected only after its failure, or on another failure mode', () => {
    const [w] = scoreFaults([order('P-104', 'vibration-high', [21 * H]), order('P-104', 'overheating', [15 * H])], faults);
    expect(w).toMatchObject({ caught: false, detectedAt: null, via: null, leadTimeMs: null });
  });

  it('judges orders: fault, related (another mode during a fault), or false alarm', () => {
    const judged = judgeOrders(
      [
        order('P-104', 'vibration-high', [21 * H]), // late, but during the fault: not a false alarm
        order('P-104', 'overheating', [15 * H]),
        order('P-104', 'vibration-high', [2 * H]),
        order('P-101', 'vibration-high', [15 * H]),
      ],
      faults,
    );
    expect(judged.map((o) => [o.verdict, o.faultId])).toEqual([
      ['fault', 'f-wear'],
      ['related', 'f-wear'],
      ['false-alarm', null],
      ['false-alarm', null],
    ]);
  });
});

describe('diff', () => {
  const view = (o: ReplayOrder): BacktestOrderView => {
    const { detections: _d, ...rest } = o;
    return { ...rest, verdict: 'false-alarm', faultId: null };
  };

  it('pairs orders of the same device and mode whose open spans overlap', () => {
    const candidate = [order('P-104', 'vibration-high', [1 * H], 30 * H), order('P-101', 'vibration-high', [5 * H]), order('P-104', 'vibration-high', [50 * H])].map(view);
    const current = [order('P-104', 'vibration-high', [3 * H], 27 * H), order('P-104', 'overheating', [3 * H])].map(view);
    const diff = diffOrders(candidate, current);
    expect(diff.counts).toEqual({ onlyCandidate: 2, onlyCurrent: 1, both: 1 });
    expect(diff.both.map((b) => [b.candidate.ref, b.current.ref, b.openedEarlierByMs])).toEqual([[`P-104/vibration-high@${1 * H}`, `P-104/vibration-high@${3 * H}`, 2 * H]]);
    expect(diff.onlyCandidate.map((o) => o.ref)).toEqual([`P-101/vibration-high@${5 * H}`, `P-104/vibration-high@${50 * H}`]);
    expect(diff.onlyCurrent.map((o) => o.ref)).toEqual([`P-104/overheating@${3 * H}`]);
  });
});
