import { describe, expect, it } from 'vitest';
import { lineDowntime, type RecordedState } from './line-downtime';

const MIN = 60_000;
const at = (minute: number, to: RecordedState['to'], cause: RecordedState['cause'] = null, causeRef: string | null = null): RecordedState => ({ at: minute * MIN, to, cause, causeRef });

describe('line downtime', () => {
  it('adds up time per state inside the window, clipping the change in force at its start', () => {
    const changes = [at(-30, 'running'), at(10, 'down', 'work-order', 'WO-1'), at(25, 'running'), at(40, 'starved', 'work-order', 'WO-2'), at(50, 'degraded', 'anomaly', '7')];
    const totals = lineDowntime(changes, 0, 60 * MIN);
    expect(totals.stateMs).toEqual({ running: 25 * MIN, down: 15 * MIN, starved: 10 * MIN, degraded: 10 * MIN, blocked: 0, 'no-data': 0 });
    expect(totals.lostMs).toBe(25 * MIN);
    expect(totals.byCause).toEqual([
      { cause: 'work-order', ref: 'WO-1', downMs: 15 * MIN, starvedMs: 0, blockedMs: 0, totalMs: 15 * MIN },
      { cause: 'work-order', ref: 'WO-2', downMs: 0, starvedMs: 10 * MIN, blockedMs: 0, totalMs: 10 * MIN },
    ]);
    expect(totals.byCauseKind).toEqual([{ cause: 'work-order', ref: null, downMs: 15 * MIN, starvedMs: 10 * MIN, blockedMs: 0, totalMs: 25 * MIN }]);
  });

  it('counts nothing before the first change and nothing after the window', () => {
    const totals = lineDowntime([at(20, 'blocked', 'device-stopped', 'M-1'), at(90, 'running')], 0, 60 * MIN);
    expect(totals.stateMs.blocked).toBe(40 * MIN);
    expect(Object.values(totals.stateMs).reduce((a, b) => a + b)).toBe(40 * MIN);
    expect(totals.byCause).toEqual([{ cause: 'device-stopped', ref: 'M-1', downMs: 0, starvedMs: 0, blockedMs: 40 * MIN, totalMs: 40 * MIN }]);
  });

  it('sorts causes biggest first and keeps a same-state change of cause apart', () => {
    const totals = lineDowntime([at(0, 'down', 'work-order', 'WO-1'), at(5, 'down', 'work-order', 'WO-2'), at(30, 'down', 'device-stopped', 'M-1')], 0, 40 * MIN);
    expect(totals.byCause.map((c) => [c.ref, c.totalMs / MIN])).toEqual([['WO-2', 25], ['M-1', 10], ['WO-1', 5]]);
    expect(totals.byCauseKind.map((c) => [c.cause, c.totalMs / MIN])).toEqual([['work-order', 30], ['device-stopped', 10]]);
  });

  it('is all zero for no changes or an empty window', () => {
    expect(lineDowntime([], 0, MIN).lostMs).toBe(0);
    expect(lineDowntime([at(0, 'down', 'work-order', 'WO-1')], 5 * MIN, 5 * MIN)).toMatchObject({ lostMs: 0, byCause: [] });
  });
});
