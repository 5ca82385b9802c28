import { describe, expect, it } from 'vitest';
import { decideEscalations, formatDuration, type EscalationContacts } from './escalation';
import { evaluateSla, type SlaOrder, type StatusChange } from './sla-evaluation';
import { DEFAULT_SLA_POLICY } from './sla-policy';
import { workingCalendarSchema } from './working-calendar-schema';
import { HOUR_MS, MINUTE_MS } from './zoned-time';

/** Berlin, early March 2026 (CET); 2026-03-02 is a Monday. */
const t = (local: string): number => Date.parse(`${local}+01:00`);
const plant = workingCalendarSchema.parse({
  timeZone: 'Europe/Berlin',
  shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '06:00', end: '22:00' }],
});
const change = (local: string, status: StatusChange['status'], holdReason?: string): StatusChange => ({ at: t(local), status, holdReason });
const people: EscalationContacts = { assignee: 'kim', planner: 'pat', supervisor: 'sam' };

/** P1 (response 1 h, resolution 8 h working), acknowledged and in progress since 10:00 Monday: due 18:00. */
const p1: SlaOrder = {
  priority: 'P1',
  createdAt: t('2026-03-02T10:00'),
  acknowledgedAt: t('2026-03-02T10:00'),
  history: [change('2026-03-02T10:00', 'in-progress')],
  activityAt: [t('2026-03-02T10:00'), t('2026-03-02T12:00'), t('2026-03-02T14:00'), t('2026-03-02T16:00'), t('2026-03-02T18:00')],
};

const decide = (order: SlaOrder, now: number, notified: Iterable<string> = [], contacts = people) =>
  decideEscalations({
    workOrder: { number: 'WO-2026-000042' },
    evaluation: evaluateSla(DEFAULT_SLA_POLICY, plant, order, now),
    contacts,
    alreadyNotified: notified,
    timeZone: 'Europe/Berlin',
  });

describe('escalation', () => {
  it('warns the assignee once 75 % of the target is used, and only once', () => {
    const first = decide(p1, t('2026-03-02T16:00'));
    expect(first).toEqual([
      {
        kind: 'warn-assignee',
        target: 'resolution',
        key: 'warn-assignee:resolution:P1',
        to: ['kim'],
        cc: [],
        at: t('2026-03-02T16:00'),
        message: 'WO-2026-000042 (P1): 6 h of the 8 h resolution target used (working time); due 2026-03-02 18:00 (Europe/Berlin)',
      },
    ]);
    expect(decide(p1, t('2026-03-02T17:00'), first.map((a) => a.key))).toEqual([]);
  });

  it('warns the planner while nobody is assigned', () => {
    const actions = decide(p1, t('2026-03-02T16:00'), [], { ...people, assignee: null });
    expect(actions.map((a) => a.to)).toEqual([['pat']]);
  });

  it('escalates a breach to the supervisor with the assignee in copy, without a late warning', () => {
    expect(decide(p1, t('2026-03-02T18:30'))).toEqual([
      {
        kind: 'escalate-supervisor',
        target: 'resolution',
        key: 'escalate-supervisor:resolution:P1',
        to: ['sam'],
        cc: ['kim'],
        at: t('2026-03-02T18:00'),
        message: 'WO-2026-000042 (P1): resolution target of 8 h working time missed at 2026-03-02 18:00 (Europe/Berlin); assigned to kim',
      },
    ]);
  });

  it('sends each notification exactly once when run every 10 minutes through a day', () => {
    const unanswered: SlaOrder = { priority: 'P1', createdAt: t('2026-03-02T10:00'), acknowledgedAt: null, history: [] };
    const sent: Array<{ key: string; at: number }> = [];
    for (let now = t('2026-03-02T10:00'); now <= t('2026-03-03T10:00'); now += 10 * MINUTE_MS) {
      for (const action of decide(unanswered, now, sent.map((s) => s.key), { ...people, assignee: null })) sent.push({ key: action.key, at: now });
    }
    expect(sent).toEqual([
      { key: 'warn-assignee:response:P1', at: t('2026-03-02T10:50') }, // 45 of 60 min used at 10:45; first run after
      { key: 'escalate-supervisor:response:P1', at: t('2026-03-02T11:10') }, // due 11:00, breached after it
      { key: 'warn-assignee:resolution:P1', at: t('2026-03-02T16:00') },
      { key: 'escalate-supervisor:resolution:P1', at: t('2026-03-02T18:10') },
    ]);
  });

  it('stays quiet about stopped clocks, even a target met late', () => {
    const resolvedLate = { ...p1, history: [...p1.history, change('2026-03-02T19:00', 'resolved')] };
    expect(decide(resolvedLate, t('2026-03-02T20:00'))).toEqual([]);
  });

  it('escalates again when a priority change breaches the new, tighter target', () => {
    const asP2 = { ...p1, priority: 'P2' as const };
    const escalatedOnce = decide(p1, t('2026-03-02T18:30')).map((a) => a.key);
    expect(decide(asP2, t('2026-03-02T18:30'), escalatedOnce)).toEqual([]); // P2: 4 h response met, 24 h resolution not yet warned
    expect(decide(p1, t('2026-03-02T19:00'), escalatedOnce)).toEqual([]);
    const asP0 = decide({ ...p1, priority: 'P0' }, t('2026-03-02T19:00'), escalatedOnce);
    expect(asP0.filter((a) => a.kind === 'escalate-supervisor').map((a) => a.key)).toEqual(['escalate-supervisor:resolution:P0']);
  });

  it('flags a stalled order to the planner once per quiet spell', () => {
    // P2 stalls after 8 working hours without activity.
    const quiet: SlaOrder = { ...p1, priority: 'P2', activityAt: [t('2026-03-02T11:00')] };
    const first = decide(quiet, t('2026-03-02T19:00'));
    expect(first).toEqual([
      {
        kind: 'flag-stalled',
        target: null,
        key: `flag-stalled:${t('2026-03-02T11:00')}`,
        to: ['pat'],
        cc: ['kim'],
        at: t('2026-03-02T19:00'),
        message: 'WO-2026-000042 (P2): no activity since 2026-03-02 11:00 (Europe/Berlin) (8 h of working time)',
      },
    ]);
    expect(decide(quiet, t('2026-03-02T21:00'), first.map((a) => a.key))).toEqual([]);
    const touchedThenQuiet = { ...quiet, activityAt: [t('2026-03-02T11:00'), t('2026-03-03T07:00')] };
    const later = decide(touchedThenQuiet, t('2026-03-03T15:00'), first.map((a) => a.key));
    expect(later.filter((a) => a.kind === 'flag-stalled').map((a) => a.key)).toEqual([`flag-stalled:${t('2026-03-03T07:00')}`]);
  });

  it('says the clock is paused in a warning while waiting for parts', () => {
    const waiting = { ...p1, history: [...p1.history, change('2026-03-02T16:30', 'on-hold', 'waiting-for-parts')] };
    const [warning] = decide(waiting, t('2026-03-02T17:00'));
    expect(warning?.message).toBe('WO-2026-000042 (P1): 6 h 30 min of the 8 h resolution target used (working time); clock paused, 1 h 30 min left');
  });

  it('writes durations the way people say them', () => {
    expect([45 * MINUTE_MS, 6 * HOUR_MS, 6.5 * HOUR_MS].map(formatDuration)).toEqual(['45 min', '6 h', '6 h 30 min']);
  });
});
