import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../events/event-bus';
import type { ApiError, AssignmentCandidatesView, Paged, WorkOrderView } from '../http/api-types';
import { crewPlant } from '../technicians/test-crew';
import { silentLogger } from '../testing/test-database';
import { anomalyEvent, createTestServer, getJson, postJson, putJson, T0, type TestServer } from '../testing/test-server';
import { createSlaMonitor } from './sla-monitor';
import type { WorkOrderDetailView } from './work-order-views';

const HOUR = 3_600_000;

describe('work-order assignment routes', () => {
  let server: TestServer;
  let id: number;
  let number: string;
  let events: ServerEvent[];
  beforeEach(() => {
    server = createTestServer({ plant: crewPlant() });
    // Vibration on pump P-104 at Tuesday 09:00 Berlin: mechanical work with vibration analysis, no certification.
    const order = server.services.workOrders.handleAnomalyEvent(anomalyEvent())!.workOrder!;
    id = order.id;
    number = order.number;
    events = [];
    server.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => server.close());

  const assign = (body: unknown, token?: string) =>
    server.app.request(`/api/work-orders/${id}/assign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
  const assignJson = async <T>(body: unknown) => {
    const res = await assign(body);
    return { status: res.status, body: (await res.json()) as T };
  };
  const detail = async () => (await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${id}`)).body;

  it('derives the requirements of a new order and ranks the crew with reasons', async () => {
    const order = await detail();
    expect(order).toMatchObject({ requiredSkills: ['mechanical', 'vibration-analysis'], requiredCertifications: [], assignee: null });

    const { body } = await getJson<AssignmentCandidatesView>(server.app, `/api/work-orders/${id}/assignment-candidates`);
    expect(body.candidates.map((c) => c.technician.name)).toEqual(['Jonas Becker', 'Anna Weber', 'Mehmet Yilmaz', 'Lukas Hoffmann']);
    expect(body.candidates[0]!.breakdown.map((l) => l.reason)).toEqual(['has mechanical, vibration-analysis (2 of 2)', 'on shift now', 'no open orders']);
    expect(body.candidates[2]!.breakdown[1]!.reason).toBe('off shift; next shift starts in 5 h');
    expect(body.excluded).toEqual([]);
  });

  it('auto-assigns the top candidate: open -> assigned, timeline, events, anomaly acknowledged', async () => {
    server.clock.now = T0 + 60_000;
    const res = await assignJson<WorkOrderDetailView>({ auto: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'assigned', assignee: { id: 'jonas', name: 'Jonas Becker' }, allowedTransitions: ['in-progress', 'cancelled'] });
    const entries = res.body.timeline.filter((t) => t.kind === 'assignment' || t.kind === 'status');
    expect(entries.map(({ kind, from, to, actor }) => ({ kind, from, to, actor }))).toEqual([
      { kind: 'assignment', from: null, to: 'jonas', actor: 'test-admin' },
      { kind: 'status', from: 'open', to: 'assigned', actor: 'test-admin' },
    ]);
    expect(entries[0]!.note).toBe('Auto-assigned to Jonas Becker (top candidate, score 70: has mechanical, vibration-analysis (2 of 2); on shift now; no open orders)');
    // The response clock stops at assignment.
    expect(res.body.sla.response.clock).toBe('stopped');
    expect(events.map((e) => e.name)).toEqual(['anomaly', 'work-order', 'work-order-assigned']);
    expect(events[2]!.data).toMatchObject({ from: null, to: { id: 'jonas', name: 'Jonas Becker' }, by: 'test-admin', auto: true, workOrder: { id, status: 'assigned' } });

    const jonas = (await getJson<{ workload: unknown }>(server.app, '/api/technicians/jonas')).body;
    expect(jonas.workload).toMatchObject({ orders: 1, assigned: 1 });
    // Jonas now carries load, so the next ranking weighs it.
    const next = (await getJson<AssignmentCandidatesView>(server.app, `/api/work-orders/${id}/assignment-candidates`)).body;
    expect(next.assignee).toEqual({ id: 'jonas', name: 'Jonas Becker' });
    expect(next.candidates.find((c) => c.technician.id === 'jonas')!.breakdown[2]!.reason).toMatch(/^1 open order \(load \d+\)$/);
  });

  it('refuses someone without a required certification with 409 naming it, and reassigns keeping the status', async () => {
    await assignJson({ technicianId: 'jonas' });
    const changed = await putJson<WorkOrderDetailView>(server.app, `/api/work-orders/${id}/requirements`, { certifications: ['high-voltage'], skills: ['electrical'], note: 'motor side' });
    expect(changed.status).toBe(200);
    expect(changed.body.timeline.at(-1)).toMatchObject({
      kind: 'comment',
      note: 'Requirements changed: certifications none → high-voltage; skills mechanical, vibration-analysis → electrical. assignee Jonas Becker no longer qualifies (lacks the high-voltage certification); reassign. motor side',
    });

    const lukas = await assignJson<ApiError>({ technicianId: 'lukas' });
    expect(lukas).toEqual({ status: 409, body: { error: { code: 'technician-not-qualified', message: `Lukas Hoffmann cannot take ${number}: high-voltage certification expired 2026-01-31` } } });
    const jonas = await assignJson<ApiError>({ technicianId: 'jonas' });
    expect(jonas.body.error.message).toBe(`Jonas Becker cannot take ${number}: lacks the high-voltage certification`);

    const ranked = (await getJson<AssignmentCandidatesView>(server.app, `/api/work-orders/${id}/assignment-candidates`)).body;
    expect(ranked.candidates.map((c) => c.technician.id)).toEqual(['anna', 'mehmet']);
    expect(ranked.excluded.map((e) => [e.technician.id, e.reasons])).toEqual([
      ['jonas', ['lacks the high-voltage certification']],
      ['lukas', ['high-voltage certification expired 2026-01-31']],
    ]);

    await postJson(server.app, `/api/work-orders/${id}/transition`, { to: 'in-progress' });
    const anna = await assignJson<WorkOrderDetailView>({ technicianId: 'anna', note: 'HV work' });
    expect(anna.body).toMatchObject({ status: 'in-progress', assignee: { id: 'anna', name: 'Anna Weber' } });
    expect(anna.body.timeline.at(-1)).toMatchObject({ kind: 'assignment', from: 'jonas', to: 'anna', note: 'Assigned to Anna Weber. HV work' });
    // The same person again changes nothing.
    const again = await assignJson<WorkOrderDetailView>({ technicianId: 'anna' });
    expect(again.body.timeline).toHaveLength(anna.body.timeline.length);
  });

  it('answers 409 when nobody qualifies for auto-assignment, saying why each person is out', async () => {
    await putJson(server.app, `/api/work-orders/${id}/requirements`, { certifications: ['confined-space'], skills: [] });
    const res = await assignJson<ApiError>({ auto: true });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no-qualified-technician');
    expect(res.body.error.message).toBe(
      `nobody at site plant-1 can take ${number} (requires confined-space): Anna Weber: lacks the confined-space certification; Jonas Becker: lacks the confined-space certification; Lukas Hoffmann: lacks the confined-space certification; Mehmet Yilmaz: lacks the confined-space certification`,
    );
    expect((await detail()).status).toBe('open');
  });

  it('refuses closed and cancelled orders, unknown technicians and bad bodies', async () => {
    const unknown = await assignJson<ApiError>({ technicianId: 'nobody' });
    expect(unknown).toMatchObject({ status: 400, body: { error: { issues: [{ path: 'technicianId', message: 'no technician nobody' }] } } });
    expect((await assignJson<ApiError>({})).body.error.issues?.map((i) => i.path)).toEqual(['technicianId']);
    expect((await assignJson<ApiError>({ technicianId: 'anna', auto: true })).body.error.issues?.map((i) => i.path)).toEqual(['auto']);
    const badReq = await putJson<ApiError>(server.app, `/api/work-orders/${id}/requirements`, { certifications: ['HV'], skills: ['a', 'a'] });
    expect(badReq.body.error.issues?.map((i) => i.path).sort()).toEqual(['certifications.0', 'skills']);

    await postJson(server.app, `/api/work-orders/${id}/transition`, { to: 'cancelled' });
    const closed = await assignJson<ApiError>({ technicianId: 'anna' });
    expect(closed).toEqual({ status: 409, body: { error: { code: 'illegal-transition', message: 'cannot go from cancelled to assigned; cancelled is final' } } });
  });

  it('filters the list by assignee, or by nobody assigned', async () => {
    const other = server.services.workOrders.handleAnomalyEvent(anomalyEvent({ deviceId: 'C-201', ruleId: 'class.compressor.vibration' }))!.workOrder!;
    await assignJson({ technicianId: 'anna' });
    const mine = await getJson<Paged<WorkOrderView>>(server.app, '/api/work-orders?assigneeId=anna');
    expect(mine.body.items.map((w) => [w.id, w.assignee])).toEqual([[id, { id: 'anna', name: 'Anna Weber' }]]);
    const none = await getJson<Paged<WorkOrderView>>(server.app, '/api/work-orders?assigneeId=none');
    expect(none.body.items.map((w) => w.id)).toEqual([other.id]);
    expect((await getJson<ApiError>(server.app, '/api/work-orders?assigneeId=a%20b')).body.error.issues?.[0]?.path).toBe('assigneeId');
  });

  it('lets only planners and admins assign or change requirements; technicians and displays may read the candidates', async () => {
    const technician = server.tokenFor('technician');
    const display = server.tokenFor('display');
    expect((await assign({ auto: true }, technician)).status).toBe(403);
    expect((await assign({ auto: true }, display)).status).toBe(403);
    const put = (token: string) =>
      server.app.request(`/api/work-orders/${id}/requirements`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ certifications: [], skills: [] }) });
    expect((await put(technician)).status).toBe(403);
    expect((await put(display)).status).toBe(403);
    for (const token of [technician, display]) {
      const res = await server.app.request(`/api/work-orders/${id}/assignment-candidates`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    }
    expect((await assign({ auto: true }, server.tokenFor('planner', 'dana'))).status).toBe(200);
    expect((await detail()).timeline.find((t) => t.kind === 'assignment')!.actor).toBe('dana');
  });

  it('sends SLA warnings to the assignee and escalations to their supervisor', async () => {
    // An alarm on the criticality-A pump: P1, resolution 8 h of working time.
    const alarm = server.services.workOrders.handleAnomalyEvent(anomalyEvent({ deviceId: 'P-101', severity: 'alarm', value: 4.7, limit: 4.5 }))!.workOrder!;
    expect(alarm.priority).toBe('P1');
    await postJson(server.app, `/api/work-orders/${alarm.id}/assign`, { technicianId: 'anna' });
    const monitor = createSlaMonitor({ database: server.database, bus: server.bus, now: () => server.clock.now, logger: silentLogger });
    server.clock.now = T0 + 6.5 * HOUR;
    const forAlarm = (kind: string) => monitor.tick().recorded.filter((n) => n.workOrderId === alarm.id && n.kind === kind);
    expect(forAlarm('warn-assignee')).toMatchObject([{ target: 'resolution', to: ['Anna Weber'], cc: [] }]);
    server.clock.now = T0 + 8.5 * HOUR;
    const escalated = forAlarm('escalate-supervisor');
    expect(escalated).toMatchObject([{ target: 'resolution', to: ['k.schmid@plant.example'], cc: ['Anna Weber'] }]);
    expect(escalated[0]!.message).toContain('assigned to Anna Weber');
  });
});
