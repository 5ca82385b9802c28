/**
 * GET /work-orders/:id/similar?limit=3 (mounted under /api; id or number)
 *   -> SimilarWorkOrdersView: the most similar resolved or closed orders with
 *   their outcome (work-order-similarity.ts says how they are scored).
 * Compares at most the 2,000 most recent past orders of the same equipment
 * class, and, only when those give fewer than `limit`, the 500 most recent of
 * other classes sharing the failure mode or metric.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../db/database';
import type { SimilarWorkOrdersView } from '../http/api-types';
import { notFound } from '../http/errors';
import { parseQuery } from '../http/validation';
import { findSimilarOrders, type SimilarityMatch } from './work-order-similarity';
import { findSimilarityTarget, listOtherClassCandidates, listSameClassCandidates } from './work-order-similarity-repository';

export const MAX_SIMILAR = 20;

export const similarQuery = z.strictObject({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_SIMILAR, `must be at most ${MAX_SIMILAR}`)
    .default(3),
});

export function similarOrders(database: Database, key: string, limit: number): SimilarWorkOrdersView {
  const target = findSimilarityTarget(database, key);
  if (!target) throw notFound(`work order ${key}`);
  const sameClass = listSameClassCandidates(database, target);
  let matches = findSimilarOrders(target, sameClass, limit);
  let candidates = sameClass.length;
  if (matches.length < limit) {
    const others = listOtherClassCandidates(database, target);
    candidates += others.length;
    matches = findSimilarOrders(target, [...sameClass, ...others], limit);
  }
  return { workOrderId: target.id, candidates, items: matches.map(toView) };
}

function toView({ candidate: c, score, reasons }: SimilarityMatch): SimilarWorkOrdersView['items'][number] {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    status: c.status,
    deviceId: c.deviceId,
    deviceName: c.deviceName,
    equipmentClass: c.equipmentClass,
    score,
    reasons,
    outcome: c.outcome,
    repairEffective: c.repairEffective,
    closedAt: c.closedAt,
  };
}

export function similarWorkOrderRoutes({ database }: { database: Database }) {
  return new Hono().get('/work-orders/:id/similar', (c) => {
    const { limit } = parseQuery(c, similarQuery);
    return c.json(similarOrders(database, c.req.param('id'), limit));
  });
}
