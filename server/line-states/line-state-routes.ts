/**
 * The disturbance map over HTTP (mounted under /api):
 *   GET /lines/states               every line with state, since, reasons and chain
 *   GET /lines/downtime?from&to     lost time per line and root cause (default: the last 24 h)
 *   GET /lines/:id/history?from&to  the line's recorded changes and its downtime
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { timeParam } from '../http/query-schemas';
import { parseQuery } from '../http/validation';
import type { LineStateTracker } from './line-state-tracker';

const DAY = 24 * 60 * 60_000;

export const windowQuery = z
  .strictObject({ from: timeParam.optional(), to: timeParam.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['from'], message: 'must not be after to' });

export function lineStateRoutes({ tracker, now }: { tracker: LineStateTracker; now: () => number }) {
  const timeWindow = (query: z.output<typeof windowQuery>, at: number) => {
    const to = query.to ?? at;
    return { from: query.from ?? Math.min(to, at) - DAY, to };
  };
  return new Hono()
    .get('/lines/states', (c) => c.body(tracker.statesJson(now()), 200, { 'Content-Type': 'application/json' }))
    .get('/lines/downtime', (c) => {
      const at = now();
      const { from, to } = timeWindow(parseQuery(c, windowQuery), at);
      return c.json(tracker.downtime(from, to, at));
    })
    .get('/lines/:id/history', (c) => {
      const at = now();
      const { from, to } = timeWindow(parseQuery(c, windowQuery), at);
      return c.json(tracker.history(c.req.param('id'), from, to, at));
    });
}
