import { describe, expect, it } from 'vitest';
import type { TimelineEntryView } from '../../../server/http/api-types';
import { actorName, describeTimelineEntry, groupTimeline, sortTimeline } from './timeline-text';

const entry = (patch: Partial<TimelineEntryView>): TimelineEntryView => ({
  id: 1,
  workOrderId: 1,
  at: 0,
  actor: 'dana',
  kind: 'status',
  from: null,
  to: null,
  holdReason: null,
  note: null,
  ...patch,
});

describe('describeTimelineEntry', () => {
  it('labels status changes', () => {
    expect(describeTimelineEntry(entry({ from: 'open', to: 'in-progress' }))).toEqual({
      action: 'changed status',
      from: 'Open',
      to: 'In progress',
      detail: null,
    });
  });
  it('labels severity changes up and down', () => {
    expect(describeTimelineEntry(entry({ kind: 'severity', from: 'warn', to: 'alarm' })).action).toBe('raised severity');
    expect(describeTimelineEntry(entry({ kind: 'severity', from: 'alarm', to: 'warn' })).action).toBe('lowered severity');
  });
  it('labels the other kinds', () => {
    expect(describeTimelineEntry(entry({ kind: 'created', to: 'open' })).action).toBe('opened the work order');
    expect(describeTimelineEntry(entry({ kind: 'comment', note: 'hi' })).action).toBe('commented');
    expect(describeTimelineEntry(entry({ kind: 'occurrence' })).action).toBe('saw the fault again');
    expect(describeTimelineEntry(entry({ kind: 'outcome', to: 'no-fault-found' }))).toEqual({ action: 'recorded the outcome', from: null, to: 'No fault found', detail: null });
    expect(describeTimelineEntry(entry({ kind: 'recurrence', from: 'WO-2026-000001', to: 'WO-2026-000009' })).to).toBe('WO-2026-000009');
    expect(describeTimelineEntry(entry({ kind: 'assignment', from: null, to: 'anna' }))).toEqual({ action: 'assigned the order', from: null, to: 'anna', detail: null });
    expect(describeTimelineEntry(entry({ kind: 'assignment', from: 'jonas', to: 'anna' })).action).toBe('reassigned the order');
  });
});

describe('priority, SLA and hold entries', () => {
  it('says the hold reason after the status change', () => {
    expect(describeTimelineEntry(entry({ from: 'in-progress', to: 'on-hold', holdReason: 'waiting-for-parts' }))).toEqual({
      action: 'changed status',
      from: 'In progress',
      to: 'On hold',
      detail: 'Waiting for parts',
    });
  });
  it('says which way the priority went', () => {
    expect(describeTimelineEntry(entry({ kind: 'priority', from: null, to: 'P2' }))).toMatchObject({ action: 'set the priority', to: 'P2' });
    expect(describeTimelineEntry(entry({ kind: 'priority', from: 'P2', to: 'P0' })).action).toBe('raised the priority');
    expect(describeTimelineEntry(entry({ kind: 'priority', from: 'P1', to: 'P3' })).action).toBe('lowered the priority');
  });
  it('spells out SLA notifications and their target', () => {
    expect(describeTimelineEntry(entry({ kind: 'sla', from: 'resolution', to: 'escalate-supervisor' }))).toMatchObject({
      action: 'escalated to the supervisor',
      detail: 'Resolution target',
    });
    expect(describeTimelineEntry(entry({ kind: 'sla', from: null, to: 'flag-stalled' }))).toMatchObject({ action: 'flagged the order as stalled', detail: null });
  });
});

describe('sortTimeline / actorName', () => {
  it('sorts oldest first, then by id', () => {
    const sorted = sortTimeline([entry({ id: 3, at: 5 }), entry({ id: 2, at: 1 }), entry({ id: 1, at: 5 })]);
    expect(sorted.map((e) => e.id)).toEqual([2, 1, 3]);
  });
  it('spells out machine actors', () => {
    expect(actorName('detector')).toBe('Condition monitoring');
    expect(actorName('Dana Ortiz')).toBe('Dana Ortiz');
  });
});

describe('groupTimeline', () => {
  it('folds consecutive occurrences and keeps everything else', () => {
    const items = groupTimeline([
      entry({ id: 1, at: 1, kind: 'created', to: 'open' }),
      entry({ id: 2, at: 2, kind: 'occurrence' }),
      entry({ id: 3, at: 3, kind: 'occurrence' }),
      entry({ id: 4, at: 4, kind: 'occurrence' }),
      entry({ id: 5, at: 5, kind: 'status', from: 'open', to: 'acknowledged' }),
      entry({ id: 6, at: 6, kind: 'occurrence' }),
    ]);
    expect(items.map((i) => [i.entry.id, i.count, i.lastAt])).toEqual([
      [1, 1, 1],
      [2, 3, 4],
      [5, 1, 5],
      [6, 1, 6],
    ]);
  });
});
