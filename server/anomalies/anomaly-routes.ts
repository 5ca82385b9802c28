/**
 * Anomalies (mounted under /api):
 * GET  /anomalies?active=&deviceId=&limit=&offset= -> Paged<AnomalyView>, newest first
 * POST /anomalies/:id/acknowledge                  -> AnomalyView (acknowledged; active unchanged)
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { actorOf } from '../auth/actor';
import { HttpError } from '../http/errors';
import { booleanParam, paging } from '../http/query-schemas';
import { parseQuery } from '../http/validation';
import type { AnomalyService } from './anomaly-service';

export const listQuery = z.object({ active: booleanParam.optional(), deviceId: z.string().min(1).optional(), ...paging(100) });

export function anomalyRoutes(anomalies: AnomalyService) {
  return new Hono()
    .get('/anomalies', (c) => c.json(anomalies.list(parseQuery(c, listQuery))))
    .post('/anomalies/:id/acknowledge', (c) => {
      const id = Number(c.req.param('id'));
      if (!Number.isInteger(id) || id <= 0) {
        throw new HttpError(400, 'invalid-path', 'anomaly id must be a positive integer', [{ path: 'id', message: 'must be a positive integer' }]);
      }
      return c.json(anomalies.acknowledge(id, actorOf(c)));
    });
}
