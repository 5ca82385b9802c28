/**
 * Work orders (mounted under /api):
 * GET    /work-orders?status=open,assigned|open-like&priority=P0,P1&deviceId=&type=&lineId=&stopsLine=&assigneeId=<technician>|none&sort=priority|newest&limit=&offset=
 *        (default sort: most urgent priority first, newest first within it)
 * POST   /work-orders                    CreateWorkOrderRequest -> 201 WorkOrderDetailView
 * GET    /work-orders/:id               (id or number, e.g. WO-2026-000042) -> WorkOrderDetailView
 * POST   /work-orders/:id/transition    TransitionRequest { to, note?, actor?, outcome?, holdReason? }
 * POST   /work-orders/:id/comments      { text, actor? }
 * PUT    /work-orders/:id/priority      SetPriorityRequest { priority, reason, actor? } -> WorkOrderDetailView
 * DELETE /work-orders/:id/priority      { actor? } (body optional) -> WorkOrderDetailView
 * GET    /work-orders/:id/notifications -> Paged<WorkOrderNotificationView>
 */
import { Hono } from 'hono';
import { actorOf } from '../auth/actor';
import { bodyLimit } from 'hono/body-limit';
import type { WorkOrderStatus } from '../http/api-types';
import { HttpError } from '../http/errors';
import { parseBody, parseQuery } from '../http/validation';
import { clearPriorityBody, commentBody, createBody, listQuery, OPEN_LIKE, setPriorityBody, transitionBody } from './work-order-schemas';
import type { WorkOrderService } from './work-order-service';
import { OPEN_STATUSES } from './work-order-state';

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
      const { status, type, priority, ...rest } = parseQuery(c, listQuery);
      return c.json(workOrders.list({ ...rest, statuses: expandStatuses(status), types: type, priorities: priority }));
    })
    .post('/work-orders', limitBody, async (c) => {
      const body = await parseBody(c, createBody);
      return c.json(workOrders.create({ ...body, actor: actorOf(c, body.actor), description: body.description || undefined }), 201);
    })
    .get('/work-orders/:id', (c) => c.json(workOrders.get(c.req.param('id'))))
    .post('/work-orders/:id/transition', limitBody, async (c) => {
      const body = await parseBody(c, transitionBody);
      return c.json(workOrders.transition(c.req.param('id'), { ...body, actor: actorOf(c, body.actor), note: body.note || undefined }));
    })
    .post('/work-orders/:id/comments', limitBody, async (c) => {
      const body = await parseBody(c, commentBody);
      return c.json(workOrders.comment(c.req.param('id'), { ...body, actor: actorOf(c, body.actor) }), 201);
    })
    .put('/work-orders/:id/priority', limitBody, async (c) => {
      const body = await parseBody(c, setPriorityBody);
      return c.json(workOrders.setPriority(c.req.param('id'), { ...body, actor: actorOf(c, body.actor) }));
    })
    .delete('/work-orders/:id/priority', limitBody, async (c) => {
      const body = await parseBody(c, clearPriorityBody);
      return c.json(workOrders.clearPriority(c.req.param('id'), { ...body, actor: actorOf(c, body.actor) }));
    })
    .get('/work-orders/:id/notifications', (c) => c.json(workOrders.notifications(c.req.param('id'))));
}
