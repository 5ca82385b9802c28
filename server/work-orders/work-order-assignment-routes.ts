/**
 * Assignment and requirements of work orders (mounted under /api):
 * GET /work-orders/:id/assignment-candidates -> AssignmentCandidatesView (ranked, with the excluded and why)
 * POST /work-orders/:id/assign               AssignRequest { technicianId | auto: true, note?, actor? } -> WorkOrderDetailView
 * PUT /work-orders/:id/requirements          SetRequirementsRequest { certifications, skills, note?, actor? } -> WorkOrderDetailView
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { actorOf } from '../auth/actor';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/validation';
import type { AssignmentService } from './work-order-assignment';
import { assignBody, requirementsBody } from './work-order-assignment-schemas';

const limitBody = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new HttpError(413, 'payload-too-large', 'request body is larger than 16 KiB');
  },
});

export function workOrderAssignmentRoutes(assignments: AssignmentService) {
  return new Hono()
    .get('/work-orders/:id/assignment-candidates', (c) => c.json(assignments.candidates(c.req.param('id'))))
    .post('/work-orders/:id/assign', limitBody, async (c) => {
      const body = await parseBody(c, assignBody);
      return c.json(assignments.assign(c.req.param('id'), { ...body, note: body.note || undefined, actor: actorOf(c, body.actor) }));
    })
    .put('/work-orders/:id/requirements', limitBody, async (c) => {
      const body = await parseBody(c, requirementsBody);
      return c.json(assignments.setRequirements(c.req.param('id'), { ...body, note: body.note || undefined, actor: actorOf(c, body.actor) }));
    });
}
