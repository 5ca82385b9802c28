import { describe, expect, it } from 'vitest';
import type { EvidenceView, OutcomeView } from '../http/api-types';
import { findSimilarOrders, signalSignature, type SimilarityCandidate, type SimilarityTarget } from './work-order-similarity';
import { cosine, tfidfVectors, tokenize } from './work-order-similarity-text';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 2, 10);

/** Vibration evidence rising from `start` to `value` over one hour, warn limit 2.8. */
function evidence(over: Partial<EvidenceView> & { start?: number } = {}): EvidenceView {
  const { start = 2.6, ...rest } = over;
  const value = rest.value ?? 3.1;
  return {
    metric: 'vibration',
    unit: 'mm/s',
    severity: 'warn',
    value,
    limit: 2.8,
    ruleId: 'class.pump.vibration',
    ruleVersion: 1,
    rule: { direction: 'above', warn: 2.8, alarm: 4.5, clear: 2.3, minDurationMs: 300_000 },
    startedAt: T - HOUR,
    detectedAt: T,
    recent: [
      [T - HOUR, start],
      [T - HOUR / 2, (start + value) / 2],
      [T, value],
    ],
    ...rest,
  };
}

const bearing: OutcomeView = {
  kind: 'confirmed',
  failureMode: 'vibration-high',
  cause: 'Worn drive-end bearing',
  action: 'Replaced the bearing and realigned the coupling',
  parts: [{ partNumber: '6205-2RS', description: null, quantity: 1 }],
  labourMinutes: 90,
  recordedAt: T,
  recordedBy: 'maria',
};

const target: SimilarityTarget = {
  id: 100,
  title: 'Vibration rising on Cooling water pump 2',
  description: 'Bearing noise reported at the drive end',
  equipmentClass: 'pump',
  failureMode: 'vibration-high',
  evidence: evidence(),
};

let nextId = 1;
function candidate(over: Partial<SimilarityCandidate> = {}): SimilarityCandidate {
  const id = over.id ?? nextId++;
  return {
    id,
    number: `WO-2026-${String(id).padStart(6, '0')}`,
    status: 'closed',
    deviceId: 'P-101',
    deviceName: 'Cooling water pump 1',
    title: 'Vibration high on Cooling water pump 1',
    description: '',
    equipmentClass: 'pump',
    failureMode: 'vibration-high',
    evidence: evidence(),
    outcome: bearing,
    repairEffective: null,
    closedAt: T - 10 * 24 * HOUR,
    ...over,
  };
}

describe('text similarity', () => {
  it('tokenises lower-case words without stop words or bare numbers', () => {
    expect(tokenize('The Drive-End bearing of WO-2026-000042 was replaced, 2x')).toEqual(['drive', 'end', 'bearing', 'replaced', '2x']);
  });

  it('scores shared rare words above shared common ones', () => {
    const [q, rare, common] = tfidfVectors([['bearing', 'pump'], ['bearing', 'motor'], ['pump', 'motor'], ['pump', 'fan']]);
    expect(cosine(q!, rare!)).toBeGreaterThan(cosine(q!, common!));
    expect(cosine(q!, q!)).toBeCloseTo(1, 9);
    expect(cosine(q!, new Map())).toBe(0);
  });
});

describe('signal signature', () => {
  it('reads the exceedance ratio and the rise per hour in fractions of the limit', () => {
    const sig = signalSignature(evidence({ start: 2.6, value: 3.16 }));
    expect(sig.ratio).toBeCloseTo(3.16 / 2.8, 9);
    expect(sig.risePerHour).toBeCloseTo(0.56 / 2.8, 9);
    expect(signalSignature(evidence({ recent: [[T, 3]] })).risePerHour).toBeNull();
  });
});

describe('findSimilarOrders', () => {
  it('ranks the order with the same failure mode, signature and words first, and says why', () => {
    const best = candidate({ title: 'Bearing noise on pump 1', description: 'drive end bearing worn' });
    const otherMode = candidate({ failureMode: 'overheating', outcome: { ...bearing, failureMode: 'overheating', cause: 'Blocked cooling fins', action: 'Cleaned fins' }, evidence: evidence({ metric: 'temperature', value: 99, limit: 95, start: 90 }) });
    const weakerSignal = candidate({ evidence: evidence({ severity: 'alarm', value: 4.9, limit: 4.5, start: 2 }) });
    const [first, second, third] = findSimilarOrders(target, [otherMode, weakerSignal, best], 3);
    expect(first!.candidate.id).toBe(best.id);
    expect(second!.candidate.id).toBe(weakerSignal.id);
    expect(third!.candidate.id).toBe(otherMode.id);
    expect(first!.reasons.map((r) => r.facet)).toEqual(expect.arrayContaining(['equipment-class', 'failure-mode', 'metric', 'severity', 'exceedance', 'rise-rate', 'text']));
    expect(first!.reasons[0]).toEqual({ facet: 'equipment-class', text: 'same equipment class (pump)' });
    expect(second!.reasons.map((r) => r.facet)).not.toContain('severity');
    expect(first!.score).toBeGreaterThan(second!.score);
    expect(first!.score).toBeLessThanOrEqual(1);
  });

  it('reads the confirmed failure mode of the past order, not the one it was raised for', () => {
    const turnedOut = candidate({ failureMode: 'overcurrent', evidence: null, title: 'x', outcome: bearing });
    const raisedOnly = candidate({ failureMode: 'vibration-high', evidence: null, title: 'x', outcome: { ...bearing, failureMode: 'overcurrent' } });
    const [match] = findSimilarOrders(target, [raisedOnly, turnedOut], 1);
    expect(match!.candidate.id).toBe(turnedOut.id);
  });

  it('never lets another equipment class outrank the same class, and drops unrelated classes', () => {
    const fan = candidate({ equipmentClass: 'fan', title: target.title, description: target.description });
    const weakPump = candidate({ title: 'Pump check', failureMode: 'vibration-high', evidence: null, outcome: { kind: 'no-fault-found', note: 'nothing found', recordedAt: T, recordedBy: 'x' } });
    const unrelatedPress = candidate({ equipmentClass: 'press', failureMode: 'overheating', evidence: evidence({ metric: 'temperature' }), outcome: { ...bearing, failureMode: 'overheating' } });
    const result = findSimilarOrders(target, [fan, weakPump, unrelatedPress], 3);
    expect(result.map((m) => m.candidate.id)).toEqual([weakPump.id, fan.id]);
    expect(result[1]!.score).toBeGreaterThan(result[0]!.score);
    expect(result[1]!.reasons[0]!.text).toBe('other equipment class (fan, not pump)');
  });

  it('leaves out the order itself and orders nothing matches', () => {
    const itself = candidate({ id: target.id });
    const nothing = candidate({ failureMode: 'overheating', evidence: null, title: 'Lubrication round', outcome: { kind: 'no-fault-found', note: 'ok', recordedAt: T, recordedBy: 'x' } });
    expect(findSimilarOrders(target, [itself, nothing], 3)).toEqual([]);
  });

  it('breaks ties newer first, then by id, and returns at most `limit`', () => {
    const old = candidate({ id: 50, closedAt: T - 30 * 24 * HOUR });
    const newer = candidate({ id: 40, closedAt: T - 24 * HOUR });
    const sameTimeHigherId = candidate({ id: 60, closedAt: T - 24 * HOUR });
    expect(findSimilarOrders(target, [old, newer, sameTimeHigherId], 2).map((m) => m.candidate.id)).toEqual([60, 40]);
    expect(findSimilarOrders(target, [old, newer], 0)).toEqual([]);
  });

  it('works without evidence on either side, from failure mode and text', () => {
    const manual: SimilarityTarget = { ...target, evidence: null };
    const [match] = findSimilarOrders(manual, [candidate()], 3);
    expect(match!.reasons.map((r) => r.facet)).toEqual(['equipment-class', 'failure-mode', 'text']);
  });
});
