import { describe, expect, it } from 'vitest';
import type { SlaTargetView, WorkOrderSlaView } from '../../../server/http/api-types';
import { currentTarget, slaTargetRows, summarizeSla, targetState, usedPercent } from './sla-format';

const H = 3_600_000;
const now = Date.UTC(2026, 10, 22, 12, 0); // 13:00 in Berlin

function target(patch: Partial<SlaTargetView> = {}): SlaTargetView {
  return {
    state: 'ok',
    clock: 'running',
    dueAt: now + 1.5 * H,
    targetMs: 4 * H,
    calendar: 'working',
    elapsedWorkingMs: 2.5 * H,
    remainingWorkingMs: 1.5 * H,
    usedRatio: 0.625,
    breachedAt: null,
    stoppedAt: null,
    ...patch,
  };
}

function sla(response: Partial<SlaTargetView>, resolution: Partial<SlaTargetView> = {}): WorkOrderSlaView {
  return {
    priority: 'P1',
    timeZone: 'Europe/Berlin',
    evaluatedAt: now,
    response: target(response),
    resolution: target(resolution),
    stalled: false,
    lastActivityAt: now,
    stalledAt: null,
  };
}

const ctx = { now, viewerZone: 'Europe/Berlin' };

describe('the queue chip', () => {
  it('follows the response target until someone responds', () => {
    expect(currentTarget(sla({})).name).toBe('response');
    expect(currentTarget(sla({ clock: 'stopped', state: 'met' })).name).toBe('resolution');
  });
  it('gives the due time in the site zone', () => {
    expect(summarizeSla(sla({}), ctx)).toMatchObject({ state: 'ok', label: 'On track', text: 'Respond by 14:30' });
  });
  it('names the site zone for a viewer elsewhere', () => {
    expect(summarizeSla(sla({}), { now, viewerZone: 'America/Chicago' }).text).toBe('Respond by 14:30 CET');
  });
  it('says how much is used when at risk', () => {
    const s = summarizeSla(sla({ clock: 'stopped', state: 'met' }, { state: 'warning', usedRatio: 0.82 }), ctx);
    expect(s).toMatchObject({ state: 'warning', target: 'resolution', label: 'At risk', text: 'Resolve by 14:30 · 82 % used' });
  });
  it('counts the overrun of a breach from the missed due time', () => {
    const s = summarizeSla(sla({ state: 'breached', dueAt: now - 0.5 * H, breachedAt: now - 0.5 * H, usedRatio: 1.2 }), ctx);
    expect(s).toMatchObject({ state: 'breached', label: 'Breached', text: 'Respond: overdue 30 min (due 12:30)' });
  });
  it('reads paused while on hold, unless already breached', () => {
    const paused = sla({ clock: 'stopped', state: 'met' }, { clock: 'paused', dueAt: null });
    expect(summarizeSla(paused, ctx)).toMatchObject({ state: 'paused', text: 'Resolution clock paused (on hold)' });
    expect(targetState(target({ clock: 'paused', state: 'breached' }))).toBe('breached');
  });
  it('reads breached once a running clock passes its due time, before the server re-evaluates', () => {
    const late = sla({ dueAt: now - 5 * 60_000 });
    expect(summarizeSla(late, ctx)).toMatchObject({ state: 'breached', text: 'Respond: overdue 5 min (due 12:55)' });
    expect(targetState(target({ dueAt: now - 1 }))).toBe('ok');
  });
  it('reports met and met late once stopped', () => {
    const done = (state: 'met' | 'met-late') => summarizeSla(sla({ clock: 'stopped', state: 'met' }, { clock: 'stopped', state }), ctx).text;
    expect(done('met')).toBe('Resolved in time');
    expect(done('met-late')).toBe('Resolved late');
  });
});

describe('the detail rows', () => {
  it('give length, due, used and what is left', () => {
    const [response, resolution] = slaTargetRows(sla({ clock: 'stopped', state: 'met', stoppedAt: now - H }, { clock: 'paused', dueAt: null, usedRatio: 0.3 }), ctx);
    expect(response).toMatchObject({ label: 'Response', state: 'met', length: '4 h working time', due: '14:30', note: 'Clock stopped 12:00' });
    expect(resolution).toMatchObject({ state: 'paused', due: '—', used: '30 %', fill: 0.3, clock: 'paused' });
    expect(slaTargetRows(sla({}), ctx)[0]!.note).toBe('1 h 30 min left (working time)');
    expect(slaTargetRows(sla({ remainingWorkingMs: -20 * 60_000, calendar: 'always' }), ctx)[0]!.note).toBe('Overrun by 20 min');
  });
  it('rounds the used share and never shows it negative', () => {
    expect(usedPercent(0.6249)).toBe('62 %');
    expect(usedPercent(-0.1)).toBe('0 %');
  });
});
