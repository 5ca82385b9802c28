/**
 * Test support: synthetic stored telemetry for the test plant's pumps, and a
 * candidate rule. Healthy values everywhere (vibration 1.5 mm/s, 60 °C,
 * 20 A on 28 A rated) except the vibration episodes given.
 */
import type { TelemetryPoint } from '../../contract/telemetry';
import type { RuleTemplate } from '../detection/types';
import { defaultRuleTemplates } from '../detection/default-rules';

/** 2026-11-01 00:00 UTC. */
export const RANGE_START = Date.UTC(2026, 10, 1);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const STEP_MS = 10_000;

/** [from, to) offsets from RANGE_START and the vibration held meanwhile. */
export type Episode = [fromMs: number, toMs: number, vibration: number];

export function syntheticPoints(deviceId: string, hours: number, episodes: readonly Episode[] = [], stepMs = STEP_MS): TelemetryPoint[] {
  const points: TelemetryPoint[] = [];
  for (let dt = 0, seq = 1; dt <= hours * HOUR; dt += stepMs, seq++) {
    const episode = episodes.find(([a, b]) => dt >= a && dt < b);
    // A small deterministic wobble, so values are not all equal.
    const wobble = ((seq * 7919) % 11) / 100 - 0.05;
    points.push({
      deviceId,
      seq,
      ts: RANGE_START + dt,
      temperature: 60 + wobble * 10,
      vibration: Math.round(((episode?.[2] ?? 1.5) + wobble) * 1000) / 1000,
      current: 20 + wobble,
    });
  }
  return points;
}

/**
 * The scenario most tests use, over 8 hours:
 * - P-104 runs at 2.6 mm/s from 2:00 to 3:00: below the default warn (2.8),
 *   above the candidate's (2.5);
 * - P-101 runs at 3.5 mm/s from 4:00 to 4:30: above both.
 */
export function scenarioPoints(): TelemetryPoint[] {
  return [...syntheticPoints('P-104', 8, [[2 * HOUR, 3 * HOUR, 2.6]]), ...syntheticPoints('P-101', 8, [[4 * HOUR, 4.5 * HOUR, 3.5]])];
}

/** The default pump vibration rule with warn 2.5 and clear 2.0 mm/s, version 2. */
export function lowerPumpVibrationWarn(): RuleTemplate {
  const t = defaultRuleTemplates().find((r) => r.id === 'class.pump.vibration')!;
  return { ...t, version: 2, warn: 2.5, clear: 2.0 };
}
