/**
 * KPIs (mounted under /api):
 * GET /kpis?from&to&siteId&lineId&deviceId      -> KpiView
 * GET /kpis.csv?from&to&siteId&lineId&deviceId  -> text/csv (metric,scope,value,unit), as an attachment
 * from/to: epoch ms or ISO 8601; default the 30 days ending now; at most 366
 * days. An unknown site, line or device is a 400 naming the parameter.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import type { KpiView } from '../http/api-types';
import { timeParam } from '../http/query-schemas';
import { parseQuery } from '../http/validation';
import { createSiteCalendars, type SiteCalendarLookup } from '../sla/site-calendars';
import { computeKpis, DAY_MS } from './kpi-compute';
import { csvFilename, kpisToCsv } from './kpi-csv';
import { loadKpiInput, unknownScopeParams } from './kpi-repository';

export const DEFAULT_KPI_WINDOW_MS = 30 * DAY_MS;
export const MAX_KPI_WINDOW_MS = 366 * DAY_MS;

const id = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty');

export const kpiQuery = z
  .strictObject({ from: timeParam.optional(), to: timeParam.optional(), siteId: id.optional(), lineId: id.optional(), deviceId: id.optional() })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined) {
      if (q.to <= q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
      else if (q.to - q.from > MAX_KPI_WINDOW_MS) ctx.addIssue({ code: 'custom', path: ['from'], message: 'window must be at most 366 days' });
    }
  });

export interface KpiRouteDeps {
  database: Database;
  now: () => number;
  calendarOf?: SiteCalendarLookup;
}

export function kpiRoutes({ database, now, calendarOf = createSiteCalendars(database) }: KpiRouteDeps) {
  function read(c: Context): KpiView {
    const q = parseQuery(c, kpiQuery);
    const at = now();
    const to = q.to ?? (q.from !== undefined ? Math.min(at, q.from + MAX_KPI_WINDOW_MS) : at);
    const from = q.from ?? to - DEFAULT_KPI_WINDOW_MS;
    if (to <= from) throw new HttpError(400, 'invalid-query', 'query is invalid: from: must be before to', [{ path: 'from', message: 'must be before to' }]);
    const filter = { siteId: q.siteId ?? null, lineId: q.lineId ?? null, deviceId: q.deviceId ?? null };
    const unknown = unknownScopeParams(database, filter);
    if (unknown.length) {
      const issues = unknown.map((p) => ({ path: p, message: `no ${p.replace(/Id$/, '')} ${filter[p]}` }));
      throw new HttpError(400, 'invalid-query', `query is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    const figures = computeKpis(loadKpiInput(database, { scope: filter, from, to, now: at, calendarOf }));
    return { ...figures, filter };
  }

  return new Hono()
    .get('/kpis', (c) => c.json(read(c)))
    .get('/kpis.csv', (c) => {
      const view = read(c);
      return c.body(kpisToCsv(view), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${csvFilename(view)}"`,
      });
    });
}
