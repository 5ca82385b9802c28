/**
 * Maintenance plans (mounted under /api):
 * GET    /maintenance-plans?deviceId=&lineId=&limit=&offset= -> Paged<MaintenancePlanView> (by device, then id)
 * GET    /maintenance-plans/:id      -> MaintenancePlanView (next due, latest order)
 * POST   /maintenance-plans          CreateMaintenancePlanRequest -> 201 MaintenancePlanView (maintenance-plans.manage)
 * PATCH  /maintenance-plans/:id      UpdateMaintenancePlanRequest -> MaintenancePlanView (maintenance-plans.manage)
 * DELETE /maintenance-plans/:id      { actor? } disables -> MaintenancePlanView (maintenance-plans.manage)
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { actorOf } from '../auth/actor';
import { HttpError } from '../http/errors';
import { parseBody, parseQuery } from '../http/validation';
import { createPlanBody, disablePlanBody, listPlansQuery, updatePlanBody } from './plan-schemas';
import type { MaintenancePlanService } from './plan-service';

const limitBody = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new HttpError(413, 'payload-too-large', 'request body is larger than 16 KiB');
  },
});

export function maintenancePlanRoutes(plans: MaintenancePlanService) {
  return new Hono()
    .get('/maintenance-plans', (c) => c.json(plans.list(parseQuery(c, listPlansQuery))))
    .get('/maintenance-plans/:id', (c) => c.json(plans.get(c.req.param('id'))))
    .post('/maintenance-plans', limitBody, async (c) => {
      const body = await parseBody(c, createPlanBody);
      return c.json(plans.create(body, actorOf(c, body.actor)), 201);
    })
    .patch('/maintenance-plans/:id', limitBody, async (c) => {
      const body = await parseBody(c, updatePlanBody);
      return c.json(plans.update(c.req.param('id'), body, actorOf(c, body.actor)));
    })
    .delete('/maintenance-plans/:id', limitBody, async (c) => {
      const body = await parseBody(c, disablePlanBody);
      return c.json(plans.disable(c.req.param('id'), actorOf(c, body.actor)));
    });
}
