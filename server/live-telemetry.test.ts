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
  failureMode: 'overheating',
});

const point = (deviceId: string, ts: number): TelemetryPoint => ({ deviceId, seq: ts, ts, temperature: 60, vibration: 1.5, current: 20 });

describe('live telemetry: detection time', () => {
  let live: LiveTelemetry | undefined;
  afterEach(() => live?.stop());

  function start(wall: { now: number }, rules: ThresholdRule[]) {
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
      tickMs: 3_600_000,
    });
    return events;
  }

  it('raises no-data on the wall clock for real-time devices, and the next sample clears it', () => {
    const wall = { now: T0 };
    const events = start(wall, [noData('P-101')]);
    live!.observe([point('P-101', T0)]);
    wall.now = T0 + 4 * MIN;
    live!.tick();
    expect(events).toEqual([]);
    wall.now = T0 + 6 * MIN;
    live!.tick();
    expect(events.map((e) => [e.type, e.deviceId, e.startedAt])).toEqual([['raised', 'P-101', T0]]);
    live!.observe([point('P-101', T0 + 6 * MIN + 1000)]);
    expect(events.map((e) => e.type)).toEqual(['raised', 'cleared']);
  });

  it('for simulated devices ahead of the wall clock, notices one falling silent while the others go on', () => {
    const wall = { now: T0 };
    const events = start(wall, [noData('P-101'), noData('P-104')]);
    const ahead = T0 + 10 * 24 * 60 * MIN; // simulated time, days ahead
    live!.observe([point('P-101', ahead), point('P-104', ahead)]);
    for (let m = 1; m <= 10; m++) {
      live!.observe([point('P-101', ahead + m * MIN)]);
      wall.now += 1000;
      live!.tick();
    }
    expect(live!.detectionNow()).toBe(ahead + 10 * MIN);
    expect(events.map((e) => [e.type, e.deviceId])).toEqual([['raised', 'P-104']]);
  });
});
