import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRuleTemplates } from '../detection/default-rules';
import type { RulePrecisionView } from '../http/api-types';
import { anomalyEvent, createTestServer, getJson, T0, type TestServer } from '../testing/test-server';
import { confirmedOutcome, finishOrder, noFaultFound } from '../testing/work-order-steps';
import { rulePrecision } from './rule-precision';

describe('GET /api/rules/precision', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  const raise = (overrides: Parameters<typeof anomalyEvent>[0] = {}) => server.services.workOrders.handleAnomalyEvent(anomalyEvent(overrides))!.workOrder!.id;
  const temperature = { metric: 'temperature', ruleId: 'class.pump.temperature', failureMode: 'overheating', value: 97, limit: 95 } as const;

  it('counts confirmed faults, no fault found and open orders per rule that raised them', async () => {
    const { workOrders } = server.services;
    finishOrder(workOrders, raise(), confirmedOutcome()); // P-104 vibration: real fault
    finishOrder(workOrders, raise({ deviceId: 'P-101' }), noFaultFound(), 'resolved'); // P-101 vibration: false alarm
    server.clock.now = T0 + 3_600_000;
    finishOrder(workOrders, raise({ ts: T0 + 3_000_000 }), confirmedOutcome({ cause: 'Loose foundation bolts' })); // P-104 vibration again: real
    raise({ deviceId: 'P-101', ts: T0 + 3_100_000 }); // P-101 vibration again: still being worked
    workOrders.transition(raise(temperature), { to: 'cancelled' }); // cancelled: counts nowhere
    raise({ ...temperature, deviceId: 'P-101' }); // open
    raise({ deviceId: 'CV-C1', metric: 'current', ruleId: 'retired.conveyor.current', failureMode: 'overcurrent', value: 17.5, limit: 16.5 });
    // An order people raised has no rule: it does not count for any.
    const manual = workOrders.create({ type: 'corrective', deviceId: 'P-104', title: 'Seal leak', failureMode: 'vibration-high' });
    finishOrder(workOrders, manual.id, noFaultFound());

    const { status, body } = await getJson<RulePrecisionView[]>(server.app, '/api/rules/precision');
    expect(status).toBe(200);
    const byId = new Map(body.map((r) => [r.ruleId, r]));
    expect(byId.get('class.pump.vibration')).toEqual({ ruleId: 'class.pump.vibration', confirmed: 2, noFaultFound: 1, open: 1, precision: 2 / 3 });
    expect(byId.get('class.pump.temperature')).toEqual({ ruleId: 'class.pump.temperature', confirmed: 0, noFaultFound: 0, open: 1, precision: null });
    // A rule that no longer exists still shows what it raised; a stored rule that raised nothing shows zeros.
    expect(byId.get('retired.conveyor.current')).toEqual({ ruleId: 'retired.conveyor.current', confirmed: 0, noFaultFound: 0, open: 1, precision: null });
    expect(byId.get('class.compressor.vibration')).toEqual({ ruleId: 'class.compressor.vibration', confirmed: 0, noFaultFound: 0, open: 0, precision: null });
    expect(body).toHaveLength(defaultRuleTemplates().length + 1);
    expect(body.map((r) => r.ruleId)).toEqual([...body.map((r) => r.ruleId)].sort());
  });
});

describe('rulePrecision', () => {
  it('counts an order by its outcome only once it is resolved or closed', () => {
    const result = rulePrecision(
      [],
      [
        { ruleId: 'r', status: 'closed', outcomeKind: 'confirmed', n: 3 },
        { ruleId: 'r', status: 'resolved', outcomeKind: 'no-fault-found', n: 1 },
        // Reopened after a no-fault-found: being worked again.
        { ruleId: 'r', status: 'in-progress', outcomeKind: 'no-fault-found', n: 2 },
        { ruleId: 'r', status: 'cancelled', outcomeKind: 'confirmed', n: 5 },
      ],
    );
    expect(result).toEqual([{ ruleId: 'r', confirmed: 3, noFaultFound: 1, open: 2, precision: 0.75 }]);
  });
});
