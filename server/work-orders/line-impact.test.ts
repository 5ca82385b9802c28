import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainPlant } from '../testing/test-database';
import { createTestServer, type TestServer } from '../testing/test-server';
import { createLineImpact, linesDownstream } from './line-impact';

describe('linesDownstream', () => {
  it('follows feeds transitively, nearest first, each line once', () => {
    const feeds = [
      { fromLine: 'a', toLine: 'b' },
      { fromLine: 'a', toLine: 'c' },
      { fromLine: 'b', toLine: 'd' },
      { fromLine: 'c', toLine: 'd' },
      { fromLine: 'x', toLine: 'a' },
    ];
    expect(linesDownstream(feeds, 'a')).toEqual(['b', 'c', 'd']);
    expect(linesDownstream(feeds, 'c')).toEqual(['d']);
    expect(linesDownstream(feeds, 'd')).toEqual([]);
  });

  it('stops at a cycle instead of looping', () => {
    const feeds = [
      { fromLine: 'a', toLine: 'b' },
      { fromLine: 'b', toLine: 'a' },
    ];
    expect(linesDownstream(feeds, 'a')).toEqual(['b']);
  });
});

describe('createLineImpact (open orders that stop lines)', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer({ plant: chainPlant() });
  });
  afterEach(() => server.close());

  it('a line is down while an open order stops it, and then starves every line downstream', () => {
    const impact = createLineImpact(server.database);
    expect(impact('CV-A1')).toEqual({ lineId: 'assembly', lineDown: false, starvedLines: 0, stoppedBy: [] });

    const { workOrders } = server.services;
    const marked = workOrders.create({ type: 'corrective', deviceId: 'CV-A1', title: 'Replace belt', stopsLine: true });
    workOrders.create({ type: 'corrective', deviceId: 'CV-A1', title: 'Grease rollers' });
    expect(impact('CV-A1')).toEqual({ lineId: 'assembly', lineDown: true, starvedLines: 1, stoppedBy: [marked.number] });
    expect(impact('IM-1')).toMatchObject({ lineDown: false, starvedLines: 0 });
    expect(impact('CV-P1')).toMatchObject({ lineDown: false, starvedLines: 0 });

    const emergency = workOrders.create({ type: 'emergency', deviceId: 'F-1', title: 'Fan on fire' });
    expect(impact('IM-1')).toEqual({ lineId: 'molding', lineDown: true, starvedLines: 2, stoppedBy: [emergency.number] });

    workOrders.transition(marked.id, { to: 'acknowledged' });
    workOrders.transition(marked.id, { to: 'in-progress' });
    workOrders.transition(marked.id, { to: 'on-hold', holdReason: 'waiting-for-parts' });
    expect(impact('CV-A1').lineDown).toBe(true);
    workOrders.transition(marked.id, { to: 'cancelled' });
    expect(impact('CV-A1')).toMatchObject({ lineDown: false, starvedLines: 0, stoppedBy: [] });
  });
});
