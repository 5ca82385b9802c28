/** GET /devices, /devices/:id and /devices/:id/telemetry (mounted under /api). */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import type { TelemetryView } from '../http/api-types';
import { timeParam } from '../http/query-schemas';
import { parseQuery } from '../http/validation';
import type { RuleService } from '../rules/rule-service';
import type { DeviceService } from './device-service';

const HOUR = 60 * 60_000;
export const MAX_TELEMETRY_POINTS = 100_000;

export const telemetryQuery = z
  .object({
    from: timeParam.optional(),
    to: timeParam.optional(),
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_TELEMETRY_POINTS, `must be at most ${MAX_TELEMETRY_POINTS}`)
      .default(10_000),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['from'], message: 'must not be after to' });

export interface DeviceRouteDeps {
  devices: DeviceService;
  rules: RuleService;
  telemetryStore: TelemetryStore;
  now: () => number;
}

export function deviceRoutes({ devices, rules, telemetryStore, now }: DeviceRouteDeps) {
  return new Hono()
    .get('/devices', (c) => c.json(devices.list()))
    .get('/devices/:id', (c) => c.json(devices.get(c.req.param('id'))))
    .get('/devices/:id/telemetry', async (c) => {
      const deviceId = devices.get(c.req.param('id')).id;
      const q = parseQuery(c, telemetryQuery);
      // Without `to`, the window ends at the newest sample if that is ahead of the wall clock
      // (a simulated plant running faster than real time), else now.
      const newest = q.to === undefined ? ((await telemetryStore.latest(deviceId))?.ts ?? 0) : 0;
      const to = q.to ?? Math.max(q.from ?? 0, now(), newest);
      const from = q.from ?? to - HOUR;
      const points = await telemetryStore.query({ deviceId, from, to, limit: q.limit });
      const view: TelemetryView = {
        deviceId,
        from,
        to,
        points: points.map((p) => ({ ts: p.ts, seq: p.seq, temperature: p.temperature, vibration: p.vibration, current: p.current })),
        // Levels of the metric: threshold rules only (other kinds' warn/alarm are σ, hours or rates).
        limits: rules
          .effectiveRules(deviceId)
          .filter((r) => (r.kind ?? 'threshold') === 'threshold')
          .map((r) => ({ metric: r.metric, ruleId: r.id, direction: r.direction, warn: r.warn, alarm: r.alarm, clear: r.clear })),
      };
      return c.json(view);
    });
}
