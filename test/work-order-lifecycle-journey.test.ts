/**
 * Journey: the simulator injects bearing wear on pump P-104; over real MQTT
 * and HTTP a potential-fault order appears; a technician acknowledges it, a
 * planner auto-assigns it to the top-ranked member of the demo plant's crew,
 * the server's clock moves a month on and the SLA monitor escalates the
 * missed resolution target to the assignee's supervisor; the technician
 * works and resolves it, the planner closes it, and the KPIs count it.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssignmentCandidatesView,
  KpiView,
  Paged,
  TechnicianView,
  WorkOrderNotificationView,
  WorkOrderView,
} from '../server/http/api-types';
import type { WorkOrderDetailView } from '../server/work-orders';
import { createSlaMonitor } from '../server/work-orders';
import { startTestSystem, waitFor, type TestSystem } from './support/system-fixture';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('journey: injected fault → acknowledged → auto-assigned → escalated → resolved → closed → KPIs', () => {
  let sys: TestSystem;
  /** The server's clock: real time plus what the test adds. */
  let offset = 0;
  const now = () => Date.now() + offset;
  let technician: string;
  let planner: string;

  beforeAll(async () => {
    sys = await startTestSystem(
      { SIM_SPEED: '600' },
      { scenario: { faults: [{ device: 'P-104', kind: 'bearing-wear', startAfterMinutes: 2, failureAfterMinutes: 46 }] }, now },
    );
    technician = sys.services.tokens.create({ name: 'jonas.becker', role: 'technician', createdBy: 'journey' }).token;
    planner = sys.services.tokens.create({ name: 'k.schmid', role: 'planner', createdBy: 'journey' }).token;
  });
  afterAll(async () => {
    await sys?.cleanup();
  });

  async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(sys.httpUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${JSON.stringify(json)}`);
    return json;
  }

  it('takes the order through its whole life and the KPIs reflect it', async () => {
    const startedAt = now();
    const order = await waitFor('a work order for P-104', async () => (await sys.get<Paged<WorkOrderView>>('/api/work-orders?deviceId=P-104')).items[0]);
    expect(order).toMatchObject({ type: 'potential-fault', status: 'open', failureMode: 'vibration-high', assignee: null, requiredSkills: ['mechanical', 'vibration-analysis'] });

    // The technician acknowledges it with their own token.
    const acked = await call<WorkOrderDetailView>(technician, 'POST', `/api/work-orders/${order.id}/transition`, { to: 'acknowledged', note: 'looking at it' });
    expect(acked.timeline.at(-1)).toMatchObject({ kind: 'status', from: 'open', to: 'acknowledged', actor: 'jonas.becker' });
    // …but may not assign it.
    const refused = await fetch(`${sys.httpUrl}/api/work-orders/${order.id}/assign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${technician}`, 'content-type': 'application/json' },
      body: JSON.stringify({ auto: true }),
    });
    expect(refused.status).toBe(403);

    // The planner auto-assigns: the top candidate of the ranking the dashboard shows.
    const ranking = await call<AssignmentCandidatesView>(planner, 'GET', `/api/work-orders/${order.id}/assignment-candidates`);
    expect(ranking.candidates.length).toBeGreaterThan(0);
    const assigned = await call<WorkOrderDetailView>(planner, 'POST', `/api/work-orders/${order.id}/assign`, { auto: true });
    expect(assigned.status).toBe('assigned');
    expect(ranking.candidates.map((c) => c.technician.id)).toContain(assigned.assignee!.id);
    expect(assigned.timeline.find((t) => t.kind === 'assignment')).toMatchObject({ actor: 'k.schmid', from: null, to: assigned.assignee!.id });
    const assignee = await call<TechnicianView>(planner, 'GET', `/api/technicians/${assigned.assignee!.id}`);
    expect(assignee.workload.orders).toBe(1);
    const mine = await call<Paged<WorkOrderView>>(technician, 'GET', `/api/work-orders?assigneeId=${assignee.id}`);
    expect(mine.items.map((w) => w.id)).toEqual([order.id]);

    // A month later nothing has been done: the resolution target is missed and escalates to the assignee's supervisor.
    offset += 30 * DAY;
    const monitor = createSlaMonitor({ database: sys.database, bus: sys.bus, now, logger: pino({ level: 'silent' }) });
    monitor.tick();
    const notifications = await call<Paged<WorkOrderNotificationView>>(planner, 'GET', `/api/work-orders/${order.id}/notifications`);
    const escalation = notifications.items.find((n) => n.kind === 'escalate-supervisor' && n.target === 'resolution');
    expect(escalation).toMatchObject({ to: [assignee.supervisor], cc: [assignee.name] });
    expect(escalation!.message).toContain(`assigned to ${assignee.name}`);
    const escalated = await call<WorkOrderDetailView>(planner, 'GET', `/api/work-orders/${order.id}`);
    expect(escalated.sla.resolution.state).toBe('breached');
    expect(escalated.timeline.find((t) => t.kind === 'sla' && t.to === 'escalate-supervisor')?.note).toContain(`escalated to ${assignee.supervisor}`);

    // The technician works it and resolves it with what was found; the planner closes it.
    offset += 30 * MIN;
    await call(technician, 'POST', `/api/work-orders/${order.id}/transition`, { to: 'in-progress' });
    offset += 90 * MIN;
    const resolved = await call<WorkOrderDetailView>(technician, 'POST', `/api/work-orders/${order.id}/transition`, {
      to: 'resolved',
      outcome: { kind: 'confirmed', failureMode: 'vibration-high', cause: 'outer race spalling on the drive-end bearing', action: 'replaced bearing 6309-2Z', labourMinutes: 90 },
    });
    offset += 10 * MIN;
    const closed = await call<WorkOrderDetailView>(planner, 'POST', `/api/work-orders/${order.id}/transition`, { to: 'closed' });
    expect(closed).toMatchObject({ status: 'closed', assignee: { id: assignee.id }, outcome: { kind: 'confirmed' } });
    expect((await call<TechnicianView>(planner, 'GET', `/api/technicians/${assignee.id}`)).workload.orders).toBe(0);

    const kpis = await call<KpiView>(planner, 'GET', `/api/kpis?deviceId=P-104&from=${startedAt - DAY}&to=${now() + MIN}`);
    const ackAt = acked.timeline.at(-1)!.at;
    expect(kpis.mtta).toEqual({ count: 1, ms: ackAt - order.createdAt });
    expect(kpis.mttr).toEqual({ count: 1, ms: resolved.resolvedAt! - order.createdAt });
    expect(kpis.mttr.ms!).toBeGreaterThan(30 * DAY);
    expect(kpis.mtbf.failures).toBe(1);
    expect(kpis.slaAttainment.resolution).toMatchObject({ met: 0, missed: 1 });
    const stillOpen = (await call<Paged<WorkOrderView>>(planner, 'GET', '/api/work-orders?deviceId=P-104&status=open-like')).total;
    expect(kpis.backlog.open).toBe(stillOpen);
    // The backlog trend saw the order open during the month.
    expect(Math.max(...kpis.backlog.trend.map((p) => p.open))).toBeGreaterThanOrEqual(1);
  });
});
