import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../services';
import { crewPlant } from '../technicians/test-crew';
import { silentLogger } from '../testing/test-database';
import { anomalyEvent, createTestServer, T0, type TestServer } from '../testing/test-server';

describe('AUTO_ASSIGN_ON_ACK', () => {
  let server: TestServer;
  let services: Services;
  let id: number;
  beforeEach(() => {
    server = createTestServer({ plant: crewPlant() });
    services = createServices({ database: server.database, bus: server.bus, now: () => server.clock.now, logger: silentLogger }, { autoAssignOnAcknowledge: true });
    id = services.workOrders.handleAnomalyEvent(anomalyEvent())!.workOrder!.id;
  });
  afterEach(() => server.close());

  it('assigns an acknowledged order to its top candidate', () => {
    server.clock.now = T0 + 60_000;
    const order = services.workOrders.transition(id, { to: 'acknowledged', actor: 'jonas.becker' });
    expect(order).toMatchObject({ status: 'assigned', assignee: { id: 'jonas', name: 'Jonas Becker' } });
    expect(order.timeline.slice(-3).map(({ kind, actor, from, to }) => ({ kind, actor, from, to }))).toEqual([
      { kind: 'status', actor: 'jonas.becker', from: 'open', to: 'acknowledged' },
      { kind: 'assignment', actor: 'system:auto-assign', from: null, to: 'jonas' },
      { kind: 'status', actor: 'system:auto-assign', from: 'acknowledged', to: 'assigned' },
    ]);
  });

  it('leaves the order acknowledged with a timeline note when nobody qualifies', () => {
    services.assignments.setRequirements(id, { certifications: ['confined-space'], skills: [], actor: 'dana' });
    const order = services.workOrders.transition(id, { to: 'acknowledged' });
    expect(order).toMatchObject({ status: 'acknowledged', assignee: null });
    expect(order.timeline.at(-1)).toMatchObject({ kind: 'comment', actor: 'system:auto-assign' });
    expect(order.timeline.at(-1)!.note).toMatch(/^Not auto-assigned: nobody at site plant-1 can take WO-2026-\d+ \(requires confined-space\): Anna Weber: lacks the confined-space certification/);
  });

  it('is off by default', () => {
    const order = server.services.workOrders.transition(id, { to: 'acknowledged' });
    expect(order).toMatchObject({ status: 'acknowledged', assignee: null });
  });
});
