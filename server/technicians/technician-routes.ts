/**
 * Technicians (mounted under /api):
 * GET    /technicians?siteId=&skill=&certification=&active=true|false&limit=&offset= -> Paged<TechnicianView> (by name)
 * GET    /technicians/:id        -> TechnicianView (workload, on shift now)
 * POST   /technicians            CreateTechnicianRequest -> 201 TechnicianView (technicians.manage)
 * PATCH  /technicians/:id        UpdateTechnicianRequest -> TechnicianView (technicians.manage)
 * DELETE /technicians/:id        deactivates -> TechnicianView (technicians.manage)
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpError } from '../http/errors';
import { parseBody, parseQuery } from '../http/validation';
import { createTechnicianBody, listTechniciansQuery, updateTechnicianBody } from './technician-schemas';
import type { TechnicianService } from './technician-service';

const limitBody = bodyLimit({
  maxSize: 32 * 1024,
  onError: () => {
    throw new HttpError(413, 'payload-too-large', 'request body is larger than 32 KiB');
  },
});

export function technicianRoutes(technicians: TechnicianService) {
  return new Hono()
    .get('/technicians', (c) => c.json(technicians.list(parseQuery(c, listTechniciansQuery))))
    .get('/technicians/:id', (c) => c.json(technicians.get(c.req.param('id'))))
    .post('/technicians', limitBody, async (c) => c.json(technicians.create(await parseBody(c, createTechnicianBody)), 201))
    .patch('/technicians/:id', limitBody, async (c) => c.json(technicians.update(c.req.param('id'), await parseBody(c, updateTechnicianBody))))
    .delete('/technicians/:id', (c) => c.json(technicians.deactivate(c.req.param('id'))));
}
