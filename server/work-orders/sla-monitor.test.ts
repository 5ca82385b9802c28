import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerEvent } from '../events/event-bus';
import type { Paged, WorkOrderNotificationView } from '../http/api-types';
import { silentLogger } from '../testing/test-database';
import { anomalyEvent, createTestServer, getJson, postJson, T0, type TestServer } from '../testing/test-server';
import { createSlaMonitor, type SlaMonitorDeps } from './sla-monitor';
import { siteContacts } from './sla-contacts';
import type { WorkOrderDetailView } from './work-order-views';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** T0 is Tuesday 09:00 in Berlin, in the default early shift. */
describe('SLA monitor', () => {
  let server: TestServer;
  let events: ServerEvent[];
  let id: number;
  let number: string;
  beforeEach(() => {
    server = createTestServer();
    // An alarm on the criticality-A pump: P1, response 1 h, resolution 8 h, stalled after 2 h (working time).
    const order = server.services.workOrders.handleAnomalyEvent(anomalyEvent({ ts: T0, severity: 'alarm', value: 4.7, limit: 4.5 }))!.workOrder!;
    id = order.id;
    number = order.number;
    events = [];
    server.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => server.close());

  const monitor = (extra: Partial<SlaMonitorDeps> = {}) =>
    createSlaMonitor({ database: server.database, bus: server.bus, now: () => server.clock.now, logger: silentLogger, ...extra });
  const at = (t: number) => {
    server.clock.now = t;
  };
  const slaEntries = async () =>
    (await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${id}`)).body.timeline.filter((t) => t.kind === 'sla').map(({ at, actor, from, to, note }) => ({ at, actor, from, to, note }));
  const keys = (views: WorkOrderNotificationView[]) => views.map((n) => n.key);

  it('warns before the breach, escalates at it, and records each action once', async () => {
    const sla = monitor();
    at(T0 + 30 * MINUTE);
    expect(sla.tick()).toEqual({ evaluated: 1, recorded: [] });

    at(T0 + 45 * MINUTE);
    const warned = sla.tick();
    expect(warned.recorded).toEqual([
      {
        id: expect.any(Number),
        workOrderId: id,
        key: 'warn-assignee:response:P1',
        kind: 'warn-assignee',
        target: 'response',
        at: T0 + 45 * MINUTE,
        sentAt: T0 + 45 * MINUTE,
        to: ['planner@plant-1'],
        cc: [],
        message: `${number} (P1): 45 min of the 1 h response target used (working time); due 2026-03-10 10:00 (Europe/Berlin)`,
      },
    ]);
    expect(events).toEqual([{ name: 'work-order', data: { change: 'updated', workOrder: expect.objectContaining({ id }) } }]);

    // Idempotent: the same time again records nothing, writes nothing, publishes nothing.
    expect(sla.tick().recorded).toEqual([]);
    expect(events).toHaveLength(1);

    at(T0 + 61 * MINUTE);
    const escalated = sla.tick();
    expect(escalated.recorded).toMatchObject([
      { key: 'escalate-supervisor:response:P1', kind: 'escalate-supervisor', at: T0 + HOUR, sentAt: T0 + 61 * MINUTE, to: ['supervisor@plant-1'], cc: ['planner@plant-1'] },
    ]);
    expect(sla.tick().recorded).toEqual([]);

    expect(await slaEntries()).toEqual([
      { at: T0 + 45 * MINUTE, actor: 'system:sla', from: 'response', to: 'warn-assignee', note: 'Response target (P1, 1 h working time) 75 % used, due 2026-03-10 10:00; warned planner@plant-1' },
      {
        at: T0 + 61 * MINUTE,
        actor: 'system:sla',
        from: 'response',
        to: 'escalate-supervisor',
        note: 'Response target (P1, 1 h working time) breached at 2026-03-10 10:00; escalated to supervisor@plant-1 (cc planner@plant-1)',
      },
    ]);

    const listed = await getJson<Paged<WorkOrderNotificationView>>(server.app, `/api/work-orders/${number}/notifications`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [...warned.recorded, ...escalated.recorded], total: 2 });
  });

  it('flags a stalled order once per quiet spell; its own entries are not activity', async () => {
    const sla = monitor();
    at(T0 + 10 * MINUTE);
    server.services.workOrders.transition(id, { to: 'acknowledged' });

    at(T0 + 2 * HOUR + 5 * MINUTE);
    expect(keys(sla.tick().recorded)).toEqual([]);
    at(T0 + 2 * HOUR + 15 * MINUTE);
    const flagged = sla.tick().recorded;
    expect(flagged).toMatchObject([
      { key: `flag-stalled:${T0 + 10 * MINUTE}`, kind: 'flag-stalled', target: null, at: T0 + 2 * HOUR + 10 * MINUTE, to: ['planner@plant-1'], cc: [] },
    ]);
    expect((await slaEntries()).at(-1)?.note).toBe('Stalled: no activity since 2026-03-10 09:10 (2 h 5 min of working time); flagged to planner@plant-1');
    at(T0 + 3 * HOUR);
    expect(sla.tick().recorded).toEqual([]);

    // New activity starts a new spell, which can be flagged again.
    await postJson(server.app, `/api/work-orders/${id}/comments`, { text: 'waiting for the electrician', actor: 'maria' });
    at(T0 + 5 * HOUR + 1 * MINUTE);
    expect(keys(sla.tick().recorded)).toEqual([`flag-stalled:${T0 + 3 * HOUR}`]);

    // 6 of 8 h: the resolution warning.
    at(T0 + 6 * HOUR);
    expect(keys(sla.tick().recorded)).toEqual(['warn-assignee:resolution:P1']);
  });

  it('watches only orders still being worked; a paused clock neither warns nor stalls', async () => {
    const { workOrders } = server.services;
    at(T0 + 5 * MINUTE);
    workOrders.transition(id, { to: 'acknowledged' });
    workOrders.transition(id, { to: 'in-progress' });
    workOrders.transition(id, { to: 'on-hold', holdReason: 'waiting-for-parts' });
    const sla = monitor();
    at(T0 + 7 * HOUR);
    expect(sla.tick()).toEqual({ evaluated: 1, recorded: [] });

    workOrders.transition(id, { to: 'cancelled' });
    at(T0 + 30 * HOUR);
    expect(sla.tick()).toEqual({ evaluated: 0, recorded: [] });
  });

  it('sends to the contacts of the configured lookup', () => {
    const sla = monitor({ contactsFor: siteContacts({ 'plant-1': { supervisor: 'lee@plant.example' } }) });
    at(T0 + 2 * HOUR);
    expect(sla.tick().recorded).toMatchObject([{ kind: 'escalate-supervisor', to: ['lee@plant.example'], cc: ['planner@plant-1'] }]);
  });

  it('works through many open orders in slices on its timer, recording what a direct tick would', async () => {
    server.services.workOrders.handleAnomalyEvent(anomalyEvent({ deviceId: 'P-101', ts: T0, severity: 'alarm', value: 4.7, limit: 4.5 }));
    server.services.workOrders.handleAnomalyEvent(anomalyEvent({ deviceId: 'C-201', ts: T0, severity: 'alarm', value: 9, limit: 7.1 }));
    events.length = 0;
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const sla = monitor({ sliceOrders: 1 });
      at(T0 + 2 * HOUR);
      sla.start(30_000);
      vi.advanceTimersByTime(30_000);
      const updated = () => events.filter((e) => e.name === 'work-order').map((e) => (e.data as { workOrder: { id: number } }).workOrder.id);
      await vi.waitFor(() => expect(updated()).toHaveLength(3), { timeout: 5000 }); // real immediates run between the slices
      sla.stop();
      expect(new Set(updated()).size).toBe(3);
      expect(monitor().tick()).toEqual({ evaluated: 3, recorded: [] }); // everything due was recorded already
    } finally {
      vi.useRealTimers();
    }
  });

  it('ticks on its interval once started, until stopped', () => {
    vi.useFakeTimers();
    try {
      const sla = monitor();
      at(T0 + 2 * HOUR);
      sla.start(30_000);
      vi.advanceTimersByTime(29_000);
      expect(events).toEqual([]);
      vi.advanceTimersByTime(1_000);
      expect(events).toHaveLength(1);
      sla.stop();
      at(T0 + 9 * HOUR);
      vi.advanceTimersByTime(120_000);
      expect(events).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
