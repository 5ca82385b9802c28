import { describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../contract/telemetry';
import type { AnomalyEvent, ThresholdRule } from '../detection/types';
import { createRuleSetReplay } from './rule-set-replay';

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

const point = (deviceId: string, minute: number): TelemetryPoint => ({ deviceId, seq: minute, ts: T0 + minute * MIN, temperature: 60, vibration: 1.5, current: 20 });

describe('rule set replay: time passes per device', () => {
  it('raises no-data inside a gap of one device while devices are replayed one after another, and clears on its next point', () => {
    const events: AnomalyEvent[] = [];
    const replay = createRuleSetReplay([noData('P-101'), noData('P-104')], { onEvent: (e) => events.push(e) });
    // P-101 whole range first, with a 20 min gap; then P-104 without gaps.
    for (let m = 0; m <= 60; m++) if (m < 10 || m >= 30) replay.observe(point('P-101', m));
    for (let m = 0; m <= 60; m++) replay.observe(point('P-104', m));
    const result = replay.finish(T0 + 60 * MIN);
    expect(events.map((e) => [e.type, e.deviceId, (e.ts - T0) / MIN])).toEqual([
      ['raised', 'P-101', 14],
      ['cleared', 'P-101', 30],
    ]);
    expect(result.orders.map((o) => o.deviceId)).toEqual(['P-101']);
  });

  it('ticks each device up to the end of the range on finish', () => {
    const events: AnomalyEvent[] = [];
    const replay = createRuleSetReplay([noData('P-101')], { onEvent: (e) => events.push(e) });
    for (let m = 0; m <= 10; m++) replay.observe(point('P-101', m));
    replay.finish(T0 + 60 * MIN);
    expect(events.map((e) => [e.type, e.severity])).toEqual([
      ['raised', 'warn'],
      ['escalated', 'alarm'],
    ]);
  });
});
