/** The people who do the work. */
import { createTechnicianBody, listTechniciansQuery, updateTechnicianBody } from '../../technicians/technician-schemas';
import type { ApiFeature } from './api-operation';

const id = { id: 'Technician id' };
const tooLarge = { 413: 'Body larger than 32 KiB' };

export const techniciansFeature: ApiFeature = {
  tag: 'technicians',
  description: 'Technicians: skills, certifications with expiry, shifts, site, workload. Assignment ranks them per order.',
  operations: [
    { method: 'GET', path: '/api/technicians', summary: 'List technicians', description: 'By name.', query: listTechniciansQuery, response: { status: 200, schema: 'TechnicianPage', description: 'A page of technicians' } },
    { method: 'GET', path: '/api/technicians/:id', summary: 'Get a technician', description: 'With workload and whether on shift now.', params: id, response: { status: 200, schema: 'TechnicianView', description: 'The technician' } },
    { method: 'POST', path: '/api/technicians', summary: 'Add a technician', body: createTechnicianBody, response: { status: 201, schema: 'TechnicianView', description: 'The new technician' }, errors: { 409: 'A technician with that id exists', ...tooLarge } },
    { method: 'PATCH', path: '/api/technicians/:id', summary: 'Change a technician', description: 'Fields left out keep their values.', params: id, body: updateTechnicianBody, response: { status: 200, schema: 'TechnicianView', description: 'The technician as saved' }, errors: tooLarge },
    { method: 'DELETE', path: '/api/technicians/:id', summary: 'Deactivate a technician', description: 'Kept for history; no longer assignable.', params: id, response: { status: 200, schema: 'TechnicianView', description: 'The deactivated technician' } },
  ],
};
