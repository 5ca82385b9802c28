import { describe, expect, it } from 'vitest';
import type { DeviceView, LineView } from '../../../server/http/api-types';
import { groupDevicesByLine, lineName, livenessAt, summarizeFleet } from './device-grouping';

const device = (id: string, lineId: string, patch: Partial<DeviceView> = {}): DeviceView => ({
  id,
  name: id,
  siteId: 's',
  lineId,
  agentId: 'edge',
  class: 'pump',
  criticality: 'B',
  ratedCurrent: 20,
  insulationClass: 'F',
  foundation: 'rigid',
  lastSeenAt: null,
  runningHours: 0,
  liveness: 'online',
  activeAnomalies: 0,
  openWorkOrders: 0,
  ...patch,
});
const line = (id: string, name: string): LineView => ({ id, siteId: 's', name, feeds: [], deviceIds: [] });

describe('groupDevicesByLine', () => {
  it('follows the line order, skips empty lines, and puts unknown lines last', () => {
    const groups = groupDevicesByLine(
      [device('b1', 'B'), device('x1', 'X'), device('a2', 'A'), device('a1', 'A', { openWorkOrders: 2 })],
      [line('A', 'Line A'), line('B', 'Line B'), line('C', 'Line C')],
    );
    expect(groups.map((g) => [g.lineName, g.devices.map((d) => d.id)])).toEqual([
      ['Line A', ['a1', 'a2']],
      ['Line B', ['b1']],
      ['X', ['x1']],
    ]);
  });
  it('names lines', () => {
    expect(lineName([line('A', 'Line A')], 'A')).toBe('Line A');
    expect(lineName([], 'Z')).toBe('Z');
  });
});

describe('livenessAt', () => {
  it('derives liveness from last-seen time', () => {
    expect(livenessAt(null, 0)).toBe('never-seen');
    expect(livenessAt(0, 119_999)).toBe('online');
    expect(livenessAt(0, 120_000)).toBe('stale');
    expect(livenessAt(0, 15 * 60_000)).toBe('offline');
  });
});

describe('summarizeFleet', () => {
  it('counts by liveness and anomalies', () => {
    const s = summarizeFleet([device('a', 'A'), device('b', 'A', { liveness: 'offline', activeAnomalies: 2 })]);
    expect(s.total).toBe(2);
    expect(s.byLiveness).toEqual({ online: 1, stale: 0, offline: 1, 'never-seen': 0 });
    expect(s.withAnomalies).toBe(1);
  });
});
