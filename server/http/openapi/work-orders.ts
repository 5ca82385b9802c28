/** Work orders: list, create, move through their life cycle, plan, compare. */
import { assignBody, requirementsBody } from '../../work-orders/work-order-assignment-schemas';
import { similarQuery } from '../../work-orders/work-order-similarity-routes';
import { clearPriorityBody, commentBody, createBody, listQuery, setPriorityBody, transitionBody } from '../../work-orders/work-order-schemas';
import type { ApiFeature } from './api-operation';

const id = { id: 'Work-order id or number, e.g. 42 or WO-2026-000042' };
const tooLarge = { 413: 'Body larger than 16 KiB' };

export const workOrdersFeature: ApiFeature = {
  tag: 'work-orders',
  description:
    'Orders raised by detection (potential fault) or by people (corrective, preventive, emergency, inspection). Life cycle: open → acknowledged → assigned → in progress ⇄ on hold → resolved → closed, or cancelled.',
  operations: [
    {
      method: 'GET',
      path: '/api/work-orders',
      summary: 'List work orders',
      description: 'Filters combine; `status=open-like` stands for every status still being worked. Default sort: most urgent priority first, newest first within it.',
      query: listQuery,
      response: { status: 200, schema: 'WorkOrderPage', description: 'A page of orders' },
    },
    {
      method: 'POST',
      path: '/api/work-orders',
      summary: 'Create a work order',
      description: 'Potential-fault orders come from detection only. An emergency order always stops the line.',
      body: createBody,
      response: { status: 201, schema: 'WorkOrderDetailView', description: 'The new order' },
      errors: tooLarge,
    },
    { method: 'GET', path: '/api/work-orders/:id', summary: 'Get a work order', description: 'With its timeline and the statuses it may move to.', params: id, response: { status: 200, schema: 'WorkOrderDetailView', description: 'The order' } },
    {
      method: 'POST',
      path: '/api/work-orders/:id/transition',
      summary: 'Move a work order to another status',
      description: 'Resolving or closing needs an outcome (unless one is recorded); on-hold needs a hold reason. An illegal move is a 409 listing the allowed ones.',
      params: id,
      body: transitionBody,
      response: { status: 200, schema: 'WorkOrderDetailView', description: 'The order after the move' },
      errors: { 409: 'Illegal transition', ...tooLarge },
    },
    { method: 'POST', path: '/api/work-orders/:id/comments', summary: 'Comment on a work order', params: id, body: commentBody, response: { status: 201, schema: 'TimelineEntryView', description: 'The comment as a timeline entry' }, errors: tooLarge },
    {
      method: 'PUT',
      path: '/api/work-orders/:id/priority',
      summary: 'Override the priority',
      description: 'A reason is required; the computed priority applies again once the override is cleared.',
      params: id,
      body: setPriorityBody,
      response: { status: 200, schema: 'WorkOrderDetailView', description: 'The order with the override' },
      errors: tooLarge,
    },
    { method: 'DELETE', path: '/api/work-orders/:id/priority', summary: 'Clear the priority override', params: id, body: clearPriorityBody, response: { status: 200, schema: 'WorkOrderDetailView', description: 'The order, priority recomputed' }, errors: tooLarge },
    { method: 'GET', path: '/api/work-orders/:id/notifications', summary: 'SLA notifications of a work order', description: 'Warnings, escalations and stall flags, oldest first.', params: id, response: { status: 200, schema: 'WorkOrderNotificationPage', description: 'The notifications' } },
    {
      method: 'GET',
      path: '/api/work-orders/:id/assignment-candidates',
      summary: 'Who could take a work order',
      description: 'Technicians ranked for this order (certifications, skills, shift, workload), and the excluded ones with why.',
      params: id,
      response: { status: 200, schema: 'AssignmentCandidatesView', description: 'Ranked candidates' },
    },
    {
      method: 'POST',
      path: '/api/work-orders/:id/assign',
      summary: 'Assign a work order',
      description: 'To a named technician, or `auto: true` for the top candidate. Only holders of the required certifications can be assigned.',
      params: id,
      body: assignBody,
      response: { status: 200, schema: 'WorkOrderDetailView', description: 'The order, assigned' },
      errors: { 409: 'The order cannot be assigned now, or the technician does not qualify', ...tooLarge },
    },
    {
      method: 'PUT',
      path: '/api/work-orders/:id/requirements',
      summary: 'Set the certifications and skills the work needs',
      params: id,
      body: requirementsBody,
      response: { status: 200, schema: 'WorkOrderDetailView', description: 'The order with its requirements' },
      errors: tooLarge,
    },
    {
      method: 'GET',
      path: '/api/work-orders/:id/similar',
      summary: 'Similar past orders',
      description:
        'Resolved or closed orders most like this one (same equipment class first; failure mode, signal signature and text), each with its outcome (cause, action, parts, labour), whether the repair held, and why it matched. Best first, newer first on a tie.',
      params: id,
      query: similarQuery,
      response: { status: 200, schema: 'SimilarWorkOrdersView', description: 'The matches' },
    },
  ],
};
