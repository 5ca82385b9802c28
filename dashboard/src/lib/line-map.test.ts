import { describe, expect, it } from 'vitest';
import type { LineReason, LineStateView } from '../../../server/http/api-types';
import { applyLineState, countByState, countsInOrder, orderTiles, tileText, timeInState } from './line-map';

const MIN = 60_000;
const now = Date.UTC(2026, 10, 22, 12, 0); // 13:00 in Berlin

function line(id: string, state: LineStateView['state'], sinceMinAgo: number, reasons: LineReason[] = []): LineStateView {
  return { id, name: `Line ${id}`, siteId: 'plant-1', state, since: now - sinceMinAgo * MIN, reasons, chain: reasons[0]?.chain ?? [] };
}

const starvedReason: LineReason = {
  effect: 'starved',
  cause: 'work-order',
  chain: [
    { kind: 'line', id: 'assembly', name: 'Assembly line C', state: 'starved' },
    { kind: 'line', id: 'utilities', name: 'Utilities', state: 'down' },
    { kind: 'device', id: 'P-104', name: 'Cooling water pump 2' },
    { kind: 'work-order', id: 1, number: 'WO-2026-000001', type: 'corrective', status: 'in-progress', title: 'Mold repair', severity: 'alarm', stopsLine: true, assignee: null, expectedFinish: now + 90 * MIN },
  ],
};

describe('tile text', () => {
  it('says state, time in state and the root cause', () => {
    expect(tileText(line('assembly', 'starved', 12, [starvedReason]), { now, timeZone: 'Europe/Berlin' })).toEqual({
      word: 'Starved',
      duration: '12 min',
      status: 'starved 12 min',
      cause: 'Waiting for Utilities → P-104 → WO-2026-000001 in progress, ETA 14:30',
    });
  });
  it('says nothing about causes while running', () => {
    expect(tileText(line('a', 'running', 125), { now })).toMatchObject({ word: 'Running', duration: '2 h 5 min', cause: '' });
  });
  it('does not flicker seconds, and treats a future since as just now', () => {
    expect(timeInState(now - 30_000, now)).toBe('< 1 min');
    expect(timeInState(now + 5 * MIN, now)).toBe('< 1 min');
  });
});

describe('tile order', () => {
  const lines = [line('a', 'running', 5), line('b', 'degraded', 30), line('c', 'down', 3), line('d', 'starved', 2), line('e', 'down', 40), line('f', 'no-data', 1)];
  it('keeps line order by default, so tiles keep their places', () => {
    expect(orderTiles(lines, 'line').map((l) => l.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
  it('puts problems first, longest-standing first within a state', () => {
    expect(orderTiles(lines, 'state').map((l) => l.id)).toEqual(['e', 'c', 'f', 'd', 'b', 'a']);
  });
  it('counts lines per state, most urgent first', () => {
    expect(countByState(lines)).toEqual({ running: 1, degraded: 1, down: 2, starved: 1, blocked: 0, 'no-data': 1 });
    expect(countsInOrder(countByState(lines))).toEqual([['down', 2], ['no-data', 1], ['starved', 1], ['degraded', 1], ['running', 1]]);
  });
});

describe('live line-state events', () => {
  it('replace the line in place and keep the others', () => {
    const lines = [line('a', 'running', 5), line('b', 'running', 5)];
    const next = line('b', 'down', 0);
    const updated = applyLineState(lines, next);
    expect(updated.map((l) => l.state)).toEqual(['running', 'down']);
    expect(updated[0]).toBe(lines[0]);
    expect(updated[1]).toBe(next);
  });
  it('append a line the map did not know', () => {
    expect(applyLineState([line('a', 'running', 5)], line('z', 'no-data', 0)).map((l) => l.id)).toEqual(['a', 'z']);
  });
});
