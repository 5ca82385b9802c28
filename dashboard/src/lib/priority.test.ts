import { describe, expect, it } from 'vitest';
import type { WorkOrderView } from '../../../server/http/api-types';
import { compareQueueOrder, matchesPriorities, parsePriorityFilter, priorityRank, togglePriority } from './priority';

const wo = (id: number, priority: WorkOrderView['priority'], createdAt = id * 1000) => ({ id, priority, createdAt }) as WorkOrderView;

describe('queue order', () => {
  it('puts the most urgent priority first, newest first within it', () => {
    const items = [wo(1, 'P2'), wo(2, 'P0', 500), wo(3, 'P2'), wo(4, 'P4'), wo(5, 'P0')];
    expect(items.sort(compareQueueOrder).map((o) => o.id)).toEqual([5, 2, 3, 1, 4]);
  });
  it('breaks a tie in time by id and sorts unknown priorities last', () => {
    expect([wo(1, 'P1', 0), wo(2, 'P1', 0)].sort(compareQueueOrder).map((o) => o.id)).toEqual([2, 1]);
    expect(priorityRank(undefined)).toBe(5);
    expect([wo(1, undefined as never), wo(2, 'P4', 0)].sort(compareQueueOrder).map((o) => o.id)).toEqual([2, 1]);
  });
});

describe('priority filter', () => {
  it('parses a comma list in priority order, ignoring junk', () => {
    expect(parsePriorityFilter('P2,p0,P9,P2')).toEqual(['P0', 'P2']);
    expect(parsePriorityFilter('')).toEqual([]);
    expect(parsePriorityFilter(null)).toEqual([]);
  });
  it('toggles one priority; all five is the same as none', () => {
    expect(togglePriority([], 'P1')).toEqual(['P1']);
    expect(togglePriority(['P1', 'P3'], 'P0')).toEqual(['P0', 'P1', 'P3']);
    expect(togglePriority(['P1'], 'P1')).toEqual([]);
    expect(togglePriority(['P0', 'P1', 'P2', 'P3'], 'P4')).toEqual([]);
  });
  it('matches everything when empty', () => {
    expect(matchesPriorities(wo(1, 'P3'), [])).toBe(true);
    expect(matchesPriorities(wo(1, 'P3'), ['P0', 'P1'])).toBe(false);
    expect(matchesPriorities(wo(1, 'P1'), ['P0', 'P1'])).toBe(true);
  });
});
