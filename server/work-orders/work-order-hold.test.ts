import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOLD_REASONS, type ApiError } from '../http/api-types';
import { HttpError } from '../http/errors';
import { anomalyEvent, createTestServer, getJson, postJson, T0, type TestServer } from '../testing/test-server';
import type { WorkOrderDetailView } from './work-order-views';

describe('work-order hold reasons', () => {
  let server: TestServer;
  let id: number;
  const transition = (body: unknown) => postJson<WorkOrderDetailView & ApiError>(server.app, `/api/work-orders/${id}/transition`, body);

  beforeEach(async () => {
    server = createTestServer();
    id = server.services.workOrders.handleAnomalyEvent(anomalyEvent())!.workOrder!.id;
    await transition({ to: 'acknowledged' });
    await transition({ to: 'in-progress' });
  });
  afterEach(() => server.close());

  it('refuses on-hold without a reason, with 400 naming holdReason, and changes nothing', async () => {
    const res = await transition({ to: 'on-hold', note: 'later' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'holdReason', message: `is required to put an order on hold: one of ${HOLD_REASONS.join(', ')}` }]);
    const unknown = await transition({ to: 'on-hold', holdReason: 'lunch' });
    expect(unknown.body.error.issues).toEqual([{ path: 'holdReason', message: `must be one of ${HOLD_REASONS.join(', ')}` }]);
    expect((await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${id}`)).body.status).toBe('in-progress');
  });

  it('refuses a hold reason with any other status', async () => {
    const res = await transition({ to: 'resolved', holdReason: 'waiting-for-parts', outcome: { kind: 'no-fault-found', note: 'fine' } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'holdReason', message: 'can only be given when moving to on-hold' }]);
  });

  it('the service checks it too (for callers that skip the route)', () => {
    const call = () => server.services.workOrders.transition(id, { to: 'on-hold' });
    expect(call).toThrowError(HttpError);
    expect(call).toThrowError(/holdReason: is required to put an order on hold/);
  });

  it('stores the reason on the order and its timeline entry, and clears it when work resumes', async () => {
    server.clock.now = T0 + 60_000;
    const held = await transition({ to: 'on-hold', holdReason: 'waiting-for-parts', note: 'bearing 6205 ordered, ETA Thursday', actor: 'maria' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: 'on-hold', holdReason: 'waiting-for-parts' });
    expect(held.body.timeline.at(-1)).toMatchObject({
      kind: 'status',
      actor: 'maria',
      from: 'in-progress',
      to: 'on-hold',
      holdReason: 'waiting-for-parts',
      note: 'bearing 6205 ordered, ETA Thursday',
    });

    const resumed = await transition({ to: 'in-progress' });
    expect(resumed.body.holdReason).toBeNull();
    expect(resumed.body.timeline.at(-1)).toMatchObject({ to: 'in-progress', holdReason: null });
    // The earlier entry keeps its reason: the SLA history needs it.
    expect(resumed.body.timeline.filter((t) => t.to === 'on-hold').map((t) => t.holdReason)).toEqual(['waiting-for-parts']);
  });
});
