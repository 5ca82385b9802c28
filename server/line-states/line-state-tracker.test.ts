import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineStateChanges } from '../db/schema';
import { confirmedOutcome } from '../testing/work-order-steps';
import { createLineStateTestServer, type LineStateTestServer } from '../testing/line-state-test-server';
import { T0 } from '../testing/test-server';
import { createLineStateTracker } from './line-state-tracker';

const MIN = 60_000;
const ALL_DEVICES = ['P-101', 'P-104', 'C-201', 'CV-C1'];

describe('line-state tracker', () => {
  let server: LineStateTestServer;
  beforeEach(() => {
    server = createLineStateTestServer();
  });
  afterEach(() => server.close());

  /** Moves the clock; the listed devices report at the new time. */
  const at = (t: number, reporting: string[] = ALL_DEVICES) => {
    server.clock.now = t;
    if (reporting.length) server.services.devices.touchDevices(new Map(reporting.map((id) => [id, t])));
  };
  const records = () => server.database.db.select().from(lineStateChanges).orderBy(lineStateChanges.id).all();
  const summary = () => server.tracker.states(server.clock.now).map((s) => [s.id, s.state, s.since]);
  const emergencyOnP104 = () => server.services.workOrders.create({ type: 'emergency', deviceId: 'P-104', title: 'Mold repair', dueAt: T0 + 90 * MIN });

  it('records the first state of every line, then writes and publishes nothing while nothing changes', () => {
    at(T0);
    expect(server.tracker.refresh(T0).map((v) => [v.id, v.state, v.since])).toEqual([['utilities', 'running', T0], ['assembly', 'running', T0]]);
    expect(records().map((r) => [r.lineId, r.from, r.to, r.at])).toEqual([['utilities', null, 'running', T0], ['assembly', null, 'running', T0]]);
    expect(server.lineEvents).toHaveLength(2);

    at(T0 + MIN);
    expect(server.tracker.refresh(T0 + MIN)).toEqual([]);
    expect(records()).toHaveLength(2);
    expect(server.lineEvents).toHaveLength(2);
  });

  it('serves the map as it stands between changes, and re-derives it after any write, a commit elsewhere or a device going silent', () => {
    at(T0);
    expect(summary()).toEqual([['utilities', 'running', T0], ['assembly', 'running', T0]]);
    server.clock.now = T0 + 10_000; // within the roster's age, so only a change can make it re-derive
    expect(summary()).toEqual([['utilities', 'running', T0], ['assembly', 'running', T0]]);
    expect(server.lineEvents).toHaveLength(2);

    // A write on the server's connection (no event reaches the tracker).
    server.clock.now = T0 + 20_000;
    emergencyOnP104();
    expect(summary()).toEqual([['utilities', 'down', T0 + 20_000], ['assembly', 'starved', T0 + 20_000]]);

    // A commit by another connection to the same file.
    const other = new Database(server.database.file);
    other.prepare("UPDATE work_orders SET status = 'cancelled'").run();
    other.close();
    server.clock.now = T0 + 30_000;
    expect(summary()).toEqual([['utilities', 'running', T0 + 30_000], ['assembly', 'running', T0 + 30_000]]);

    // Nothing written, but the devices fall silent with time.
    server.clock.now = T0 + 20 * MIN;
    expect(summary().map(([id, state]) => [id, state])).toEqual([['utilities', 'no-data'], ['assembly', 'no-data']]);
  });

  it('serves the map JSON serialised once per visible change, always equal to the views as they stand', () => {
    const json = () => server.tracker.statesJson(server.clock.now);
    at(T0);
    const first = json();
    expect(JSON.parse(first)).toEqual(server.tracker.states(T0));
    // A write that changes nothing on the map re-derives it but keeps the same text.
    at(T0 + 10_000);
    server.tracker.refresh(server.clock.now);
    expect(json()).toBe(first);
    // A change: the text follows, and again when only the chain's order status changes (state and since stay).
    const order = emergencyOnP104();
    const down = json();
    expect(JSON.parse(down)).toEqual(server.tracker.states(server.clock.now));
    expect(down).not.toBe(first);
    at(T0 + 20_000);
    server.services.workOrders.transition(order.id, { to: 'acknowledged' });
    const acknowledged = json();
    expect(JSON.parse(acknowledged)).toEqual(server.tracker.states(server.clock.now));
    expect(JSON.parse(acknowledged)[1].chain.at(-1)).toMatchObject({ status: 'acknowledged' });
    expect(JSON.parse(down)[1].since).toBe(JSON.parse(acknowledged)[1].since);
  });

  it('takes a line down for an emergency order, starves the line it feeds, and keeps since and downtime by the clock', () => {
    at(T0);
    server.tracker.refresh(T0);
    at(T0 + 10 * MIN);
    const order = emergencyOnP104();
    const changed = server.tracker.refresh(server.clock.now);
    expect(changed.map((v) => [v.id, v.state, v.since])).toEqual([['utilities', 'down', T0 + 10 * MIN], ['assembly', 'starved', T0 + 10 * MIN]]);
    expect(server.lineEvents.at(-1)).toEqual(changed[1]);
    expect(changed[1]!.chain.at(-1)).toMatchObject({ kind: 'work-order', number: order.number, status: 'open', expectedFinish: T0 + 90 * MIN });

    // Someone takes the order up: the chain shows the new status, the state and its start stay, nothing is recorded.
    at(T0 + 15 * MIN);
    server.services.workOrders.transition(order.id, { to: 'acknowledged' });
    server.services.workOrders.transition(order.id, { to: 'in-progress' });
    const progressed = server.tracker.refresh(server.clock.now);
    expect(progressed.map((v) => [v.id, v.state, v.since])).toEqual([['utilities', 'down', T0 + 10 * MIN], ['assembly', 'starved', T0 + 10 * MIN]]);
    expect(progressed[1]!.chain.at(-1)).toMatchObject({ kind: 'work-order', status: 'in-progress' });
    expect(records()).toHaveLength(4);

    at(T0 + 40 * MIN);
    server.services.workOrders.transition(order.id, { to: 'resolved', outcome: confirmedOutcome() });
    server.tracker.refresh(server.clock.now);
    expect(summary()).toEqual([['utilities', 'running', T0 + 40 * MIN], ['assembly', 'running', T0 + 40 * MIN]]);
    expect(records().map((r) => [r.lineId, r.from, r.to, r.cause, r.causeRef, r.at])).toEqual([
      ['utilities', null, 'running', null, null, T0],
      ['assembly', null, 'running', null, null, T0],
      ['utilities', 'running', 'down', 'work-order', order.number, T0 + 10 * MIN],
      ['assembly', 'running', 'starved', 'work-order', order.number, T0 + 10 * MIN],
      ['utilities', 'down', 'running', null, null, T0 + 40 * MIN],
      ['assembly', 'starved', 'running', null, null, T0 + 40 * MIN],
    ]);

    at(T0 + 60 * MIN);
    const report = server.tracker.downtime(T0, T0 + 2 * 60 * MIN, server.clock.now);
    expect(report.to).toBe(T0 + 60 * MIN);
    const [utilities, assembly] = report.lines;
    expect(utilities).toMatchObject({ lineId: 'utilities', lostMs: 30 * MIN, stateMs: { running: 30 * MIN, down: 30 * MIN } });
    expect(utilities!.byCause).toEqual([{ cause: 'work-order', ref: order.number, downMs: 30 * MIN, starvedMs: 0, blockedMs: 0, totalMs: 30 * MIN }]);
    expect(assembly).toMatchObject({ lineId: 'assembly', lostMs: 30 * MIN, stateMs: { starved: 30 * MIN } });
    expect(assembly!.byCauseKind).toEqual([{ cause: 'work-order', ref: null, downMs: 0, starvedMs: 30 * MIN, blockedMs: 0, totalMs: 30 * MIN }]);
  });

  it('records a change of root cause while the state stays, without moving since', () => {
    at(T0);
    const first = emergencyOnP104();
    server.tracker.refresh(T0);
    at(T0 + 5 * MIN);
    server.services.workOrders.create({ type: 'emergency', deviceId: 'P-101', title: 'Pump seal' });
    server.services.workOrders.transition(first.id, { to: 'cancelled' });
    server.tracker.refresh(server.clock.now);
    const utilities = records().filter((r) => r.lineId === 'utilities');
    expect(utilities.map((r) => [r.from, r.to, r.causeRef, r.at])).toEqual([
      [null, 'down', first.number, T0],
      ['down', 'down', expect.not.stringMatching(first.number), T0 + 5 * MIN],
    ]);
    expect(summary()[0]).toEqual(['utilities', 'down', T0]);
  });

  it('follows liveness: quiet (stale) devices still count, some silent devices degrade a line, all silent means no data', () => {
    at(T0);
    server.tracker.refresh(T0);
    at(T0 + 10 * MIN, ['P-101', 'P-104']);
    expect(server.tracker.refresh(server.clock.now)).toEqual([]);
    // Offline from 15 minutes without data.
    at(T0 + 15 * MIN, ['P-101', 'P-104']);
    expect(summary()).toEqual([['utilities', 'degraded', T0 + 15 * MIN], ['assembly', 'no-data', T0 + 15 * MIN]]);
    expect(server.tracker.states(server.clock.now)[0]!.chain).toEqual([
      { kind: 'line', id: 'utilities', name: 'Utilities', state: 'degraded' },
      { kind: 'device', id: 'C-201', name: 'Air compressor' },
      { kind: 'device-silent', liveness: 'offline', lastSeenAt: T0 },
    ]);
    at(T0 + 16 * MIN);
    expect(summary()).toEqual([['utilities', 'running', T0 + 16 * MIN], ['assembly', 'running', T0 + 16 * MIN]]);
  });

  it('shows lines whose devices were never seen as no data', () => {
    expect(summary()).toEqual([['utilities', 'no-data', T0], ['assembly', 'no-data', T0]]);
    expect(server.tracker.states(T0)[1]!.reasons).toEqual([
      {
        effect: 'no-data',
        cause: 'device-silent',
        chain: [
          { kind: 'line', id: 'assembly', name: 'Assembly line C', state: 'no-data' },
          { kind: 'device', id: 'CV-C1', name: 'Assembly conveyor' },
          { kind: 'device-silent', liveness: 'never-seen', lastSeenAt: null },
        ],
      },
    ]);
  });

  it('keeps since across a restart and records nothing new for an unchanged state', () => {
    at(T0);
    emergencyOnP104();
    server.tracker.refresh(T0);
    const before = records().length;
    at(T0 + 5 * MIN);
    const restarted = createLineStateTracker({ database: server.database, bus: server.bus });
    expect(restarted.states(server.clock.now).map((s) => [s.id, s.state, s.since])).toEqual([['utilities', 'down', T0], ['assembly', 'starved', T0]]);
    expect(records()).toHaveLength(before);
  });

  it('reports a line history with the state in force at the start of the window', () => {
    at(T0);
    server.tracker.refresh(T0);
    at(T0 + 10 * MIN);
    const order = emergencyOnP104();
    server.tracker.refresh(server.clock.now);
    at(T0 + 30 * MIN);
    const history = server.tracker.history('assembly', T0 + 5 * MIN, T0 + 60 * MIN, server.clock.now);
    expect(history).toMatchObject({ lineId: 'assembly', from: T0 + 5 * MIN, to: T0 + 30 * MIN, stateAtFrom: 'running' });
    expect(history.changes.map((c) => [c.from, c.to, c.causeRef, c.at])).toEqual([['running', 'starved', order.number, T0 + 10 * MIN]]);
    expect(history.changes[0]!.reasons[0]!.chain.map((l) => l.kind)).toEqual(['line', 'line', 'device', 'work-order']);
    expect(history.downtime).toMatchObject({ lostMs: 20 * MIN, stateMs: { running: 5 * MIN, starved: 20 * MIN } });
    expect(() => server.tracker.history('nope', T0, T0 + MIN, server.clock.now)).toThrow('line nope not found');
  });
});
