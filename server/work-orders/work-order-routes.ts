/**
 * Work orders (mounted under /api):
 * GET  /work-orders?status=open,assigned|open-like&deviceId=&type=&lineId=&limit=&offset=
 * GET  /work-orders/:id            (id or number, e.g. WO-2026-000042) -> WorkOrderDetailView
 * POST /work-orders/:id/transition { to, note?, actor? }
 * POST /work-orders/:id/comments   { text, actor? }
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES, type WorkOrderStatus } from '../http/api-types';
import { HttpError } from '../http/errors';
import { commaList, paging } from '../http/query-schemas';
import { parseBody, parseQuery } from '../http/validation';
import type { WorkOrderService } from './work-order-service';
import { OPEN_STATUSES } from './work-order-state';

/** `status=open-like` stands for every status in which the order is still being worked. */
const OPEN_LIKE = 'open-like';

const listQuery = z.object({
  status: commaList([...WORK_ORDER_STATUSES, OPEN_LIKE]).optional(),
  type: commaList(WORK_ORDER_TYPES).optional(),
  deviceId: z.string().min(1).optional(),
  lineId: z.string().min(1).optional(),
  ...paging(50),
});

const actor = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');

const transitionBody = z.strictObject({
  to: z.enum(WORK_ORDER_STATUSES, { error: `must be one of ${WORK_ORDER_STATUSES.join(', ')}` }),
  note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  actor: actor.optional(),
});

const commentBody = z.strictObject({
  text: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters'),
  actor: actor.optional(),
});

const limitBody = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new HttpError(413, 'payload-too-large', 'request body is larger than 16 KiB');
  },
});

function expandStatuses(statuses: ReadonlyArray<WorkOrderStatus | typeof OPEN_LIKE> | undefined): WorkOrderStatus[] | undefined {
  return statuses && [...new Set(statuses.flatMap((s) => (s === OPEN_LIKE ? OPEN_STATUSES : [s])))];
}

export function workOrderRoutes(workOrders: WorkOrderService) {
  return new Hono()
    .get('/work-orders', (c) => {
      const { status, type, ...rest } = parseQuery(c, listQuery);
      return c.json(workOrders.list({ ...rest, statuses: expandStatuses(status), types: type }));
    })
    .get('/work-orders/:id', (c) => c.json(workOrders.get(c.req.param('id'))))
    .post('/work-orders/:id/transition', limitBody, async (c) => {
      const body = await parseBody(c, transitionBody);
      return c.json(workOrders.transition(c.req.param('id'), { ...body, note: body.note || undefined }));
    })
    .post('/work-orders/:id/comments', limitBody, async (c) => {
      const body = await parseBody(c, commentBody);
      return c.json(workOrders.comment(c.req.param('id'), body), 201);
    });
}
