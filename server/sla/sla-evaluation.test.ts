import { describe, expect, it } from 'vitest';
import { evaluateSla, type SlaOrder, type StatusChange } from './sla-evaluation';
import { DEFAULT_SLA_POLICY, slaPolicySchema } from './sla-policy';
import { workingCalendarSchema } from './working-calendar-schema';
import { HOUR_MS, MINUTE_MS } from './zoned-time';

/** Berlin, early March 2026 (CET, +01:00); 2026-03-02 is a Monday. */
const t = (local: string): number => Date.parse(`${local}+01:00`);
const h = (n: number): number => n * HOUR_MS;

/** Two shifts Monday to Friday, 06:00-22:00; nights and weekends off. */
const plant = workingCalendarSchema.parse({
  timeZone: 'Europe/Berlin',
  shifts: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '06:00', end: '14:00' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '14:00', end: '22:00' },
  ],
});

const policy = DEFAULT_SLA_POLICY; // P1: response 1 h, resolution 8 h working; P2: 4 h / 24 h working; P0: 15 min / 4 h always
const order = (o: Partial<SlaOrder> & Pick<SlaOrder, 'createdAt'>): SlaOrder => ({ priority: 'P1', acknowledgedAt: null, history: [], ...o });
const change = (local: string, status: StatusChange['status'], holdReason?: string): StatusChange => ({ at: t(local), status, holdReason });
const evaluate = (o: SlaOrder, now: string) => evaluateSla(policy, plant, o, t(now));

describe('SLA response target', () => {
  it('is met when acknowledged within the hour', () => {
    const r = evaluate(order({ createdAt: t('2026-03-02T10:00'), acknowledgedAt: t('2026-03-02T10:20') }), '2026-03-02T12:00').response;
    expect(r).toMatchObject({ state: 'met', clock: 'stopped', dueAt: t('2026-03-02T11:00'), elapsedWorkingMs: 20 * MINUTE_MS, stoppedAt: t('2026-03-02T10:20') });
  });

  it('is breached at the due instant passing without a response', () => {
    const o = order({ createdAt: t('2026-03-02T10:00') });
    expect(evaluate(o, '2026-03-02T11:00').response.state).toBe('warning');
    expect(evaluate(o, '2026-03-02T11:30').response).toMatchObject({ state: 'breached', breachedAt: t('2026-03-02T11:00'), remainingWorkingMs: -30 * MINUTE_MS });
  });

  it('counts assigning straight away as the response', () => {
    const o = order({ createdAt: t('2026-03-02T10:00'), history: [change('2026-03-02T11:10', 'assigned')] });
    expect(evaluate(o, '2026-03-02T12:00').response).toMatchObject({ state: 'met-late', stoppedAt: t('2026-03-02T11:10'), breachedAt: t('2026-03-02T11:00') });
  });

  it('waits for the next shift when raised at night', () => {
    const r = evaluate(order({ createdAt: t('2026-03-02T23:00') }), '2026-03-03T05:00').response;
    expect(r).toMatchObject({ state: 'ok', clock: 'running', elapsedWorkingMs: 0, dueAt: t('2026-03-03T07:00') });
  });
});

describe('SLA resolution target on working time', () => {
  const created = t('2026-03-02T10:00');
  const acked = order({ createdAt: created, acknowledgedAt: t('2026-03-02T10:20'), history: [change('2026-03-02T10:20', 'acknowledged')] });

  it('projects the due time through the shift plan', () => {
    expect(evaluate(acked, '2026-03-02T12:00').resolution).toMatchObject({
      state: 'ok',
      clock: 'running',
      elapsedWorkingMs: h(2),
      remainingWorkingMs: h(6),
      usedRatio: 0.25,
      dueAt: t('2026-03-02T18:00'),
    });
    // Raised at 20:00: two hours tonight, six tomorrow from 06:00.
    expect(evaluate(order({ createdAt: t('2026-03-02T20:00') }), '2026-03-03T08:00').resolution).toMatchObject({
      elapsedWorkingMs: h(4),
      dueAt: t('2026-03-03T12:00'),
    });
  });

  it('turns to warning at 75 % of the target used, not before', () => {
    expect(evaluate(acked, '2026-03-02T15:59').resolution.state).toBe('ok');
    expect(evaluate(acked, '2026-03-02T16:00').resolution).toMatchObject({ state: 'warning', usedRatio: 0.75 });
    const earlyWarning = slaPolicySchema.parse({ warningRatio: 0.5 });
    expect(evaluateSla(earlyWarning, plant, acked, t('2026-03-02T14:00')).resolution.state).toBe('warning');
  });

  it('is breached once the due time has passed', () => {
    expect(evaluate(acked, '2026-03-02T18:00').resolution.state).toBe('warning');
    expect(evaluate(acked, '2026-03-02T18:30').resolution).toMatchObject({
      state: 'breached',
      breachedAt: t('2026-03-02T18:00'),
      dueAt: t('2026-03-02T18:00'),
      remainingWorkingMs: -30 * MINUTE_MS,
    });
  });

  it('is met when resolved by the due time and met late after it; closing later changes nothing', () => {
    const resolvedAt = (local: string): SlaOrder => ({ ...acked, history: [...acked.history, change('2026-03-02T11:00', 'in-progress'), change(local, 'resolved')] });
    expect(evaluate(resolvedAt('2026-03-02T17:59'), '2026-03-03T12:00').resolution).toMatchObject({ state: 'met', clock: 'stopped', dueAt: t('2026-03-02T18:00') });
    expect(evaluate(resolvedAt('2026-03-02T18:00'), '2026-03-03T12:00').resolution.state).toBe('met');
    expect(evaluate(resolvedAt('2026-03-02T18:01'), '2026-03-03T12:00').resolution).toMatchObject({ state: 'met-late', breachedAt: t('2026-03-02T18:00') });
    const closed = resolvedAt('2026-03-02T17:00');
    closed.history = [...closed.history, change('2026-03-04T09:00', 'closed')];
    expect(evaluate(closed, '2026-03-05T12:00').resolution).toMatchObject({ state: 'met', stoppedAt: t('2026-03-02T17:00'), elapsedWorkingMs: h(7) });
  });

  it('calls a fix on Saturday late when it was due Friday 22:00, though no working time passed', () => {
    const friday = order({ createdAt: t('2026-03-06T14:00'), acknowledgedAt: t('2026-03-06T14:05'), history: [change('2026-03-06T14:05', 'in-progress')] });
    const onSaturday = { ...friday, history: [...friday.history, change('2026-03-07T09:00', 'resolved')] };
    expect(evaluate(onSaturday, '2026-03-09T08:00').resolution).toMatchObject({ state: 'met-late', elapsedWorkingMs: h(8), breachedAt: t('2026-03-06T22:00') });
    // And unresolved over the weekend it shows as breached all weekend.
    expect(evaluate(friday, '2026-03-08T12:00').resolution).toMatchObject({ state: 'breached', remainingWorkingMs: 0 });
  });
});

describe('SLA clock pausing', () => {
  // P2: resolution 24 h of working time.
  const base = order({
    priority: 'P2',
    createdAt: t('2026-03-02T06:00'),
    acknowledgedAt: t('2026-03-02T06:10'),
    history: [change('2026-03-02T06:10', 'acknowledged'), change('2026-03-02T07:00', 'in-progress'), change('2026-03-02T10:00', 'on-hold', 'waiting-for-parts')],
  });

  it('stops the resolution clock while waiting for parts and shows no due time', () => {
    expect(evaluate(base, '2026-03-03T12:00').resolution).toMatchObject({ clock: 'paused', elapsedWorkingMs: h(4), dueAt: null, state: 'ok' });
  });

  it('picks up where it left off when the parts arrive', () => {
    const resumed = { ...base, history: [...base.history, change('2026-03-04T10:00', 'in-progress')] };
    // 4 h on Monday + 2 h on Wednesday; 18 h left: Wed until 22:00 (10 h), Thu 06:00-14:00 (8 h).
    expect(evaluate(resumed, '2026-03-04T12:00').resolution).toMatchObject({ clock: 'running', elapsedWorkingMs: h(6), dueAt: t('2026-03-05T14:00') });
  });

  it('keeps counting for a hold reason the policy does not pause for', () => {
    const holdForApproval = { ...base, history: [...base.history.slice(0, 2), change('2026-03-02T10:00', 'on-hold', 'waiting-for-approval')] };
    expect(evaluate(holdForApproval, '2026-03-03T12:00').resolution).toMatchObject({ clock: 'running', elapsedWorkingMs: h(16 + 6) });
    const anyHold = slaPolicySchema.parse({ pauseResolutionWhen: [{ status: 'on-hold' }] });
    expect(evaluateSla(anyHold, plant, holdForApproval, t('2026-03-03T12:00')).resolution.clock).toBe('paused');
  });

  it('does not undo a breach that happened before the hold', () => {
    const late = order({
      createdAt: t('2026-03-02T06:00'),
      acknowledgedAt: t('2026-03-02T06:10'),
      history: [change('2026-03-02T06:10', 'in-progress'), change('2026-03-02T15:00', 'on-hold', 'waiting-for-parts')],
    });
    expect(evaluate(late, '2026-03-03T12:00').resolution).toMatchObject({ state: 'breached', clock: 'paused', breachedAt: t('2026-03-02T14:00'), dueAt: t('2026-03-02T14:00') });
  });

  it('does not count the time an order sat resolved before it was reopened', () => {
    const reopened = order({
      createdAt: t('2026-03-02T10:00'),
      acknowledgedAt: t('2026-03-02T10:00'),
      history: [change('2026-03-02T10:00', 'in-progress'), change('2026-03-02T12:00', 'resolved'), change('2026-03-03T12:00', 'in-progress')],
    });
    expect(evaluate(reopened, '2026-03-03T13:00').resolution).toMatchObject({ state: 'ok', clock: 'running', elapsedWorkingMs: h(3) });
  });
});

describe('SLA on the always-on clock (P0)', () => {
  it('counts nights and weekends in real time', () => {
    const p0 = order({ priority: 'P0', createdAt: t('2026-03-07T23:00'), acknowledgedAt: t('2026-03-07T23:20') });
    const e = evaluate(p0, '2026-03-08T02:00');
    expect(e.response).toMatchObject({ state: 'met-late', calendar: 'always', breachedAt: t('2026-03-07T23:15') });
    expect(e.resolution).toMatchObject({ state: 'warning', elapsedWorkingMs: h(3), dueAt: t('2026-03-08T03:00') });
  });

  it('measures real hours across the autumn clock change', () => {
    // 23:00 CEST + 4 real hours = 02:00 CET (the clock shows 03:00 -> 02:00 in between).
    const p0 = order({ priority: 'P0', createdAt: Date.parse('2026-10-24T23:00+02:00'), acknowledgedAt: Date.parse('2026-10-24T23:05+02:00') });
    const e = evaluateSla(policy, plant, p0, Date.parse('2026-10-25T02:30+01:00'));
    expect(e.resolution).toMatchObject({ state: 'breached', breachedAt: Date.parse('2026-10-25T02:00+01:00') });
  });
});

describe('cancelled orders', () => {
  it('stop their clocks where they were', () => {
    const cancelled = order({ createdAt: t('2026-03-02T10:00'), history: [change('2026-03-02T10:30', 'cancelled')] });
    const e = evaluate(cancelled, '2026-03-03T10:00');
    expect(e.response).toMatchObject({ clock: 'stopped', state: 'ok', stoppedAt: t('2026-03-02T10:30'), elapsedWorkingMs: 30 * MINUTE_MS });
    expect(e.resolution).toMatchObject({ clock: 'stopped', state: 'ok', elapsedWorkingMs: 30 * MINUTE_MS });
    expect(e.stall.stalled).toBe(false);
  });
});

describe('stalled orders', () => {
  // P2: stalled after one working day (8 h) without activity.
  const working = order({
    priority: 'P2',
    createdAt: t('2026-03-02T07:00'),
    acknowledgedAt: t('2026-03-02T07:30'),
    history: [change('2026-03-02T07:30', 'acknowledged'), change('2026-03-02T08:00', 'in-progress')],
    activityAt: [t('2026-03-02T09:00')],
  });

  it('flags an order nobody has touched for 8 working hours, and says since when', () => {
    expect(evaluate(working, '2026-03-02T16:59').stall.stalled).toBe(false);
    expect(evaluate(working, '2026-03-02T17:00').stall).toMatchObject({
      stalled: true,
      lastActivityAt: t('2026-03-02T09:00'),
      stalledAt: t('2026-03-02T17:00'),
      idleWorkingMs: h(8),
    });
  });

  it('does not count nights against it, and any activity resets it', () => {
    const overnight = { ...working, activityAt: [t('2026-03-02T18:00')] };
    expect(evaluate(overnight, '2026-03-03T08:00').stall).toMatchObject({ stalled: false, idleWorkingMs: h(6) });
    const touched = { ...working, activityAt: [t('2026-03-02T09:00'), t('2026-03-03T07:00')] };
    expect(evaluate(touched, '2026-03-03T09:00').stall).toMatchObject({ stalled: false, lastActivityAt: t('2026-03-03T07:00') });
  });

  it('leaves alone orders waiting for parts and orders nobody has acknowledged yet', () => {
    const waiting = { ...working, history: [...working.history, change('2026-03-02T09:30', 'on-hold', 'waiting-for-parts')] };
    expect(evaluate(waiting, '2026-03-04T12:00').stall.stalled).toBe(false);
    expect(evaluate(order({ priority: 'P2', createdAt: t('2026-03-02T07:00') }), '2026-03-04T12:00').stall.stalled).toBe(false);
  });
});
