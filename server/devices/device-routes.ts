/** GET /devices, /devices/:id and /devices/:id/telemetry (mounted under /api). */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import type { TelemetryDownsampledView, TelemetryView } from '../http/api-types';
import { timeParam } from '../http/query-schemas';
import { parseQuery } from '../http/validation';
import type { RuleService } from '../rules/rule-service';
import type { DeviceService } from './device-service';

const HOUR = 60 * 60_000;
export const MAX_TELEMETRY_POINTS = 100_000;
/** Most buckets a downsampled answer may ask for: a chart is a few thousand pixels wide. */
export const MAX_TELEMETRY_BUCKETS = 10_000;

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
    maxPoints: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_TELEMETRY_BUCKETS, `must be at most ${MAX_TELEMETRY_BUCKETS}`)
      .optional()
      .describe(
        `Downsample when the range holds more samples than this (1..${MAX_TELEMETRY_BUCKETS}): the answer is then at most this many time buckets (count, min, max, mean per metric) in \`downsampled\`, and \`points\` is empty. Otherwise the raw samples, all of them. When set, \`limit\` is not used.`,
      ),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['from'], message: 'must not be after to' });

export interface DeviceRouteDeps {
  devices: DeviceService;
  rules: RuleService;
  telemetryStore: TelemetryStore;
  now: () => number;
}

export function deviceRoutes({ devices, rules, telemetryStore, now }: DeviceRouteDeps) {
  /** [from, to] in at most maxBuckets buckets, aggregated by the store (no object per sample). */
  const downsample = async (deviceId: string, from: number, to: number, maxBuckets: number): Promise<TelemetryDownsampledView> => {
    // Whole ms: the store's buckets start on whole milliseconds.
    const lo = Math.ceil(from);
    const hi = Math.floor(to);
    const bucketMs = Math.max(1, Math.ceil((hi - lo + 1) / maxBuckets));
    const buckets = await telemetryStore.buckets({ deviceId, from: lo, to: hi, bucketMs });
    let samples = 0;
    for (const b of buckets) samples += b.n;
    return { bucketMs, samples, buckets };
  };

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
      // With maxPoints, one sample past it is enough to know the range needs downsampling (a cheap, limited read).
      const points = await telemetryStore.query({ deviceId, from, to, limit: q.maxPoints === undefined ? q.limit : q.maxPoints + 1 });
      const downsampled = q.maxPoints !== undefined && points.length > q.maxPoints ? await downsample(deviceId, from, to, q.maxPoints) : undefined;
      const view: TelemetryView = {
        deviceId,
        from,
        to,
        points: downsampled ? [] : points.map((p) => ({ ts: p.ts, seq: p.seq, temperature: p.temperature, vibration: p.vibration, current: p.current })),
        ...(downsampled ? { downsampled } : {}),
        // Levels of the metric: threshold rules only (other kinds' warn/alarm are σ, hours or rates).
        limits: rules
          .effectiveRules(deviceId)
          .filter((r) => (r.kind ?? 'threshold') === 'threshold')
          .map((r) => ({ metric: r.metric, ruleId: r.id, direction: r.direction, warn: r.warn, alarm: r.alarm, clear: r.clear })),
      };
      return c.json(view);
    });
}
