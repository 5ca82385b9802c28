/** Preventive maintenance plans. */
import { createPlanBody, disablePlanBody, listPlansQuery, updatePlanBody } from '../../maintenance-plans/plan-schemas';
import type { ApiFeature } from './api-operation';

const id = { id: 'Maintenance plan id' };
const tooLarge = { 413: 'Body larger than 16 KiB' };

export const maintenancePlansFeature: ApiFeature = {
  tag: 'maintenance-plans',
  description:
    'Preventive maintenance plans per device, by calendar (every N days) or by running hours (counted from the device current). The server opens one preventive work order per plan at a time, the lead time before it is due; the next is counted from its completion (or, after a cancel, from its due).',
  operations: [
    { method: 'GET', path: '/api/maintenance-plans', summary: 'List maintenance plans', description: 'By device (plant order), then id.', query: listPlansQuery, response: { status: 200, schema: 'MaintenancePlanPage', description: 'A page of plans' } },
    { method: 'GET', path: '/api/maintenance-plans/:id', summary: 'Get a maintenance plan', description: 'With when the next order is due (time, or running hours left) and the latest order.', params: id, response: { status: 200, schema: 'MaintenancePlanView', description: 'The plan' } },
    { method: 'POST', path: '/api/maintenance-plans', summary: 'Add a maintenance plan', description: 'Counting starts now (or at firstDueAt / firstDueHours).', body: createPlanBody, response: { status: 201, schema: 'MaintenancePlanView', description: 'The new plan' }, errors: { 409: 'A plan with that id exists', ...tooLarge } },
    { method: 'PATCH', path: '/api/maintenance-plans/:id', summary: 'Change a maintenance plan', description: 'Fields left out keep their values; a new trigger applies from the next order on.', params: id, body: updatePlanBody, response: { status: 200, schema: 'MaintenancePlanView', description: 'The plan as saved' }, errors: tooLarge },
    { method: 'DELETE', path: '/api/maintenance-plans/:id', summary: 'Disable a maintenance plan', description: 'Kept (orders name it; re-enable with PATCH {"enabled": true}); opens no more orders. An order it opened stays as it is.', params: id, body: disablePlanBody, response: { status: 200, schema: 'MaintenancePlanView', description: 'The disabled plan' } },
  ],
};
