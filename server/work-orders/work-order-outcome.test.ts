import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../http/api-types';
import { anomalyEvent, createTestServer, getJson, postJson, T0, type TestServer } from '../testing/test-server';
import { confirmedOutcome, noFaultFound } from '../testing/work-order-steps';
import { formatLabour } from './outcome-text';
import type { WorkOrderDetailView } from './work-order-views';

describe('closing a work order with an outcome', () => {
  let server: TestServer;
  let id: number;
  beforeEach(() => {
    server = createTestServer();
    id = server.services.workOrders.handleAnomalyEvent(anomalyEvent())!.workOrder!.id;
  });
  afterEach(() => server.close());

  const move = <T = WorkOrderDetailView>(body: unknown) => postJson<T>(server.app, `/api/work-orders/${id}/transition`, body);
  const startWork = () => {
    server.services.workOrders.transition(id, { to: 'acknowledged' });
    server.services.workOrders.transition(id, { to: 'in-progress' });
  };

  it('resolves with a confirmed fault, shows it on the order and writes a readable timeline entry', async () => {
    startWork();
    server.clock.now = T0 + 3_600_000;
    const res = await move({ to: 'resolved', actor: 'maria', note: 'Running smooth again', outcome: confirmedOutcome() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolvedAt: T0 + 3_600_000, closedAt: null });
    expect(res.body.outcome).toEqual({
      kind: 'confirmed',
      failureMode: 'vibration-high',
      cause: 'Worn drive-end bearing',
      action: 'Replaced the drive-end bearing and realigned the coupling',
      parts: [{ partNumber: '6205-2RS', description: 'Deep groove ball bearing', quantity: 1 }],
      labourMinutes: 90,
      recordedAt: T0 + 3_600_000,
      recordedBy: 'maria',
    });
    const last = res.body.timeline.slice(-2).map(({ kind, actor, from, to, note }) => ({ kind, actor, from, to, note }));
    expect(last).toEqual([
      {
        kind: 'outcome',
        actor: 'maria',
        from: null,
        to: 'confirmed',
        note:
          'Confirmed vibration-high. Cause: Worn drive-end bearing. Action: Replaced the drive-end bearing and realigned the coupling. ' +
          'Parts: 1 × 6205-2RS (Deep groove ball bearing). Labour: 1 h 30 min.',
      },
      { kind: 'status', actor: 'maria', from: 'in-progress', to: 'resolved', note: 'Running smooth again' },
    ]);

    // Closing needs no second outcome: the recorded one stands.
    server.clock.now = T0 + 7_200_000;
    const closed = await move({ to: 'closed', actor: 'planner' });
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: T0 + 7_200_000, outcome: { kind: 'confirmed', recordedBy: 'maria' } });
  });

  it('resolves as no fault found with a note', async () => {
    startWork();
    const res = await move({ to: 'resolved', outcome: { kind: 'no-fault-found', note: '  Sensor cable loose; fixed the gland ' } });
    expect(res.body.outcome).toEqual({ kind: 'no-fault-found', note: 'Sensor cable loose; fixed the gland', recordedAt: T0, recordedBy: 'test-admin' });
    expect(res.body.timeline.at(-2)).toMatchObject({ kind: 'outcome', to: 'no-fault-found', note: 'No fault found. Sensor cable loose; fixed the gland.' });
  });

  it('refuses to resolve without an outcome with 400 naming outcome, and changes nothing', async () => {
    startWork();
    const res = await move<ApiError>({ to: 'resolved' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-body');
    expect(res.body.error.issues).toEqual([
      { path: 'outcome', message: 'is required to move to resolved: confirmed (failureMode, cause, action, labourMinutes) or no-fault-found (note)' },
    ]);
    const { body } = await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${id}`);
    expect(body).toMatchObject({ status: 'in-progress', outcome: null, resolvedAt: null });
  });

  it('names the missing or bad field inside the outcome', async () => {
    startWork();
    const { cause: _cause, ...withoutCause } = confirmedOutcome();
    const missing = await move<ApiError>({ to: 'resolved', outcome: withoutCause });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues).toEqual([{ path: 'outcome.cause', message: 'must be a string' }]);

    const bad = await move<ApiError>({
      to: 'resolved',
      outcome: { ...confirmedOutcome(), labourMinutes: -5, parts: [{ partNumber: '', quantity: 0 }] },
    });
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(['outcome.labourMinutes', 'outcome.parts.0.partNumber', 'outcome.parts.0.quantity']);

    const kind = await move<ApiError>({ to: 'resolved', outcome: { kind: 'fixed' } });
    expect(kind.body.error.issues).toEqual([{ path: 'outcome.kind', message: 'must be an object with kind confirmed or no-fault-found or completed' }]);

    const nff = await move<ApiError>({ to: 'resolved', outcome: { kind: 'no-fault-found', note: ' ' } });
    expect(nff.body.error.issues).toEqual([{ path: 'outcome.note', message: 'must not be empty' }]);
  });

  it('lets an illegal move win: 409 before asking for an outcome', async () => {
    const res = await move<ApiError>({ to: 'closed' });
    expect(res).toEqual({
      status: 409,
      body: { error: { code: 'illegal-transition', message: 'cannot go from open to closed; allowed: acknowledged, assigned, cancelled' } },
    });
  });

  it('refuses an outcome on a move that does not resolve or close', async () => {
    const res = await move<ApiError>({ to: 'acknowledged', outcome: noFaultFound() });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'outcome', message: 'can only be given when moving to resolved or closed' }]);
  });

  it('keeps the outcome through a reopen, and a new one replaces it', async () => {
    startWork();
    await move({ to: 'resolved', outcome: noFaultFound() });
    server.clock.now = T0 + 60_000;
    const reopened = await move({ to: 'in-progress', note: 'Vibration is back' });
    expect(reopened.body).toMatchObject({ status: 'in-progress', resolvedAt: null, outcome: { kind: 'no-fault-found' } });

    const again = await move({ to: 'resolved' });
    expect(again.body).toMatchObject({ status: 'resolved', outcome: { kind: 'no-fault-found' } });
    await move({ to: 'in-progress' });
    const replaced = await move({ to: 'resolved', outcome: confirmedOutcome({ parts: [], labourMinutes: 45 }) });
    expect(replaced.body.outcome).toMatchObject({ kind: 'confirmed', parts: [], labourMinutes: 45 });
    expect(replaced.body.timeline.filter((t) => t.kind === 'outcome').map((t) => t.to)).toEqual(['no-fault-found', 'confirmed']);
    expect(replaced.body.timeline.at(-2)?.note).toMatch(/No parts used\. Labour: 45 min\.$/);
  });

  it('cancels without an outcome', async () => {
    const res = await move({ to: 'cancelled', note: 'Duplicate' });
    expect(res.body).toMatchObject({ status: 'cancelled', outcome: null, closedAt: T0 });
  });
  it('closes planned work as completed, and refuses that outcome on a fault order naming the field', async () => {
    startWork();
    const refused = await move<ApiError>({ to: 'resolved', outcome: { kind: 'completed', action: 'Greased both bearings', labourMinutes: 20 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([{ path: 'outcome.kind', message: 'a potential-fault order closes as confirmed or no-fault-found, not completed' }]);

    const service = server.services.workOrders.create({ type: 'preventive', deviceId: 'P-101', title: 'Grease pump bearings (90-day plan)' });
    server.services.workOrders.transition(service.id, { to: 'acknowledged' });
    server.services.workOrders.transition(service.id, { to: 'in-progress' });
    const missing = await postJson<ApiError>(server.app, `/api/work-orders/${service.id}/transition`, { to: 'resolved' });
    expect(missing.body.error.issues![0]!.message).toMatch(/^is required to move to resolved: completed \(action, labourMinutes, optional parts and findings\) or confirmed/);
    const done = await postJson<WorkOrderDetailView>(server.app, `/api/work-orders/${service.id}/transition`, {
      to: 'resolved',
      actor: 'lukas',
      outcome: { kind: 'completed', action: 'Greased both bearings', parts: [{ partNumber: 'LGHP2', quantity: 0.4 }], labourMinutes: 20, findings: 'Drive-end seal slightly worn' },
    });
    expect(done.status).toBe(200);
    expect(done.body.outcome).toMatchObject({ kind: 'completed', action: 'Greased both bearings', labourMinutes: 20, findings: 'Drive-end seal slightly worn', recordedBy: 'lukas' });
    expect(done.body.timeline.find((t) => t.kind === 'outcome')!.note).toBe(
      'Work done: Greased both bearings. Parts: 0.4 × LGHP2. Labour: 20 min. Findings: Drive-end seal slightly worn.',
    );
  });
});

describe('formatLabour', () => {
  it('reads as hours and minutes', () => {
    expect([0, 45, 60, 90, 125].map(formatLabour)).toEqual(['0 min', '45 min', '1 h', '1 h 30 min', '2 h 5 min']);
  });

});
