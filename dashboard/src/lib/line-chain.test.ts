import { describe, expect, it } from 'vitest';
import type { LineChainLink, LineEffect, LineReason } from '../../../server/http/api-types';
import { causeSentence, chainSteps, lineCause } from './line-chain';

const MIN = 60_000;
const now = Date.UTC(2026, 10, 22, 12, 0); // 13:00 in Berlin
const o = { now, timeZone: 'Europe/Berlin' };

const wo = (patch: Partial<Extract<LineChainLink, { kind: 'work-order' }>> = {}): LineChainLink => ({
  kind: 'work-order',
  id: 87,
  number: 'WO-2026-000087',
  type: 'corrective',
  status: 'in-progress',
  title: 'Mold repair',
  severity: 'alarm',
  stopsLine: true,
  assignee: 'Dana Ortiz',
  expectedFinish: now + 90 * MIN,
  ...patch,
});
const self = (state: LineEffect): LineChainLink => ({ kind: 'line', id: 'c', name: 'Line C', state });
const device: LineChainLink = { kind: 'device', id: 'IM-B1', name: 'Injection molder B1' };

describe('causeSentence', () => {
  it('walks a starved line back through its feeders to the order', () => {
    const reason: LineReason = { effect: 'starved', cause: 'work-order', chain: [self('starved'), { kind: 'line', id: 'b', name: 'Line B', state: 'down' }, device, wo()] };
    expect(causeSentence(reason, o)).toBe('Waiting for Line B → IM-B1 → WO-2026-000087 in progress, ETA 14:30');
  });
  it('says blocked by for a downstream stop, and a stop of its device', () => {
    const reason: LineReason = { effect: 'blocked', cause: 'device-stopped', chain: [self('blocked'), { kind: 'line', id: 'd', name: 'Packaging D', state: 'down' }, device, { kind: 'device-stopped' }] };
    expect(causeSentence(reason, o)).toBe('Blocked by Packaging D → IM-B1 stopped');
  });
  it('marks an overdue ETA and leaves it out when unknown', () => {
    const late: LineReason = { effect: 'down', cause: 'work-order', chain: [self('down'), device, wo({ expectedFinish: now - 10 * MIN })] };
    expect(causeSentence(late, o)).toBe('IM-B1 → WO-2026-000087 in progress, ETA 12:50 (overdue)');
    const none: LineReason = { effect: 'down', cause: 'work-order', chain: [self('down'), device, wo({ status: 'open', expectedFinish: null })] };
    expect(causeSentence(none, o)).toBe('IM-B1 → WO-2026-000087 open');
  });
  it('says anomalies and silence of the device', () => {
    const anomaly: LineReason = { effect: 'degraded', cause: 'anomaly', chain: [self('degraded'), device, { kind: 'anomaly', id: 3, metric: 'vibration', severity: 'alarm', failureMode: 'vibration-high', startedAt: now - 58 * MIN }] };
    expect(causeSentence(anomaly, o)).toBe('IM-B1: vibration alarm since 12:02');
    const silent: LineReason = { effect: 'no-data', cause: 'device-silent', chain: [self('no-data'), device, { kind: 'device-silent', liveness: 'offline', lastSeenAt: now - 20 * MIN }] };
    expect(causeSentence(silent, o)).toBe('IM-B1 silent since 12:40');
    const never: LineReason = { effect: 'no-data', cause: 'device-silent', chain: [self('no-data'), device, { kind: 'device-silent', liveness: 'never-seen', lastSeenAt: null }] };
    expect(causeSentence(never, o)).toBe('IM-B1 never reported');
  });
  it('explains a line without devices', () => {
    expect(causeSentence({ effect: 'no-data', cause: 'no-devices', chain: [self('no-data')] }, o)).toBe('No devices configured on this line');
  });
  it('adds how many more reasons there are', () => {
    const r: LineReason = { effect: 'down', cause: 'device-stopped', chain: [self('down'), device, { kind: 'device-stopped' }] };
    expect(lineCause({ reasons: [r, r, r] }, o)).toBe('IM-B1 stopped (+2 more)');
    expect(lineCause({ reasons: [] }, o)).toBe('');
  });
});

describe('chainSteps', () => {
  it('gives each link a step: line, line, device, work order with status, assignee and finish', () => {
    const steps = chainSteps([self('starved'), { kind: 'line', id: 'b', name: 'Line B', state: 'down' }, device, wo({ assignee: null })], o);
    expect(steps.map((s) => s.kind)).toEqual(['line', 'line', 'device', 'work-order']);
    expect(steps[1]).toMatchObject({ title: 'Line B', detail: 'Down', effect: 'down', href: '#/map?line=b' });
    expect(steps[2]).toMatchObject({ title: 'Injection molder B1', detail: 'IM-B1', href: '#/devices/IM-B1' });
    expect(steps[3]).toMatchObject({
      title: 'WO-2026-000087',
      detail: 'Mold repair',
      href: '#/work-orders/87',
      status: 'in-progress',
      facts: [
        ['Status', 'In progress'],
        ['Assignee', 'unassigned'],
        ['Expected finish', '14:30'],
      ],
    });
  });
  it('describes the other root causes', () => {
    const steps = chainSteps(
      [
        { kind: 'anomaly', id: 1, metric: 'temperature', severity: 'warn', failureMode: 'overheating', startedAt: now - 5 * MIN },
        { kind: 'device-stopped' },
        { kind: 'device-silent', liveness: 'never-seen', lastSeenAt: null },
      ],
      o,
    );
    expect(steps.map((s) => [s.title, s.detail])).toEqual([
      ['Temperature warn', 'Overheating, since 12:55'],
      ['Machine stopped', 'The machine reports itself stopped'],
      ['Not reporting', 'Never seen by the gateway'],
    ]);
  });
});
