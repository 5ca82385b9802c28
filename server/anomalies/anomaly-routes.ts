import { Hono } from 'hono';
import { z } from 'zod';
import { booleanParam, paging } from '../http/query-schemas';
import { parseQuery } from '../http/validation';
import type { AnomalyService } from './anomaly-service';

const listQuery = z.object({ active: booleanParam.optional(), deviceId: z.string().min(1).optional(), ...paging(100) });

/** GET /anomalies?active=true&deviceId=&limit=&offset= (mounted under /api): Paged<AnomalyView>, newest first. */
export function anomalyRoutes(anomalies: AnomalyService) {
  return new Hono().get('/anomalies', (c) => c.json(anomalies.list(parseQuery(c, listQuery))));
}
