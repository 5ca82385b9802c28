import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { createEventBus, type ServerEvent } from '../events/event-bus';
import { silentLogger } from '../testing/test-database';
import { createWorkOrderService } from './work-order-service';
import { anomalyEvent, createTestServer, T0, type TestServer } from '../testing/test-server';
import { finishOrder, noFaultFound } from '../testing/work-order-steps';

describe('work-order service: anomaly events in, work orders out', () => {
  let server: TestServer;
  let events: ServerEvent[];
  beforeEach(() => {
    server = createTestServer();
    events = [];
    server.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => server.close());

  const workOrders = () => server.services.workOrders;
  const anomalies = (filter: { active?: boolean } = {}) => server.services.anomalies.list({ ...filter, limit: 100, offset: 0 });

  it('creates a potential-fault order a technician can read, with the evidence', () => {
    const result = workOrders().handleAnomalyEvent(anomalyEvent());
    expect(result?.change).toBe('created');
    const order = workOrders().get(result!.workOrder!.id);
    expect(order).toMatchObject({
      number: `WO-2026-${String(order.id).padStart(6, '0')}`,
      type: 'potential-fault',
      status: 'open',
      title: 'Vibration 3.1 mm/s above warn 2.8 mm/s on P-104 Cooling water pump 2',
      deviceId: 'P-104',
      deviceName: 'Cooling water pump 2',
      lineId: 'utilities',
      siteId: 'plant-1',
      failureMode: 'vibration-high',
      severity: 'warn',
      occurrences: 1,
      createdAt: T0,
    });
    expect(order.description).toContain('Check bearings');
    expect(order.evidence).toEqual({
      metric: 'vibration',
      unit: 'mm/s',
      severity: 'warn',
      value: 3.1,
      limit: 2.8,
      ruleId: 'class.pump.vibration',
      ruleVersion: 1,
      rule: { direction: 'above', warn: 2.8, alarm: 4.5, clear: 2.3, minDurationMs: 300_000 },
      startedAt: T0 - 301_000,
      detectedAt: T0 - 1000,
      recent: [
        [T0 - 2000, 3.0],
        [T0 - 1000, 3.1],
      ],
    });
    expect(order.timeline.map((t) => [t.kind, t.actor, t.to])).toEqual([['created', 'detector', 'open']]);
    expect(anomalies({ active: true }).items).toMatchObject([{ deviceId: 'P-104', active: true, acknowledged: false, workOrderId: order.id }]);
  });

  it('adds an occurrence instead of a second order for the same device and failure mode', () => {
    const first = workOrders().handleAnomalyEvent(anomalyEvent())!;
    workOrders().handleAnomalyEvent(anomalyEvent({ type: 'cleared', ts: T0 + 60_000, value: 2.0, limit: 2.3 }));
    server.clock.now = T0 + 600_000;
    const second = workOrders().handleAnomalyEvent(anomalyEvent({ ts: T0 + 590_000, value: 3.2 }))!;

    expect(second.change).toBe('occurrence');
    expect(second.workOrder?.id).toBe(first.workOrder?.id);
    const { items, total } = workOrders().list({ limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ occurrences: 2, lastOccurrenceAt: T0 + 590_000, updatedAt: T0 + 600_000 });
    const linked = anomalies().items.filter((a) => a.workOrderId === first.workOrder!.id);
    expect(linked).toHaveLength(2);
    const timeline = workOrders().get(first.workOrder!.id).timeline;
    expect(timeline.map((t) => t.kind)).toEqual(['created', 'occurrence']);
    expect(timeline[1]?.note).toBe('Detected again: Vibration 3.2 mm/s above warn 2.8 mm/s');
  });

  it('dedupes through the database, so a second connection to the same file joins the same order', () => {
    const other = openDatabase(server.database.file);
    try {
      const otherService = createWorkOrderService({ database: other, bus: createEventBus(), now: () => T0, logger: silentLogger });
      const first = workOrders().handleAnomalyEvent(anomalyEvent())!;
      const second = otherService.handleAnomalyEvent(anomalyEvent({ ts: T0 + 1000 }))!;
      expect(second.change).toBe('occurrence');
      expect(second.workOrder?.id).toBe(first.workOrder?.id);
    } finally {
      other.close();
    }
  });

  it('opens a second order for a different failure mode of the same device', () => {
    workOrders().handleAnomalyEvent(anomalyEvent());
    const heat = workOrders().handleAnomalyEvent(
      anomalyEvent({ metric: 'temperature', ruleId: 'class.pump.temperature', failureMode: 'overheating', value: 97, limit: 95 }),
    )!;
    expect(heat.change).toBe('created');
    expect(heat.workOrder?.title).toBe('Temperature 97 °C above warn 95 °C on P-104 Cooling water pump 2');
    expect(workOrders().list({ limit: 10, offset: 0 }).total).toBe(2);
  });

  it('opens a new order when the fault comes back after the first order was closed', () => {
    const first = workOrders().handleAnomalyEvent(anomalyEvent())!;
    finishOrder(workOrders(), first.workOrder!.id, noFaultFound());
    workOrders().handleAnomalyEvent(anomalyEvent({ type: 'cleared', ts: T0 + 60_000, value: 2.0, limit: 2.3 }));
    const again = workOrders().handleAnomalyEvent(anomalyEvent({ ts: T0 + 3_600_000 }))!;
    expect(again.change).toBe('created');
    expect(again.workOrder?.id).not.toBe(first.workOrder?.id);
    expect(workOrders().get(first.workOrder!.id)).toMatchObject({ status: 'closed', occurrences: 1 });
  });

  it('raises the order severity on escalation and keeps it on de-escalation; clearing leaves the order open', () => {
    const raised = workOrders().handleAnomalyEvent(anomalyEvent())!;
    const id = raised.workOrder!.id;
    const escalated = workOrders().handleAnomalyEvent(anomalyEvent({ type: 'escalated', severity: 'alarm', value: 4.7, limit: 4.5, ts: T0 + 1000 }))!;
    expect(escalated.change).toBe('updated');
    expect(escalated.anomaly).toMatchObject({ severity: 'alarm', lastValue: 4.7, active: true });
    expect(workOrders().get(id).severity).toBe('alarm');

    const down = workOrders().handleAnomalyEvent(anomalyEvent({ type: 'deescalated', severity: 'warn', value: 3.0, limit: 4.5, ts: T0 + 2000 }))!;
    expect(down.anomaly.severity).toBe('warn');
    const cleared = workOrders().handleAnomalyEvent(anomalyEvent({ type: 'cleared', severity: 'warn', value: 2.0, limit: 2.3, ts: T0 + 3000 }))!;
    expect(cleared.anomaly).toMatchObject({ active: false, clearedAt: T0 + 3000 });

    const order = workOrders().get(id);
    expect(order).toMatchObject({ severity: 'alarm', status: 'open', priority: 'P1' });
    expect(order.timeline.map((t) => [t.kind, t.from, t.to])).toEqual([
      ['created', null, 'open'],
      ['severity', 'warn', 'alarm'],
      ['priority', 'P2', 'P1'],
    ]);
    expect(order.timeline[1]?.note).toBe('Vibration 4.7 mm/s above alarm 4.5 mm/s');
    expect(anomalies({ active: true }).total).toBe(0);
  });

  it('publishes the anomaly and the created order on the bus', () => {
    const result = workOrders().handleAnomalyEvent(anomalyEvent())!;
    expect(events.map((e) => e.name)).toEqual(['anomaly', 'work-order']);
    expect(events[1]).toEqual({ name: 'work-order', data: { change: 'created', workOrder: result.workOrder } });
  });

  it('ignores events of unknown devices and updates without an active anomaly', () => {
    expect(workOrders().handleAnomalyEvent(anomalyEvent({ deviceId: 'NOPE' }))).toBeNull();
    expect(workOrders().handleAnomalyEvent(anomalyEvent({ type: 'cleared' }))).toBeNull();
    expect(workOrders().list({ limit: 10, offset: 0 }).total).toBe(0);
    expect(events).toEqual([]);
  });

  it('treats an escalation without an active anomaly as a raise, so an alarm is never lost', () => {
    const result = workOrders().handleAnomalyEvent(anomalyEvent({ type: 'escalated', severity: 'alarm', value: 4.8, limit: 4.5 }))!;
    expect(result.change).toBe('created');
    expect(result.workOrder).toMatchObject({ severity: 'alarm', title: 'Vibration 4.8 mm/s above alarm 4.5 mm/s on P-104 Cooling water pump 2' });
  });

  it('acknowledges the anomalies of an order once someone takes it up', () => {
    const { workOrder } = workOrders().handleAnomalyEvent(anomalyEvent())!;
    workOrders().transition(workOrder!.id, { to: 'acknowledged', actor: 'maria' });
    expect(anomalies().items).toMatchObject([{ acknowledged: true, active: true }]);
  });

  it('uses the limits of a flexible foundation in the evidence', () => {
    const result = workOrders().handleAnomalyEvent(
      anomalyEvent({ deviceId: 'C-201', ruleId: 'class.compressor.vibration', value: 5, limit: 4.48 }),
    )!;
    expect(result.workOrder?.evidence?.rule).toMatchObject({ warn: 4.48, alarm: 7.2, clear: 3.68 });
    expect(result.workOrder?.title).toBe('Vibration 5 mm/s above warn 4.48 mm/s on C-201 Air compressor');
  });
});
