import { describe, expect, it } from 'vitest';
import { MIN, noDataRule, T0 } from './kind-test-rules';
import { NoDataDetector } from './no-data-detector';

describe('no data (deadman)', () => {
  it('raises warn after the timeout without a sample, escalates to alarm, clears on the next sample', () => {
    const d = new NoDataDetector(noDataRule());
    d.observe(T0, 61);
    expect(d.tick(T0 + 4 * MIN)).toBeNull();
    const raised = d.tick(T0 + 5 * MIN);
    expect(raised).toMatchObject({ type: 'raised', severity: 'warn', startedAt: T0, ts: T0 + 5 * MIN, value: 61, limit: 300, kind: 'no-data' });
    expect(raised!.detail).toBe('no sample for 5 min (warn after 300 s, alarm after 1800 s)');
    expect(d.tick(T0 + 10 * MIN)).toBeNull();
    expect(d.tick(T0 + 30 * MIN)).toMatchObject({ type: 'escalated', severity: 'alarm', startedAt: T0 });
    expect(d.tick(T0 + 40 * MIN)).toBeNull();
    expect(d.observe(T0 + 41 * MIN, 60)).toMatchObject({ type: 'cleared', severity: 'alarm', ts: T0 + 41 * MIN, startedAt: T0 });
    expect(d.active).toBeNull();
    // Re-armed: counts from the new sample.
    expect(d.tick(T0 + 45 * MIN)).toBeNull();
    expect(d.tick(T0 + 46 * MIN)).toMatchObject({ type: 'raised', startedAt: T0 + 41 * MIN });
  });

  it('counts from the first tick for a device that never sent anything', () => {
    const d = new NoDataDetector(noDataRule());
    expect(d.tick(T0)).toBeNull();
    expect(d.tick(T0 + 5 * MIN)).toMatchObject({ type: 'raised', startedAt: T0 });
  });

  it('raises straight at alarm when the first tick after silence is past the alarm timeout', () => {
    const d = new NoDataDetector(noDataRule());
    d.observe(T0, 61);
    expect(d.tick(T0 + 31 * MIN)).toMatchObject({ type: 'raised', severity: 'alarm' });
  });

  it('keeps quiet while samples keep coming', () => {
    const d = new NoDataDetector(noDataRule());
    for (let m = 0; m < 120; m++) {
      expect(d.observe(T0 + m * MIN, 60)).toBeNull();
      expect(d.tick(T0 + m * MIN + 30_000)).toBeNull();
    }
  });
});
