import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { workOrders as workOrderTable } from '../db/schema';
import type { ApiError, Paged, TimelineEntryView, WorkOrderView } from '../http/api-types';
import { chainPlant, silentLogger } from '../testing/test-database';
import { anomalyEvent, createTestServer, deleteJson, getJson, postJson, putJson, T0, type TestServer } from '../testing/test-server';
import { createWorkOrderService } from './work-order-service';
import type { WorkOrderDetailView } from './work-order-views';

const MINUTE = 60_000;

describe('work-order priority', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer({ plant: chainPlant() });
  });
  afterEach(() => server.close());

  /** A detected order; the chain plant's rules are the class defaults. */
  const detect = (deviceId: string, severity: 'warn' | 'alarm', equipmentClass: string) =>
    server.services.workOrders.handleAnomalyEvent(anomalyEvent({ deviceId, severity, ruleId: `class.${equipmentClass}.vibration`, value: severity === 'alarm' ? 7.5 : 5 }))!.workOrder!;
  const order = async (id: number) => (await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${id}`)).body;
  const priorityEntries = (o: WorkOrderDetailView): TimelineEntryView[] => o.timeline.filter((t) => t.kind === 'priority');

  it('scores an alarm on a criticality-A device far above a warn on a C device, with the reasons', async () => {
    const alarmOnA = detect('IM-1', 'alarm', 'injection-molder');
    const warnOnC = detect('F-1', 'warn', 'fan');

    expect(await order(alarmOnA.id)).toMatchObject({
      priority: 'P1',
      priorityOverride: null,
      priorityReasons: ['P1: score 6', 'alarm severity (+3)', 'criticality A device (+3)', 'its line is running (+0)', 'starves no downstream line (+0)'],
    });
    const low = await order(warnOnC.id);
    expect(low).toMatchObject({ priority: 'P4', priorityReasons: ['P4: score 1', 'warn severity (+1)', 'criticality C device (+0)', 'its line is running (+0)', 'starves no downstream line (+0)'] });
    // A new order gets no priority entry: its view carries the reasons.
    expect(priorityEntries(low)).toEqual([]);
  });

  it('computes the priority of orders people create', async () => {
    const res = await postJson<WorkOrderDetailView>(server.app, '/api/work-orders', { type: 'corrective', deviceId: 'CV-A1', title: 'Belt tracking off', severity: 'alarm' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ priority: 'P2', priorityReasons: ['P2: score 4', 'alarm severity (+3)', 'criticality B device (+1)', 'its line is running (+0)', 'starves no downstream line (+0)'] });
    const inspection = await postJson<WorkOrderDetailView>(server.app, '/api/work-orders', { type: 'inspection', deviceId: 'CV-P1', title: 'Monthly check' });
    expect(inspection.body.priority).toBe('P4');
  });

  it('an emergency stops its line: open orders on that line rise (it starves both lines downstream), and fall back once it is over', async () => {
    const fan = detect('F-1', 'warn', 'fan');
    const molder = detect('IM-1', 'alarm', 'injection-molder');
    const downstream = detect('CV-A1', 'warn', 'conveyor');

    server.clock.now = T0 + 10 * MINUTE;
    const emergency = await postJson<WorkOrderDetailView>(server.app, '/api/work-orders', { type: 'emergency', deviceId: 'IM-1', title: 'Mold stuck', actor: 'lee' });
    expect(emergency.body).toMatchObject({ priority: 'P0', stopsLine: true });
    expect(emergency.body.priorityReasons).toEqual([
      'P0: score 12',
      'emergency order: the line is stopped (+4)',
      'criticality A device (+3)',
      'its line is down (+3)',
      'starves 2 downstream lines (+2)',
    ]);

    const fanNow = await order(fan.id);
    expect(fanNow.priority).toBe('P1');
    expect(priorityEntries(fanNow).map(({ at, actor, from, to, note }) => ({ at, actor, from, to, note }))).toEqual([
      {
        at: T0 + 10 * MINUTE,
        actor: 'system:priority',
        from: 'P4',
        to: 'P1',
        note:
          `line molding is down: ${emergency.body.number} stops it; raised from P4 to P1 (score 1 → 6); ` +
          'its line is down (+3); before: its line is running (+0); starves 2 downstream lines (+2); before: starves no downstream line (+0)',
      },
    ]);
    expect((await order(molder.id)).priority).toBe('P0');
    // The assembly line is starved, not down: its own orders keep their priority (see line-impact.ts).
    const downstreamNow = await order(downstream.id);
    expect(downstreamNow.priority).toBe('P3');
    expect(priorityEntries(downstreamNow)).toEqual([]);

    server.clock.now = T0 + 40 * MINUTE;
    await postJson(server.app, `/api/work-orders/${emergency.body.id}/transition`, { to: 'cancelled', note: 'mold freed by the setter' });
    const fanAfter = await order(fan.id);
    expect(fanAfter.priority).toBe('P4');
    expect(priorityEntries(fanAfter).at(-1)).toMatchObject({ at: T0 + 40 * MINUTE, from: 'P1', to: 'P4' });
    expect(priorityEntries(fanAfter).at(-1)?.note).toMatch(new RegExp(`^line molding no longer stopped by ${emergency.body.number} \\(cancelled\\); lowered from P1 to P4`));
  });

  it('an order marked as stopping a mid-chain line raises its line by the one line it starves', async () => {
    const conveyor = detect('CV-A1', 'warn', 'conveyor');
    await postJson(server.app, '/api/work-orders', { type: 'corrective', deviceId: 'CV-A1', title: 'Replace belt', stopsLine: true });
    expect((await order(conveyor.id)).priorityReasons).toEqual(['P1: score 6', 'warn severity (+1)', 'criticality B device (+1)', 'its line is down (+3)', 'starves 1 downstream line (+1)']);
  });

  it('a manual priority with a reason wins until it is cleared; recomputations meanwhile are noted', async () => {
    const fan = detect('F-1', 'warn', 'fan');
    server.clock.now = T0 + 5 * MINUTE;
    const reason = 'Fan ventilates the clean room; QA stops without it';
    const set = await putJson<WorkOrderDetailView>(server.app, `/api/work-orders/${fan.id}/priority`, { priority: 'P1', reason, actor: 'dana' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ priority: 'P1', priorityOverride: { priority: 'P1', reason, by: 'dana', at: T0 + 5 * MINUTE, computed: 'P4' } });
    expect(set.body.priorityReasons.slice(0, 2)).toEqual([`P1 set by hand by dana: ${reason}`, 'computed P4: score 1']);
    expect(priorityEntries(set.body).at(-1)).toMatchObject({ actor: 'dana', from: 'P4', to: 'P1', note: `raised from P4 to P1 by hand by dana: ${reason}; computed priority is P4 (score 1); it applies again once the override is cleared` });

    // The fault gets worse: the computed priority rises to P3, the manual P1 stays.
    server.clock.now = T0 + 10 * MINUTE;
    server.services.workOrders.handleAnomalyEvent(anomalyEvent({ type: 'escalated', deviceId: 'F-1', ruleId: 'class.fan.vibration', severity: 'alarm', value: 7.5 }));
    const escalated = await order(fan.id);
    expect(escalated).toMatchObject({ priority: 'P1', priorityOverride: { computed: 'P3' } });
    expect(priorityEntries(escalated).at(-1)?.note).toBe(
      'severity raised to alarm; computed priority raised from P4 to P3 (score 1 → 3), but the manual P1 set by dana stays until cleared; alarm severity (+3); before: warn severity (+1)',
    );

    server.clock.now = T0 + 20 * MINUTE;
    const cleared = await deleteJson<WorkOrderDetailView>(server.app, `/api/work-orders/${fan.id}/priority`, { actor: 'lee' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ priority: 'P3', priorityOverride: null, updatedAt: T0 + 20 * MINUTE });
    expect(priorityEntries(cleared.body).at(-1)).toMatchObject({ actor: 'lee', from: 'P1', to: 'P3' });
    expect(priorityEntries(cleared.body).at(-1)?.note).toMatch(/^lee cleared manual P1 \(set by dana\); back to computed P3 \(score 3\)/);

    // Nothing to clear: same answer, no new entry.
    const again = await deleteJson<WorkOrderDetailView>(server.app, `/api/work-orders/${fan.id}/priority`);
    expect(again.status).toBe(200);
    expect(priorityEntries(again.body)).toHaveLength(priorityEntries(cleared.body).length);
  });

  it('refuses a manual priority without a reason (400 naming reason), a bad priority, an unknown or finished order', async () => {
    const fan = detect('F-1', 'warn', 'fan');
    const missing = await putJson<ApiError>(server.app, `/api/work-orders/${fan.id}/priority`, { priority: 'P0' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues).toEqual([{ path: 'reason', message: 'is required: say why the computed priority is wrong' }]);
    const bad = await putJson<ApiError>(server.app, `/api/work-orders/${fan.id}/priority`, { priority: 'P9', reason: '  ', actor: 'x' });
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(['priority', 'reason']);
    const unknown = await putJson<ApiError>(server.app, `/api/work-orders/${fan.id}/priority`, { priority: 'P0', reason: 'urgent', by: 'x' });
    expect(unknown.body.error.issues).toEqual([{ path: 'by', message: 'is not a known field' }]);
    expect((await order(fan.id)).priority).toBe('P4');

    expect((await putJson<ApiError>(server.app, '/api/work-orders/999/priority', { priority: 'P0', reason: 'urgent' })).status).toBe(404);
    await postJson(server.app, `/api/work-orders/${fan.id}/transition`, { to: 'cancelled' });
    const finished = await putJson<ApiError>(server.app, `/api/work-orders/${fan.id}/priority`, { priority: 'P0', reason: 'urgent' });
    expect(finished.status).toBe(409);
    expect(finished.body.error.code).toBe('order-finished');
  });

  it('lists the most urgent first (newest first within a priority) and filters by priority', async () => {
    const fan = detect('F-1', 'alarm', 'fan'); // C: P3
    const molder = detect('IM-1', 'alarm', 'injection-molder'); // A: P1
    const conveyor = detect('CV-A1', 'alarm', 'conveyor'); // B: P2
    const packaging = detect('CV-P1', 'alarm', 'conveyor'); // C: P3
    const list = async (query: string) => (await getJson<Paged<WorkOrderView>>(server.app, `/api/work-orders${query}`)).body;
    expect((await list('')).items.map((o) => [o.id, o.priority])).toEqual([
      [molder.id, 'P1'],
      [conveyor.id, 'P2'],
      [packaging.id, 'P3'],
      [fan.id, 'P3'],
    ]);
    expect(await list('?priority=P0,P1')).toMatchObject({ total: 1, items: [{ id: molder.id }] });
    expect((await list('?priority=P3&status=open-like')).items.map((o) => o.id)).toEqual([packaging.id, fan.id]);
    expect((await list('?sort=newest')).items.map((o) => o.id)).toEqual([packaging.id, conveyor.id, molder.id, fan.id]);
  });

  it('takes line impact from the lookup it is given, recomputing when told the line changed', async () => {
    const impact = { lineId: 'assembly', lineDown: false, starvedLines: 0, stoppedBy: [] as string[] };
    const workOrders = createWorkOrderService({ database: server.database, bus: server.bus, now: () => server.clock.now, logger: silentLogger, lineImpactOf: () => impact });
    const id = workOrders.handleAnomalyEvent(anomalyEvent({ deviceId: 'CV-A1', ruleId: 'class.conveyor.vibration', value: 5 }))!.workOrder!.id;
    expect(workOrders.get(id).priority).toBe('P3');
    Object.assign(impact, { lineDown: true, starvedLines: 1 });
    server.clock.now = T0 + MINUTE;
    expect(workOrders.recomputeLinePriorities('assembly', 'assembly is down (line-state tracker)')).toEqual([id]);
    expect(priorityEntries(workOrders.get(id)).at(-1)).toMatchObject({ at: T0 + MINUTE, from: 'P3', to: 'P1' });
    expect(priorityEntries(workOrders.get(id)).at(-1)?.note).toMatch(/^assembly is down \(line-state tracker\); raised from P3 to P1 \(score 2 → 6\)/);
    expect(workOrders.recomputeLinePriorities('assembly', 'again')).toEqual([]);
  });

  it('computes the priority of unfinished orders stored before priorities existed', async () => {
    const fan = detect('F-1', 'alarm', 'fan');
    const { db } = server.database;
    db.update(workOrderTable).set({ priority: 'P4', priorityState: null }).where(eq(workOrderTable.id, fan.id)).run();
    expect((await order(fan.id)).priorityReasons).toEqual([]);
    expect(server.services.workOrders.backfillPriorities()).toBe(1);
    expect(await order(fan.id)).toMatchObject({ priority: 'P3', priorityReasons: ['P3: score 3', 'alarm severity (+3)', 'criticality C device (+0)', 'its line is running (+0)', 'starves no downstream line (+0)'] });
    expect(server.services.workOrders.backfillPriorities()).toBe(0);
  });
});
