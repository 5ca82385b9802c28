import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../contract/telemetry';
import type { AnomalyEvent, ThresholdRule } from './detection/types';
import { LiveTelemetry } from './live-telemetry';

const T0 = 1_767_571_200_000;
const MIN = 60_000;

const noData = (deviceId: string): ThresholdRule => ({
  kind: 'no-data',
  id: 'class.pump.no-data',
  version: 1,
  deviceId,
  metric: 'temperature',
  direction: 'above',
  warn: 300,
  alarm: 1800,
  clear: 0,
  minDurationMs: 0,
  clearDurationMs: 0,
  failureMode: 'no-data',
});

const point = (deviceId: string, ts: number): TelemetryPoint => ({ deviceId, seq: ts, ts, temperature: 60, vibration: 1.5, current: 20 });

describe('live telemetry: detection time', () => {
  let live: LiveTelemetry | undefined;
  afterEach(() => live?.stop());

  function start(wall: { now: number }, rules: ThresholdRule[], detectionClock?: { now: number }) {
    const events: AnomalyEvent[] = [];
    live = new LiveTelemetry({
      rules,
      onAnomaly: (e) => events.push(e),
      onSeen: () => {},
      onLatest: () => {},
      onError: (err) => {
        throw err;
      },
      now: () => wall.now,
      ...(detectionClock && { detectionClock: () => detectionClock.now }),
      tickMs: 3_600_000,
    });
    return events;
  }

  /** Another device that keeps talking (no rules of its own), on the wall clock: the plant is not silent. */
  const talk = (wall: { now: number }) => live!.observe([point('M-1', wall.now)]);

  it('raises no-data on the wall clock for a real-time device while others talk, and the next sample clears it', () => {
    const wall = { now: T0 };
    const events = start(wall, [noData('P-101')]);
    live!.observe([point('P-101', T0)]);
    wall.now = T0 + 4 * MIN;
    talk(wall);
    live!.tick();
    expect(events).toEqual([]);
    wall.now = T0 + 6 * MIN;
    talk(wall);
    live!.tick();
    expect(events.map((e) => [e.type, e.deviceId, e.startedAt])).toEqual([['raised', 'P-101', T0]]);
    live!.observe([point('P-101', T0 + 6 * MIN + 1000)]);
    expect(events.map((e) => e.type)).toEqual(['raised', 'cleared']);
  });

  it('on the simulated plant clock, notices one device falling silent while the others go on', () => {
    const wall = { now: T0 };
    const sim = { now: T0 + 10 * 24 * 60 * MIN }; // the simulated plant runs days ahead, 60x faster
    const events = start(wall, [noData('P-101'), noData('P-104')], sim);
    live!.observe([point('P-101', sim.now), point('P-104', sim.now)]);
    const silentFrom = sim.now;
    for (let s = 1; s <= 10; s++) {
      wall.now += 1000;
      sim.now += MIN;
      live!.observe([point('P-101', sim.now)]);
      live!.tick();
    }
    expect(live!.detectionNow('P-104')).toBe(silentFrom + 10 * MIN);
    expect(events.map((e) => [e.type, e.deviceId, e.startedAt])).toEqual([['raised', 'P-104', silentFrom]]);
  });

  it('measures silence from when data arrived: a device whose clock runs an hour behind is not silent, until its data stops', () => {
    const wall = { now: T0 };
    const events = start(wall, [noData('P-101')]);
    const skew = -60 * MIN;
    for (let s = 0; s < 20; s++) {
      live!.observe([point('P-101', wall.now + skew)]);
      wall.now += 30_000;
      talk(wall);
      live!.tick();
    }
    expect(events).toEqual([]);
    const lastTs = wall.now - 30_000 + skew;
    wall.now += 5 * MIN;
    talk(wall);
    live!.tick();
    expect(events.map((e) => [e.type, e.deviceId, e.startedAt])).toEqual([['raised', 'P-101', lastTs]]);
  });

  it('lets a backlog replayed after an outage clear the deadman when it arrives, whatever its sample times', () => {
    const wall = { now: T0 };
    const events = start(wall, [noData('P-101')]);
    live!.observe([point('P-101', T0)]);
    wall.now = T0 + 30 * MIN;
    talk(wall);
    live!.tick();
    expect(events.map((e) => [e.type, e.severity])).toEqual([['raised', 'alarm']]);
    // The agent reconnects and replays its outbox, oldest first: the first replayed sample clears it, and no new raise follows.
    live!.observe([point('P-101', T0 + 1000), point('P-101', T0 + 2000)]);
    wall.now += 2 * MIN;
    talk(wall);
    live!.tick();
    expect(events.map((e) => e.type)).toEqual(['raised', 'cleared']);
  });

  it('turns no device silent while nothing arrives from any (store, network or follower down), and resumes when data flows', () => {
    const wall = { now: T0 };
    const events = start(wall, [noData('P-101'), noData('P-104')]);
    live!.observe([point('P-101', T0), point('P-104', T0)]);
    wall.now = T0 + 60 * MIN;
    live!.tick();
    expect(events).toEqual([]);
    // The outage ends: P-104's backlog arrives, P-101 stays silent and is noticed 5 min later.
    live!.observe([point('P-104', T0 + 1000)]);
    for (let m = 1; m <= 6; m++) {
      wall.now += MIN;
      live!.observe([point('P-104', T0 + 1000 + m * MIN)]);
      live!.tick();
    }
    expect(events.map((e) => [e.type, e.deviceId])).toEqual([['raised', 'P-101']]);
  });
});
