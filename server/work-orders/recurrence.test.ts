import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../events/event-bus';
import type { OutcomeInput, WorkOrderView } from '../http/api-types';
import { anomalyEvent, createTestServer, postJson, T0, type TestServer } from '../testing/test-server';
import { confirmedOutcome, DAY, finishOrder, noFaultFound } from '../testing/work-order-steps';
import { isRecurrence, RECURRENCE_WINDOW_MS } from './recurrence';
import type { WorkOrderDetailView } from './work-order-views';

describe('recurrence: a repaired fault that comes back', () => {
  let server: TestServer;
  let events: ServerEvent[];
  beforeEach(() => {
    server = createTestServer();
    events = [];
    server.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => server.close());

  const workOrders = () => server.services.workOrders;

  /** A vibration order on P-104, finished with `outcome` at T0 + 1 h. */
  function repaired(outcome: OutcomeInput = confirmedOutcome(), last: 'resolved' | 'closed' = 'closed'): WorkOrderView {
    const order = workOrders().handleAnomalyEvent(anomalyEvent())!.workOrder!;
    workOrders().handleAnomalyEvent(anomalyEvent({ type: 'cleared', ts: T0 + 60_000, value: 2.0, limit: 2.3 }));
    server.clock.now = T0 + 3_600_000;
    finishOrder(workOrders(), order.id, outcome, last);
    return order;
  }

  /** The vibration comes back `days` after the repair was finished. */
  function comesBack(days: number): WorkOrderView {
    server.clock.now = T0 + 3_600_000 + days * DAY;
    events = [];
    return workOrders().handleAnomalyEvent(anomalyEvent({ ts: server.clock.now - 1000, startedAt: server.clock.now - 301_000 }))!.workOrder!;
  }

  it('links a fault back after 29 days to the repair and marks that repair not effective, on both timelines', () => {
    const old = repaired();
    const again = comesBack(29);

    expect(again.id).not.toBe(old.id);
    expect(again).toMatchObject({ status: 'open', recurrenceOf: { id: old.id, number: old.number }, repairEffective: null });
    const before = workOrders().get(old.id);
    expect(before).toMatchObject({ status: 'closed', repairEffective: false, recurrenceOf: null, updatedAt: server.clock.now });

    const newEntry = workOrders().get(again.id).timeline.find((t) => t.kind === 'recurrence');
    expect(newEntry).toMatchObject({
      actor: 'detector',
      from: old.number,
      to: again.number,
      note: `Recurrence of ${old.number}: vibration-high is back 29 days after that repair was finished.`,
    });
    expect(before.timeline.at(-1)).toMatchObject({
      kind: 'recurrence',
      from: old.number,
      to: again.number,
      note: `Repair not effective: vibration-high came back 29 days after this order was finished; new order ${again.number}.`,
    });
    // Subscribers see the old order change as well as the new one.
    expect(events.filter((e) => e.name === 'work-order').map((e) => [e.data.change, e.data.workOrder.id])).toEqual([
      ['updated', old.id],
      ['created', again.id],
    ]);
  });

  it('opens a plain new order after 31 days and leaves the old repair alone', () => {
    const old = repaired();
    const again = comesBack(31);
    expect(again).toMatchObject({ recurrenceOf: null });
    const before = workOrders().get(old.id);
    expect(before.repairEffective).toBeNull();
    expect(before.timeline.map((t) => t.kind)).not.toContain('recurrence');
  });

  it('counts a resolved order that is not closed yet as a repair', () => {
    const old = repaired(confirmedOutcome(), 'resolved');
    expect(comesBack(2).recurrenceOf?.id).toBe(old.id);
  });

  it('does not count no-fault-found or cancelled orders as repairs', () => {
    repaired(noFaultFound());
    expect(comesBack(1).recurrenceOf).toBeNull();

    const cancelled = workOrders().list({ statuses: ['open'], limit: 1, offset: 0 }).items[0]!;
    workOrders().transition(cancelled.id, { to: 'cancelled' });
    expect(comesBack(2).recurrenceOf).toBeNull();
  });

  it('does not count a resolved repair that was then cancelled', () => {
    const old = repaired(confirmedOutcome(), 'resolved');
    workOrders().transition(old.id, { to: 'cancelled', note: 'Wrong pump' });
    expect(comesBack(2).recurrenceOf).toBeNull();
  });

  it('only links the same failure mode as the one repaired', () => {
    repaired(confirmedOutcome({ failureMode: 'overheating' }));
    expect(comesBack(3).recurrenceOf).toBeNull();
  });

  it('links a corrective order someone raises for the same failure mode', async () => {
    const old = repaired();
    server.clock.now = T0 + 10 * DAY;
    const res = await postJson<WorkOrderDetailView>(server.app, '/api/work-orders', {
      type: 'corrective',
      deviceId: 'P-104',
      title: 'Pump rattles again',
      failureMode: 'vibration-high',
      actor: 'dana',
    });
    expect(res.body.recurrenceOf).toEqual({ id: old.id, number: old.number });
    expect(res.body.timeline.map((t) => [t.kind, t.actor])).toEqual([
      ['created', 'dana'],
      ['recurrence', 'dana'],
    ]);
    expect(workOrders().get(old.id).repairEffective).toBe(false);
  });

  it('leaves nothing half done when the new order cannot be written', () => {
    const old = repaired();
    server.clock.now = T0 + 3_600_000 + 5 * DAY;
    // A trigger that refuses the recurrence timeline entry: the whole event must roll back.
    server.database.sqlite.exec(`CREATE TRIGGER refuse_recurrence BEFORE INSERT ON work_order_events WHEN NEW.kind = 'recurrence' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() => workOrders().handleAnomalyEvent(anomalyEvent({ ts: server.clock.now }))).toThrow('refused');
    expect(workOrders().list({ limit: 10, offset: 0 }).total).toBe(1);
    expect(workOrders().get(old.id).repairEffective).toBeNull();
    expect(server.services.anomalies.list({ active: true, limit: 10, offset: 0 }).total).toBe(0);
  });
});

describe('isRecurrence', () => {
  it('counts up to and including 30 days after the repair', () => {
    expect(isRecurrence(T0, T0 + RECURRENCE_WINDOW_MS)).toBe(true);
    expect(isRecurrence(T0, T0 + RECURRENCE_WINDOW_MS + 1)).toBe(false);
  });
});
