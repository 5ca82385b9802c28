/**
 * 5a: raw detector speed on one core, the engine live detection and the
 * backtest (backtest-bench.ts) run on. The default rule templates, whatever
 * default-rules.ts returns, are resolved for a generated
 * device mix (plant-gen.ts), and `createDetector(rules).observe` is fed
 * pre-generated points in time order (all devices at t, then t + 1 s, ...),
 * as a replay of stored telemetry would. 2 % of devices carry a fault
 * (vibration ramp, overheating, a jam) so events fire and evidence is copied.
 * A first pass warms the JIT; the timed pass uses a fresh detector.
 */
import type { TelemetryPoint } from '../../contract/telemetry';
import { createDetector } from '../../server/detection/detector';
import { defaultRuleTemplates } from '../../server/detection/default-rules';
import { resolveRules } from '../../server/detection/resolve-rules';
import { generatePlant } from './plant-gen';
import { progress, round } from './stats';

export interface ReplaySettings {
  devices: number;
  /** Points per device (1 s apart). */
  pointsPerDevice: number;
}

export interface ReplayResult {
  devices: number;
  rules: number;
  points: number;
  seconds: number;
  pointsPerSec: number;
  /** Rule evaluations (point x rule of its device) per second. */
  ruleEvaluationsPerSec: number;
  events: number;
}

export function runReplayBench(s: ReplaySettings): ReplayResult {
  const { devices } = generatePlant({ devices: s.devices, lines: Math.max(1, Math.round(s.devices / 20)) });
  const templates = defaultRuleTemplates();
  const rules = devices.flatMap((d) => resolveRules(templates, d));
  const n = s.pointsPerDevice;
  // Values per device, generated once (not timed): [temperature, vibration, current] x n.
  const values = devices.map((d, i) => {
    const v = new Float64Array(n * 3);
    const fault = i % 50 === 7 ? (['vibration', 'temperature', 'current'] as const)[Math.floor(i / 50) % 3] : null;
    for (let k = 0; k < n; k++) {
      const w = Math.sin((2 * Math.PI * k) / 600 + i);
      const progressed = Math.max(0, (k - n / 3) / (n / 3)); // fault grows over the middle third
      v[k * 3] = 50 + 4 * w + (fault === 'temperature' ? 70 * progressed : 0);
      v[k * 3 + 1] = 1.3 + 0.2 * w + (fault === 'vibration' ? 5 * progressed : 0);
      v[k * 3 + 2] = d.ratedCurrent * (0.7 + 0.05 * w + (fault === 'current' && progressed > 0.5 ? 0.8 : 0));
    }
    return v;
  });
  const points: TelemetryPoint[] = devices.map((d) => ({ deviceId: d.id, seq: 0, ts: 0, temperature: 0, vibration: 0, current: 0 }));
  const start = Date.UTC(2026, 0, 1);
  const pass = () => {
    const detector = createDetector(rules);
    let events = 0;
    const t0 = performance.now();
    for (let k = 0; k < n; k++) {
      const ts = start + k * 1000;
      for (let i = 0; i < points.length; i++) {
        const p = points[i]!;
        const v = values[i]!;
        p.seq = k;
        p.ts = ts;
        p.temperature = v[k * 3]!;
        p.vibration = v[k * 3 + 1]!;
        p.current = v[k * 3 + 2]!;
        events += detector.observe(p).length;
      }
    }
    return { seconds: (performance.now() - t0) / 1000, events };
  };
  progress(`replay: ${devices.length} devices, ${rules.length} rules, ${(devices.length * n).toLocaleString('en-US')} points per pass; warm-up pass`);
  pass();
  const timed = pass();
  const total = devices.length * n;
  const result: ReplayResult = {
    devices: devices.length,
    rules: rules.length,
    points: total,
    seconds: round(timed.seconds, 2),
    pointsPerSec: Math.round(total / timed.seconds),
    ruleEvaluationsPerSec: Math.round((total * (rules.length / devices.length)) / timed.seconds),
    events: timed.events,
  };
  progress(`replay: ${result.pointsPerSec.toLocaleString('en-US')} points/s (${result.events} events)`);
  return result;
}
