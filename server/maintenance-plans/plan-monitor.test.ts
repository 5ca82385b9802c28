/**
 * The monitor over a real database and the real work-order service, with a
 * clock the test moves: telemetry accumulates running hours through
 * LiveTelemetry until a preventive order opens; closing it schedules the next.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveTelemetry } from '../live-telemetry';
import { runningMsOf } from '../devices/device-repository';
import { createTestServer, T0, type TestServer } from '../testing/test-server';
import { silentLogger } from '../testing/test-database';
import { finishOrder, noFaultFound } from '../testing/work-order-steps';
import { createMaintenancePlanMonitor, PLAN_ACTOR, type PlanMonitor } from './plan-monitor';
import { DAY_MS, HOUR_MS } from './plan-schedule';

const MINUTE = 60_000;
const service = noFaultFound('Service done: filters, belts and oil changed');

describe('maintenance plan monitor', () => {
  let server: TestServer;
  let monitor: PlanMonitor;
  beforeEach(() => {
    server = createTestServer();
    monitor = createMaintenancePlanMonitor({ database: server.database, bus: server.bus, now: () => server.clock.now, logger: silentLogger, workOrders: server.services.workOrders });
  });
  afterEach(async () => {
    monitor.stop();
    await server.close();
  });

  const plans = () => server.services.maintenancePlans;
  const orders = () => server.services.workOrders;
  const preventive = () => orders().list({ types: ['preventive'], limit: 50, offset: 0, sort: 'newest' }).items;

  it('accumulates running hours from telemetry until a running-hours order opens; closing it schedules the next from the hours then', () => {
    const live = new LiveTelemetry({
      rules: [],
      onAnomaly: () => {},
      onSeen: (seen) => server.services.devices.touchDevices(seen),
      onLatest: () => {},
      onError: (err) => {
        throw err;
      },
      ratedCurrentOf: (id) => server.services.devices.plantDevice(id)?.ratedCurrent,
      onRunning: (ms) => server.services.devices.addRunningTime(ms),
      now: () => server.clock.now,
      tickMs: 3_600_000,
    });
    plans().create({ id: 'c201-service', deviceId: 'C-201', title: 'Compressor service', trigger: { kind: 'running-hours', everyHours: 10, leadHours: 1 }, requiredSkills: ['mechanical'], priority: 'P2' }, 'planner');
    let ts = T0;
    const sample = (current: number) => live.observe([{ deviceId: 'C-201', seq: 0, ts, temperature: 40, vibration: 1.2, current }]);
    /** Minute samples of the compressor: running at 70 A (rated 95) or stopped at 1 A, ticking live telemetry and the monitor every 10 minutes and at the end. */
    const run = (minutes: number, current: number) => {
      for (let i = 1; i <= minutes; i++) {
        ts += MINUTE;
        server.clock.now = ts;
        sample(current);
        if (i % 10 === 0 || i === minutes) {
          live.tick();
          monitor.tick();
        }
      }
    };
    sample(70);
    run(8 * 60, 70);
    // Stopped: the minute up to the first stopped sample still counts (the state last measured holds), the rest does not.
    run(3 * 60, 1);
    expect(runningMsOf(server.database, 'C-201')).toBe(8 * HOUR_MS + MINUTE);
    expect(preventive()).toEqual([]);
    run(60, 70); // counts from the second running sample: 9 h of running, the order opens (10 h due, 1 h lead)
    const [first] = preventive();
    expect(first).toMatchObject({ type: 'preventive', deviceId: 'C-201', title: 'Compressor service', status: 'open', dueAt: null, priority: 'P2' });
    const detail = orders().get(first!.id);
    expect(detail.timeline[0]!.actor).toBe(PLAN_ACTOR);
    expect(detail.timeline[0]!.note).toBe('Preventive order; Maintenance plan c201-service "Compressor service": every 10 running hours: 9 h now, due at 10 h (counted from 0 h when the plan started)');
    expect(detail).toMatchObject({ requiredCertifications: [], requiredSkills: ['mechanical'] });

    run(120, 70); // still running: no second order while the first is open
    expect(preventive()).toHaveLength(1);
    expect(plans().get('c201-service')).toMatchObject({ runningHours: 11, next: null, lastOrder: { number: first!.number, status: 'open' } });

    finishOrder(orders(), first!.id, service); // resolved at 11 h of running: recorded at once from the order's event
    expect(plans().get('c201-service')).toMatchObject({ lastDoneRunningHours: 11, next: { basis: 'completion', dueRunningHours: 21, opensAtRunningHours: 20, runningHoursLeft: 10 } });
    run(8 * 60, 70);
    expect(preventive()).toHaveLength(1);
    run(60, 70);
    const second = preventive()[0]!;
    expect(second.id).not.toBe(first!.id);
    expect(orders().get(second.id).timeline[0]!.note).toContain('every 10 running hours: 20 h now, due at 21 h (last done at 11 h)');
    live.stop();
  });

  it('opens a calendar order the lead time before it is due; a cancelled one reschedules from its due date; a disabled plan opens nothing', () => {
    plans().create({ id: 'p101-grease', deviceId: 'P-101', title: 'Grease bearings', trigger: { kind: 'calendar', everyDays: 90, leadDays: 7 } }, 'planner');
    server.clock.now = T0 + 83 * DAY_MS - 1;
    expect(monitor.tick().opened).toEqual([]);
    server.clock.now = T0 + 83 * DAY_MS;
    const [number] = monitor.tick().opened;
    expect(number).toMatch(/^WO-2026-/);
    const order = orders().get(number!);
    expect(order).toMatchObject({ type: 'preventive', dueAt: T0 + 90 * DAY_MS });
    expect(order.timeline[0]!.note).toBe('Preventive order; due 2026-06-08T08:00Z; Maintenance plan p101-grease "Grease bearings": every 90 days, plan started 2026-03-10');
    server.clock.now += 200 * DAY_MS;
    expect(monitor.tick().opened).toEqual([]); // one open order per plan, however late

    orders().transition(order.id, { to: 'cancelled', note: 'Line shut down for the summer' });
    expect(plans().get('p101-grease').next).toMatchObject({ basis: 'cancelled', dueAt: T0 + 180 * DAY_MS });
    const [next] = monitor.tick().opened; // past T0 + 173 days already
    expect(orders().get(next!)).toMatchObject({ dueAt: T0 + 180 * DAY_MS });
    expect(orders().get(next!).timeline[0]!.note).toContain('every 90 days, previous order was cancelled, counted from its due date 2026-06-08');

    finishOrder(orders(), orders().get(next!).id, service);
    const doneAt = server.clock.now;
    plans().disable('p101-grease', 'planner');
    server.clock.now = doneAt + 400 * DAY_MS;
    expect(monitor.tick().opened).toEqual([]);
    expect(plans().get('p101-grease')).toMatchObject({ enabled: false, lastDoneAt: doneAt, next: { basis: 'completion', dueAt: doneAt + 90 * DAY_MS } });
    plans().update('p101-grease', { enabled: true }, 'planner');
    const [overdue] = monitor.tick().opened;
    expect(orders().get(overdue!).timeline[0]!.note).toContain(`last done ${new Date(doneAt).toISOString().slice(0, 10)}`);
    expect(monitor.tick().opened).toEqual([]);
  });
});
