/** GET /lines and PUT /lines/:id/feeds (mounted under /api). */
import { Hono } from 'hono';
import { z } from 'zod';
import { ID_PATTERN } from '../../contract/topics';
import { parseBody } from '../http/validation';
import type { LineService } from './line-service';

/** More downstream lines than any real line has; keeps a bad request small. */
const MAX_FEEDS = 100;

export const setFeedsBody = z.strictObject({
  feeds: z
    .array(z.string().regex(ID_PATTERN, 'must be a line id'))
    .max(MAX_FEEDS, `must list at most ${MAX_FEEDS} lines`)
    .superRefine((feeds, ctx) => {
      const twice = [...new Set(feeds.filter((f, i) => feeds.indexOf(f) !== i))];
      if (twice.length) ctx.addIssue({ code: 'custom', message: `lists ${twice.map((f) => `"${f}"`).join(', ')} more than once` });
    }),
});

export interface LineRouteOptions {
  /** Called after feeds were saved (the lead wires the line-state tracker's refresh here). */
  onFeedsChanged?: (lineId: string) => void;
}

export function lineRoutes(lines: LineService, options: LineRouteOptions = {}) {
  return new Hono()
    .get('/lines', (c) => c.json(lines.list()))
    .put('/lines/:id/feeds', async (c) => {
      const { feeds } = await parseBody(c, setFeedsBody);
      const id = c.req.param('id');
      const view = lines.setFeeds(id, feeds);
      options.onFeedsChanged?.(id);
      return c.json(view);
    });
}
