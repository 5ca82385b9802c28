import { afterEach, describe, expect, it } from 'vitest';
import { testPlant } from '../testing/test-database';
import { anomalyEvent, createTestServer, getJson, T0, type TestServer } from '../testing/test-server';
import type { WorkOrderDetailView } from './work-order-views';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Berlin is UTC+1 in March (summer time starts on the 29th). */
const berlin = (day: number, hour: number, minute = 0) => Date.UTC(2026, 2, day, hour - 1, minute);

/** The test plant's site works the default: Mon-Fri 06:00-22:00 in Berlin. 2026-03-13 is a Friday. */
describe('SLA of work orders, read with the clock', () => {
  let server: TestServer;
  afterEach(() => server.close());

  const at = (t: number) => {
    server.clock.now = t;
  };
  const sla = async (id: number) => (await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${id}`)).body.sla;
  /** A warn on the criticality-A pump: P2 (response 4 h, resolution 24 h of working time). */
  const warnOrder = () => server.services.workOrders.handleAnomalyEvent(anomalyEvent({ ts: server.clock.now }))!.workOrder!.id;
  /** An alarm on it: P1 (response 1 h, resolution 8 h, stalled after 2 h of working time). */
  const alarmOrder = () => server.services.workOrders.handleAnomalyEvent(anomalyEvent({ ts: server.clock.now, severity: 'alarm', value: 4.7, limit: 4.5 }))!.workOrder!.id;

  it('counts only working time overnight: warning, then breached at the missed due instant', async () => {
    server = createTestServer();
    at(berlin(10, 20)); // Tuesday 20:00, two hours before the late shift ends
    const id = warnOrder();

    at(berlin(10, 21));
    expect(await sla(id)).toMatchObject({
      priority: 'P2',
      timeZone: 'Europe/Berlin',
      evaluatedAt: berlin(10, 21),
      response: { state: 'ok', clock: 'running', calendar: 'working', targetMs: 4 * HOUR, elapsedWorkingMs: HOUR, dueAt: berlin(11, 8) },
      stalled: false,
    });

    at(berlin(11, 3)); // the night: nothing more used
    expect((await sla(id)).response).toMatchObject({ state: 'ok', elapsedWorkingMs: 2 * HOUR, usedRatio: 0.5, dueAt: berlin(11, 8) });

    at(berlin(11, 7)); // 3 of 4 h: warning
    expect((await sla(id)).response).toMatchObject({ state: 'warning', usedRatio: 0.75 });

    at(berlin(11, 8, 30));
    const late = await sla(id);
    expect(late.response).toMatchObject({ state: 'breached', breachedAt: berlin(11, 8), dueAt: berlin(11, 8), remainingWorkingMs: -30 * MINUTE });
    // Resolution: 2 h on Tuesday + 2.5 h on Wednesday of 24 h; 13.5 h more on Wednesday, the last 6 h on Thursday.
    expect(late.resolution).toMatchObject({ state: 'ok', clock: 'running', elapsedWorkingMs: 4.5 * HOUR, dueAt: berlin(12, 12) });

    server.services.workOrders.transition(id, { to: 'acknowledged' });
    at(berlin(11, 9));
    expect((await sla(id)).response).toMatchObject({ state: 'met-late', clock: 'stopped', stoppedAt: berlin(11, 8, 30), breachedAt: berlin(11, 8) });
  });

  it('stands still over the weekend; a quiet weekend does not make an order stalled until Monday', async () => {
    server = createTestServer();
    at(berlin(13, 21)); // Friday 21:00
    const id = alarmOrder();
    at(berlin(13, 21, 30));
    server.services.workOrders.transition(id, { to: 'acknowledged' });

    at(berlin(14, 12)); // Saturday noon
    const saturday = await sla(id);
    expect(saturday).toMatchObject({ priority: 'P1', stalled: false, lastActivityAt: berlin(13, 21, 30) });
    expect(saturday.response).toMatchObject({ state: 'met', stoppedAt: berlin(13, 21, 30) });
    // 8 h: Friday 21:00-22:00, then Monday 06:00-13:00.
    expect(saturday.resolution).toMatchObject({ state: 'ok', clock: 'running', elapsedWorkingMs: HOUR, dueAt: berlin(16, 13) });

    at(berlin(15, 20)); // Sunday evening: the same
    expect((await sla(id)).resolution).toMatchObject({ elapsedWorkingMs: HOUR, dueAt: berlin(16, 13) });
    expect((await sla(id)).stalled).toBe(false);

    at(berlin(16, 8)); // Monday 08:00: 30 min on Friday + 2 h today without activity
    expect(await sla(id)).toMatchObject({ stalled: true, stalledAt: berlin(16, 7, 30) });
    expect((await sla(id)).resolution).toMatchObject({ state: 'ok', elapsedWorkingMs: 3 * HOUR, usedRatio: 0.375 });
  });

  it("uses the site's calendar from the plant file: a Saturday morning shift and a Monday holiday", async () => {
    const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'];
    server = createTestServer({
      plant: testPlant({
        shifts: [
          { days: weekdays, start: '06:00', end: '22:00' },
          { name: 'saturday', days: ['sat'], start: '06:00', end: '12:00' },
        ],
        holidays: ['2026-03-16'],
      }),
    });
    at(berlin(13, 21));
    const id = alarmOrder();
    at(berlin(14, 11));
    // 1 h on Friday + 5 h on Saturday of 8 h; 1 h left on Saturday, Monday is a holiday, the last hour on Tuesday.
    expect((await sla(id)).resolution).toMatchObject({ elapsedWorkingMs: 6 * HOUR, state: 'warning', dueAt: berlin(17, 7) });
  });

  it('pauses the resolution clock while on hold waiting for parts, not while waiting for approval', async () => {
    server = createTestServer();
    const id = warnOrder(); // T0 = Tuesday 09:00
    const { workOrders } = server.services;
    at(T0 + 10 * MINUTE);
    workOrders.transition(id, { to: 'acknowledged' });
    at(T0 + 20 * MINUTE);
    workOrders.transition(id, { to: 'in-progress' });
    at(T0 + HOUR);
    workOrders.transition(id, { to: 'on-hold', holdReason: 'waiting-for-parts' });

    at(T0 + 5 * HOUR);
    const held = await sla(id);
    expect(held.response).toMatchObject({ state: 'met', clock: 'stopped' });
    expect(held.resolution).toMatchObject({ state: 'ok', clock: 'paused', elapsedWorkingMs: HOUR, dueAt: null });
    expect(held.stalled).toBe(false);

    workOrders.transition(id, { to: 'in-progress' });
    at(T0 + 6 * HOUR); // Tuesday 15:00: 2 of 24 h used; 7 h today, 15 h on Wednesday
    expect((await sla(id)).resolution).toMatchObject({ clock: 'running', elapsedWorkingMs: 2 * HOUR, dueAt: berlin(11, 21) });

    workOrders.transition(id, { to: 'on-hold', holdReason: 'waiting-for-approval' });
    at(T0 + 8 * HOUR);
    expect((await sla(id)).resolution).toMatchObject({ clock: 'running', elapsedWorkingMs: 4 * HOUR });
  });
});
