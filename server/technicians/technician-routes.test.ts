import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, Paged, TechnicianView } from '../http/api-types';
import { createTestServer, getJson, postJson, T0, type TestServer } from '../testing/test-server';
import { crewPlant } from './test-crew';

const HOUR = 3_600_000;

async function send<T>(server: TestServer, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await server.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const newPerson = {
  id: 'petra',
  name: 'Petra Wagner',
  siteId: 'plant-1',
  skills: ['mechanical', 'welding'],
  certifications: [{ name: 'high-voltage', expiresAt: '2027-03-31' }],
  shifts: [{ days: ['sat', 'sun'], start: '06:00', end: '18:00' }],
};

describe('technician routes', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer({ plant: crewPlant() });
  });
  afterEach(() => server.close());

  it('lists the crew by name with workload, shift and certification state, filtered by skill, certification and site', async () => {
    const all = await getJson<Paged<TechnicianView>>(server.app, '/api/technicians');
    expect(all.body.total).toBe(4);
    expect(all.body.items.map((t) => [t.id, t.onShift])).toEqual([
      ['anna', true],
      ['jonas', true],
      ['lukas', false],
      ['mehmet', false],
    ]);
    const lukas = all.body.items[2]!;
    expect(lukas.certifications).toEqual([{ name: 'high-voltage', expiresAt: Date.UTC(2026, 0, 31, 23, 0), expired: true }]);
    expect(lukas.nextShiftAt).toBe(T0 + 13 * HOUR); // Tuesday 22:00 Berlin
    expect(lukas.workload).toEqual({ orders: 0, assigned: 0, inProgress: 0, onHold: 0, load: 0 });

    const hv = await getJson<Paged<TechnicianView>>(server.app, '/api/technicians?certification=high-voltage&skill=mechanical');
    expect(hv.body.items.map((t) => t.id)).toEqual(['anna', 'mehmet']);
    expect((await getJson<Paged<TechnicianView>>(server.app, '/api/technicians?siteId=plant-2')).body).toEqual({ items: [], total: 0 });
    const bad = await getJson<ApiError>(server.app, '/api/technicians?skill=High%20Voltage&active=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(['active', 'skill']);
  });

  it('creates, updates and deactivates a technician; the list filters on active', async () => {
    const created = await postJson<TechnicianView>(server.app, '/api/technicians', newPerson);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'petra',
      active: true,
      onShift: false,
      createdAt: T0,
      certifications: [{ name: 'high-voltage', expiresAt: Date.UTC(2027, 3, 1), expired: false }],
      supervisor: null,
    });

    server.clock.now = T0 + 1000;
    const updated = await send<TechnicianView>(server, 'PATCH', '/api/technicians/petra', { skills: ['mechanical'], supervisor: 'r.braun@plant.example' });
    expect(updated.body).toMatchObject({ skills: ['mechanical'], supervisor: 'r.braun@plant.example', name: 'Petra Wagner', updatedAt: T0 + 1000 });

    const gone = await send<TechnicianView>(server, 'DELETE', '/api/technicians/petra');
    expect(gone).toMatchObject({ status: 200, body: { id: 'petra', active: false } });
    const active = await getJson<Paged<TechnicianView>>(server.app, '/api/technicians?active=true');
    expect(active.body.items.map((t) => t.id)).not.toContain('petra');
    expect((await getJson<TechnicianView>(server.app, '/api/technicians/petra')).body.active).toBe(false);
  });

  it('answers 400 naming each bad field, 409 for a taken id, 404 for an unknown one', async () => {
    const bad = await postJson<ApiError>(server.app, '/api/technicians', {
      ...newPerson,
      id: 'has space',
      certifications: [{ name: 'HV', expiresAt: '2027-02-30' }],
      shifts: [{ days: ['mon'], start: '25:00', end: '06:00' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(['certifications.0.expiresAt', 'certifications.0.name', 'id', 'shifts.0.start']);

    const site = await postJson<ApiError>(server.app, '/api/technicians', { ...newPerson, siteId: 'plant-9' });
    expect(site).toMatchObject({ status: 400, body: { error: { issues: [{ path: 'siteId', message: 'no site plant-9 in the plant' }] } } });

    const taken = await postJson<ApiError>(server.app, '/api/technicians', { ...newPerson, id: 'anna' });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'technician-exists' } } });

    expect((await send<ApiError>(server, 'PATCH', '/api/technicians/anna', {})).body.error.issues).toEqual([{ path: '(root)', message: 'must change at least one field' }]);
    expect((await send<ApiError>(server, 'PATCH', '/api/technicians/nobody', { name: 'X' })).status).toBe(404);
    expect((await getJson<ApiError>(server.app, '/api/technicians/nobody')).status).toBe(404);
  });

  it('lets every reader read, and only planners and admins manage technicians', async () => {
    for (const role of ['technician', 'line-lead', 'reliability-engineer', 'display'] as const) {
      const token = server.tokenFor(role);
      expect((await send(server, 'GET', '/api/technicians', undefined, token)).status, role).toBe(200);
      expect((await send(server, 'POST', '/api/technicians', newPerson, token)).status, role).toBe(403);
      expect((await send(server, 'PATCH', '/api/technicians/anna', { name: 'X' }, token)).status, role).toBe(403);
      expect((await send(server, 'DELETE', '/api/technicians/anna', undefined, token)).status, role).toBe(403);
    }
    const planner = server.tokenFor('planner');
    expect((await send(server, 'POST', '/api/technicians', newPerson, planner)).status).toBe(201);
    expect((await getJson<TechnicianView>(server.app, '/api/technicians/anna')).body.name).toBe('Anna Weber');
  });
});
