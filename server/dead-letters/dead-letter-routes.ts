import { Hono } from 'hono';
import { z } from 'zod';
import { DEAD_LETTER_REASONS } from '../db/schema';
import { paging } from '../http/query-schemas';
import { parseQuery } from '../http/validation';
import type { DeadLetterStore } from './dead-letter-store';

export const listQuery = z.object({ reason: z.enum(DEAD_LETTER_REASONS).optional(), ...paging(100) });

/** GET /dead-letters?reason=&limit=&offset= (mounted under /api): newest first, with counts by reason. */
export function deadLetterRoutes(store: DeadLetterStore) {
  return new Hono().get('/dead-letters', (c) => c.json(store.list(parseQuery(c, listQuery))));
}
