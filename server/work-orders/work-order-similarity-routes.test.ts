import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, SimilarWorkOrdersView, WorkOrderView } from '../http/api-types';
import { anomalyEvent, createTestServer, getJson, T0, type TestServer } from '../testing/test-server';
import { confirmedOutcome, DAY, finishOrder, noFaultFound } from '../testing/work-order-steps';
import { findSimilarityTarget, listOtherClassCandidates, listSameClassCandidates } from './work-order-similarity-repository';

describe('GET /api/work-orders/:id/similar', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  const workOrders = () => server.services.workOrders;
  const raise = (over: Parameters<typeof anomalyEvent>[0]): WorkOrderView =>
    workOrders().handleAnomalyEvent(anomalyEvent({ ts: server.clock.now - 1000, startedAt: server.clock.now - 301_000, ...over }))!.workOrder!;

  /** Past orders on other devices, finished a few days apart; then the new vibration order on P-104. */
  function history() {
    const pumpBearing = raise({ deviceId: 'P-101' });
    finishOrder(workOrders(), pumpBearing.id, confirmedOutcome());
    server.clock.now += DAY;
    const pumpOverheat = raise({ deviceId: 'P-101', metric: 'temperature', ruleId: 'class.pump.temperature', failureMode: 'overheating', value: 99, limit: 95 });
    finishOrder(workOrders(), pumpOverheat.id, confirmedOutcome({ failureMode: 'overheating', cause: 'Blocked cooling fins', action: 'Cleaned the fins', parts: [], labourMinutes: 30 }));
    server.clock.now += DAY;
    // The compressor's order matches every facet as well as the pump bearing does; only its class differs.
    const compressorBearing = raise({ deviceId: 'C-201', ruleId: 'class.compressor.vibration' });
    finishOrder(workOrders(), compressorBearing.id, confirmedOutcome(), 'resolved');
    server.clock.now += DAY;
    const cancelled = raise({ deviceId: 'P-101', metric: 'current', ruleId: 'class.pump.current', failureMode: 'overcurrent', value: 32, limit: 30.8 });
    workOrders().transition(cancelled.id, { to: 'cancelled' });
    const stillOpen = raise({ deviceId: 'CV-C1', ruleId: 'class.conveyor.vibration' });
    server.clock.now += DAY;
    const current = raise({ deviceId: 'P-104' });
    return { pumpBearing, pumpOverheat, compressorBearing, cancelled, stillOpen, current };
  }

  it('lists the best match first with its outcome and reasons, and never ranks another class above the same class', async () => {
    const h = history();
    const res = await getJson<SimilarWorkOrdersView>(server.app, `/api/work-orders/${h.current.number}/similar`);
    expect(res.status).toBe(200);
    expect(res.body.workOrderId).toBe(h.current.id);
    expect(res.body.items.map((i) => i.id)).toEqual([h.pumpBearing.id, h.pumpOverheat.id, h.compressorBearing.id]);

    const [best, second, other] = res.body.items;
    expect(best).toMatchObject({
      number: h.pumpBearing.number,
      deviceId: 'P-101',
      equipmentClass: 'pump',
      status: 'closed',
      repairEffective: null,
      outcome: { kind: 'confirmed', failureMode: 'vibration-high', cause: 'Worn drive-end bearing', labourMinutes: 90, parts: [{ partNumber: '6205-2RS', quantity: 1 }] },
    });
    expect(best!.closedAt).toBe(T0);
    expect(best!.reasons.map((r) => r.facet)).toEqual(expect.arrayContaining(['equipment-class', 'failure-mode', 'metric', 'severity', 'exceedance', 'rise-rate', 'text']));
    // Same facets as the best one, but a compressor: it scores at least as high and still comes after every pump.
    expect(other).toMatchObject({ equipmentClass: 'compressor', status: 'resolved' });
    expect(other!.score).toBeGreaterThan(second!.score);
    expect(other!.reasons[0]).toEqual({ facet: 'equipment-class', text: 'other equipment class (compressor, not pump)' });
  });

  it('compares only past orders with an outcome, newest first, as many as the bound allows', () => {
    const h = history();
    const target = findSimilarityTarget(server.database, h.current.number)!;
    expect(target).toMatchObject({ id: h.current.id, equipmentClass: 'pump', failureMode: 'vibration-high', evidence: { metric: 'vibration', value: 3.1, limit: 2.8 } });
    // Cancelled and still-open orders are no candidates; the newest pump order comes first.
    expect(listSameClassCandidates(server.database, target).map((c) => c.id)).toEqual([h.pumpOverheat.id, h.pumpBearing.id]);
    expect(listSameClassCandidates(server.database, target, 1).map((c) => c.id)).toEqual([h.pumpOverheat.id]);
    expect(listOtherClassCandidates(server.database, target).map((c) => c.id)).toEqual([h.compressorBearing.id]);
  });

  it('takes the limit, and answers bad input with the field named', async () => {
    const h = history();
    const one = await getJson<SimilarWorkOrdersView>(server.app, `/api/work-orders/${h.current.id}/similar?limit=1`);
    expect(one.body.items.map((i) => i.id)).toEqual([h.pumpBearing.id]);

    const bad = await getJson<ApiError>(server.app, `/api/work-orders/${h.current.id}/similar?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'limit', message: 'must be at least 1' }]);

    const unknown = await getJson<ApiError>(server.app, '/api/work-orders/999999/similar');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not-found');
  });

  it('shows a repair that did not hold as not effective, and no-fault-found outcomes as such', async () => {
    const first = raise({ deviceId: 'P-101' });
    finishOrder(workOrders(), first.id, confirmedOutcome());
    server.clock.now += 5 * DAY;
    const back = raise({ deviceId: 'P-101' });
    finishOrder(workOrders(), back.id, noFaultFound());
    server.clock.now += DAY;
    const current = raise({ deviceId: 'P-104' });
    const { body } = await getJson<SimilarWorkOrdersView>(server.app, `/api/work-orders/${current.id}/similar`);
    const byId = new Map(body.items.map((i) => [i.id, i]));
    expect(byId.get(first.id)).toMatchObject({ repairEffective: false, outcome: { kind: 'confirmed' } });
    expect(byId.get(back.id)).toMatchObject({ outcome: { kind: 'no-fault-found', note: 'Vibration came from the neighbouring compressor during its start-up' } });
  });
});
