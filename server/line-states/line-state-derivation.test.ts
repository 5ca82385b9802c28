import { describe, expect, it } from 'vitest';
import type { LineChainLink, LineReason } from '../http/api-types';
import { deriveLineStates, orderEffect, rootRef, type AnomalyFact, type DeviceFacts, type LineFacts, type LinePolicy, type OrderFact } from './line-state-derivation';

const T = Date.UTC(2026, 2, 10, 8, 0, 0);

const device = (id: string, over: Partial<DeviceFacts> = {}): DeviceFacts => ({ id, name: `Device ${id}`, anomalies: [], orders: [], ...over });
const offline = (lastSeenAt = T - 3_600_000): DeviceFacts['silent'] => ({ liveness: 'offline', lastSeenAt });
const neverSeen: DeviceFacts['silent'] = { liveness: 'never-seen', lastSeenAt: null };

const order = (over: Partial<OrderFact> = {}): OrderFact => ({
  id: 87,
  number: 'WO-2026-000087',
  type: 'corrective',
  status: 'in-progress',
  title: 'Mold repair',
  severity: 'alarm',
  stopsLine: false,
  assignee: null,
  dueAt: null,
  ...over,
});

const anomaly = (over: Partial<AnomalyFact> = {}): AnomalyFact => ({ id: 5, metric: 'vibration', severity: 'warn', failureMode: 'vibration-high', startedAt: T - 60_000, ...over });

const line = (id: string, feeds: string[] = [], devices: DeviceFacts[] = [device(`${id}1`)], policy?: Partial<LinePolicy>): LineFacts => ({
  id,
  name: `Line ${id}`,
  feeds,
  devices,
  ...(policy && { policy }),
});

/** A line whose only device carries a line-stopping order with this number. */
const downLine = (id: string, feeds: string[] = [], n = 87): LineFacts =>
  line(id, feeds, [device(`${id}1`, { orders: [order({ id: n, number: `WO-2026-0000${n}`, stopsLine: true })] })]);

const derive = (lines: LineFacts[]) => new Map(deriveLineStates(lines).map((s) => [s.id, s]));
const states = (lines: LineFacts[]) => Object.fromEntries(deriveLineStates(lines).map((s) => [s.id, s.state]));
/** A chain as short labels: "B:down", "device:B1", "WO-2026-000087". */
const path = (chain: LineChainLink[]) =>
  chain.map((l) => (l.kind === 'line' ? `${l.id}:${l.state}` : l.kind === 'device' ? `device:${l.id}` : l.kind === 'work-order' ? l.number : l.kind));
const paths = (reasons: LineReason[]) => reasons.map((r) => `${r.effect} ${path(r.chain).join(' > ')}`);

describe('line state from its own devices', () => {
  it('runs with no reasons when nothing is wrong', () => {
    expect(deriveLineStates([line('A')])).toEqual([{ id: 'A', state: 'running', reasons: [] }]);
  });

  it('is down for an open emergency order, an open line-stopping order or a stopped device', () => {
    const emergency = line('A', [], [device('A1', { orders: [order({ type: 'emergency', status: 'open', dueAt: T + 3_600_000 })] })]);
    const stopping = line('B', [], [device('B1', { orders: [order({ stopsLine: true })] })]);
    const stopped = line('C', [], [device('C1', { stopped: true })]);
    const result = derive([emergency, stopping, stopped]);
    expect(result.get('A')).toEqual({
      id: 'A',
      state: 'down',
      reasons: [
        {
          effect: 'down',
          cause: 'work-order',
          chain: [
            { kind: 'line', id: 'A', name: 'Line A', state: 'down' },
            { kind: 'device', id: 'A1', name: 'Device A1' },
            { kind: 'work-order', id: 87, number: 'WO-2026-000087', type: 'emergency', status: 'open', title: 'Mold repair', severity: 'alarm', stopsLine: true, assignee: null, expectedFinish: T + 3_600_000 },
          ],
        },
      ],
    });
    expect(result.get('B')!.state).toBe('down');
    expect(result.get('C')!.reasons).toEqual([{ effect: 'down', cause: 'device-stopped', chain: [{ kind: 'line', id: 'C', name: 'Line C', state: 'down' }, { kind: 'device', id: 'C1', name: 'Device C1' }, { kind: 'device-stopped' }] }]);
  });

  it.each([
    ['emergency, open', order({ type: 'emergency', status: 'open' }), 'down'],
    ['stops the line, on hold', order({ stopsLine: true, status: 'on-hold' }), 'down'],
    ['stops the line, resolved', order({ stopsLine: true, status: 'resolved' }), null],
    ['emergency, cancelled', order({ type: 'emergency', status: 'cancelled' }), null],
    ['potential fault, open', order({ type: 'potential-fault', status: 'open' }), 'degraded'],
    ['corrective, acknowledged', order({ status: 'acknowledged' }), 'degraded'],
    ['preventive, assigned (a plan)', order({ type: 'preventive', status: 'assigned' }), null],
    ['preventive, in progress', order({ type: 'preventive', status: 'in-progress' }), 'degraded'],
    ['inspection, open (a plan)', order({ type: 'inspection', status: 'open' }), null],
    ['corrective, closed', order({ status: 'closed' }), null],
  ] as const)('an order that is %s -> %s', (_, o, effect) => {
    expect(orderEffect(o)).toBe(effect);
    expect(states([line('A', [], [device('A1', { orders: [o] })])]).A).toBe(effect ?? 'running');
  });

  it('is degraded by an active anomaly, with the anomaly at the end of the chain', () => {
    const [state] = deriveLineStates([line('A', [], [device('A1', { anomalies: [anomaly({ severity: 'alarm' })] })])]);
    expect(state).toEqual({
      id: 'A',
      state: 'degraded',
      reasons: [
        {
          effect: 'degraded',
          cause: 'anomaly',
          chain: [
            { kind: 'line', id: 'A', name: 'Line A', state: 'degraded' },
            { kind: 'device', id: 'A1', name: 'Device A1' },
            { kind: 'anomaly', id: 5, metric: 'vibration', severity: 'alarm', failureMode: 'vibration-high', startedAt: T - 60_000 },
          ],
        },
      ],
    });
  });

  it('has no data when every device is silent or it has no devices; some silent devices degrade it', () => {
    const silent = line('A', [], [device('A1', { silent: offline() }), device('A2', { silent: neverSeen })]);
    const partly = line('B', [], [device('B1', { silent: offline() }), device('B2')]);
    const empty = line('D', [], []);
    const result = derive([silent, partly, empty]);
    expect(result.get('A')!.state).toBe('no-data');
    expect(result.get('A')!.reasons.map((r) => [r.effect, r.cause, r.chain.at(-1)])).toEqual([
      ['no-data', 'device-silent', { kind: 'device-silent', liveness: 'offline', lastSeenAt: T - 3_600_000 }],
      ['no-data', 'device-silent', { kind: 'device-silent', liveness: 'never-seen', lastSeenAt: null }],
    ]);
    expect(result.get('B')!.state).toBe('degraded');
    expect(paths(result.get('B')!.reasons)).toEqual(['degraded B:degraded > device:B1 > device-silent']);
    expect(result.get('D')!.reasons).toEqual([{ effect: 'no-data', cause: 'no-devices', chain: [{ kind: 'line', id: 'D', name: 'Line D', state: 'no-data' }] }]);
  });

  it('ranks down over no-data over degraded, keeping every reason, emergency orders first', () => {
    const a = line('A', [], [
      device('A1', { silent: offline(), anomalies: [anomaly()], orders: [order({ id: 2, number: 'WO-2', type: 'potential-fault' }), order({ id: 3, number: 'WO-3', stopsLine: true })] }),
      device('A2', { silent: neverSeen, orders: [order({ id: 4, number: 'WO-4', type: 'emergency' })] }),
    ]);
    const [state] = deriveLineStates([a]);
    expect(state!.state).toBe('down');
    expect(paths(state!.reasons)).toEqual([
      'down A:down > device:A1 > WO-3',
      'down A:down > device:A2 > WO-4',
      'no-data A:no-data > device:A1 > device-silent',
      'no-data A:no-data > device:A2 > device-silent',
      'degraded A:degraded > device:A1 > WO-2',
      'degraded A:degraded > device:A1 > anomaly',
    ]);
  });
});

describe('disturbance propagation', () => {
  it('a down line starves the line it feeds and blocks the line feeding it, each chain ending at the work order', () => {
    const result = derive([line('A', ['B']), downLine('B', ['C']), line('C')]);
    expect([...result.values()].map((s) => [s.id, s.state])).toEqual([['A', 'blocked'], ['B', 'down'], ['C', 'starved']]);
    expect(result.get('C')!.reasons).toEqual([
      {
        effect: 'starved',
        cause: 'work-order',
        chain: [
          { kind: 'line', id: 'C', name: 'Line C', state: 'starved' },
          { kind: 'line', id: 'B', name: 'Line B', state: 'down' },
          { kind: 'device', id: 'B1', name: 'Device B1' },
          { kind: 'work-order', id: 87, number: 'WO-2026-000087', type: 'corrective', status: 'in-progress', title: 'Mold repair', severity: 'alarm', stopsLine: true, assignee: null, expectedFinish: null },
        ],
      },
    ]);
    expect(paths(result.get('A')!.reasons)).toEqual(['blocked A:blocked > B:down > device:B1 > WO-2026-000087']);
  });

  it('propagates down a serial chain and up it, through starved and blocked lines', () => {
    const starving = derive([downLine('A', ['B']), line('B', ['C']), line('C', ['D']), line('D')]);
    expect(paths(starving.get('D')!.reasons)).toEqual(['starved D:starved > C:starved > B:starved > A:down > device:A1 > WO-2026-000087']);
    const blocking = derive([line('A', ['B']), line('B', ['C']), downLine('C')]);
    expect(paths(blocking.get('A')!.reasons)).toEqual(['blocked A:blocked > B:blocked > C:down > device:C1 > WO-2026-000087']);
  });

  it('in a diamond, names a root cause once, by the first of the equally short paths', () => {
    // A feeds B and C; both feed D.
    const diamond = (a: LineFacts, d: LineFacts) => derive([a, line('B', ['D']), line('C', ['D']), d]);
    const topDown = diamond(downLine('A', ['B', 'C']), line('D'));
    expect(states([downLine('A', ['B', 'C']), line('B', ['D']), line('C', ['D']), line('D')])).toEqual({ A: 'down', B: 'starved', C: 'starved', D: 'starved' });
    expect(paths(topDown.get('D')!.reasons)).toEqual(['starved D:starved > B:starved > A:down > device:A1 > WO-2026-000087']);

    const bottomDown = diamond(line('A', ['B', 'C']), downLine('D'));
    expect([...bottomDown.values()].map((s) => s.state)).toEqual(['blocked', 'blocked', 'blocked', 'down']);
    expect(paths(bottomDown.get('A')!.reasons)).toEqual(['blocked A:blocked > B:blocked > D:down > device:D1 > WO-2026-000087']);
  });

  it('prefers the shorter chain to the same root cause', () => {
    // A feeds B and D directly; B feeds C feeds D.
    const result = derive([downLine('A', ['B', 'D']), line('B', ['C']), line('C', ['D']), line('D')]);
    expect(paths(result.get('D')!.reasons)).toEqual(['starved D:starved > A:down > device:A1 > WO-2026-000087']);
  });

  it('starves a line with several feeders when any feeder is down, or only when all are with all-feeders', () => {
    const merge = (policy?: Partial<LinePolicy>, bDown = false) => [downLine('A', ['C'], 1), bDown ? downLine('B', ['C'], 2) : line('B', ['C']), line('C', [], undefined, policy)];
    expect(states(merge()).C).toBe('starved');
    expect(states(merge({ starvedWhen: 'all-feeders' })).C).toBe('running');
    const both = derive(merge({ starvedWhen: 'all-feeders' }, true)).get('C')!;
    expect(both.state).toBe('starved');
    expect(paths(both.reasons)).toEqual(['starved C:starved > A:down > device:A1 > WO-2026-00001', 'starved C:starved > B:down > device:B1 > WO-2026-00002']);
  });

  it('blocks a line feeding several lines only when all are down or blocked, or when any is with any-downstream', () => {
    const split = (policy?: Partial<LinePolicy>, cDown = false) => [line('A', ['B', 'C'], undefined, policy), downLine('B', [], 1), cDown ? downLine('C', [], 2) : line('C')];
    expect(states(split()).A).toBe('running');
    expect(states(split({ blockedWhen: 'any-downstream' })).A).toBe('blocked');
    expect(paths(derive(split(undefined, true)).get('A')!.reasons)).toEqual([
      'blocked A:blocked > B:down > device:B1 > WO-2026-00001',
      'blocked A:blocked > C:down > device:C1 > WO-2026-00002',
    ]);
  });

  it('ranks a line that is down itself above starved, and starved above blocked, keeping the other reasons', () => {
    const result = derive([downLine('A', ['B'], 1), downLine('B', ['C'], 2), line('C', ['D'], [device('C1', { anomalies: [anomaly()] })]), downLine('D', [], 3)]);
    expect(result.get('B')!.state).toBe('down');
    expect(paths(result.get('B')!.reasons)).toEqual([
      'down B:down > device:B1 > WO-2026-00002',
      'starved B:starved > A:down > device:A1 > WO-2026-00001',
      'blocked B:blocked > C:blocked > D:down > device:D1 > WO-2026-00003',
    ]);
    // C is starved by B, blocked by D and degraded by its anomaly; starved wins.
    expect(result.get('C')!.state).toBe('starved');
    expect(result.get('C')!.reasons.map((r) => r.effect)).toEqual(['starved', 'blocked', 'degraded']);
    // Downstream sees B's own cause, not the one B inherited.
    expect(paths(result.get('C')!.reasons).at(0)).toBe('starved C:starved > B:down > device:B1 > WO-2026-00002');
  });

  it('shows no-data over starved, and a silent line passes on what starves it', () => {
    const result = derive([downLine('A', ['B']), line('B', ['C'], [device('B1', { silent: offline() })]), line('C')]);
    expect(result.get('B')!.state).toBe('no-data');
    expect(result.get('B')!.reasons.map((r) => r.effect)).toEqual(['no-data', 'starved']);
    expect(paths(result.get('C')!.reasons)).toEqual(['starved C:starved > B:starved > A:down > device:A1 > WO-2026-000087']);
  });

  it('does not spread no-data or degraded to neighbours', () => {
    const silent = line('A', ['B'], [device('A1', { silent: neverSeen })]);
    const degraded = line('C', ['D'], [device('C1', { anomalies: [anomaly()] })]);
    expect(states([silent, line('B'), degraded, line('D'), line('E', ['C'])])).toEqual({ A: 'no-data', B: 'running', C: 'degraded', D: 'running', E: 'running' });
  });

  it('ignores self-feeds and unknown lines, terminates on a cycle, and gives the same answer twice', () => {
    expect(states([downLine('A', ['A', 'ghost', 'B']), line('B')])).toEqual({ A: 'down', B: 'starved' });
    const cyclic = [downLine('A', ['B']), line('B', ['C']), line('C', ['B'])];
    expect(deriveLineStates(cyclic).map((s) => s.state)).toEqual(['down', 'starved', 'starved']);
    const plant = [line('A', ['B', 'C']), downLine('B', ['D']), line('C', ['D']), line('D', ['E']), line('E')];
    expect(deriveLineStates(plant)).toEqual(deriveLineStates(plant));
  });
});

describe('rootRef', () => {
  it('names the order, the anomaly, the device or the line at the end of the chain', () => {
    const [a, b, c] = deriveLineStates([
      line('A', [], [device('A1', { orders: [order()], anomalies: [anomaly({ id: 9 })], silent: offline() }), device('A2')]),
      line('B', [], [device('B1', { stopped: true })]),
      line('C', [], []),
    ]);
    expect(a!.reasons.map(rootRef)).toEqual(['WO-2026-000087', 'A1', '9']);
    expect(b!.reasons.map(rootRef)).toEqual(['B1']);
    expect(c!.reasons.map(rootRef)).toEqual(['C']);
  });
});
