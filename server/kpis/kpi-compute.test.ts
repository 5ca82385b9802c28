import { describe, expect, it } from 'vitest';
import type { WorkOrderStatus } from '../http/api-types';
import { computeKpis, dayEnds, DAY_MS, type KpiInput, type KpiOrder, type KpiStatusEvent } from './kpi-compute';

const D0 = Date.UTC(2026, 2, 1);
const H = 3_600_000;
const MIN = 60_000;

let nextId = 1;
function order(o: Partial<KpiOrder> = {}): KpiOrder {
  return {
    id: nextId++,
    type: 'corrective',
    status: 'open',
    priority: 'P2',
    createdAt: D0,
    resolvedAt: null,
    outcome: null,
    ruleId: null,
    sla: { response: { state: 'ok', stoppedAt: null }, resolution: { state: 'ok', stoppedAt: null } },
    ...o,
  };
}
const ev = (o: KpiOrder, at: number, to: WorkOrderStatus): KpiStatusEvent => ({ workOrderId: o.id, at, to });
const input = (i: Partial<KpiInput>): KpiInput => ({ from: D0, to: D0 + 10 * DAY_MS, devices: 1, orders: [], statusEvents: [], ...i });

describe('computeKpis', () => {
  it('MTTA: mean of created → first move to acknowledged/assigned/in-progress, for moves in the window', () => {
    const a = order({ createdAt: D0 + H });
    const b = order({ createdAt: D0 + 2 * H });
    const cancelled = order({ createdAt: D0 + H });
    const late = order({ createdAt: D0 + 9 * DAY_MS });
    const k = computeKpis(
      input({
        orders: [a, b, cancelled, late],
        statusEvents: [
          ev(a, D0 + H + 10 * MIN, 'acknowledged'),
          ev(a, D0 + H + 50 * MIN, 'in-progress'),
          // straight to assigned: that is the first move out of open
          ev(b, D0 + 2 * H + 40 * MIN, 'in-progress'),
          ev(b, D0 + 2 * H + 30 * MIN, 'assigned'),
          ev(cancelled, D0 + 2 * H, 'cancelled'),
          // acknowledged after the window's end
          ev(late, D0 + 10 * DAY_MS + MIN, 'acknowledged'),
        ],
      }),
    );
    expect(k.mtta).toEqual({ ms: 20 * MIN, count: 2 });
  });

  it('MTTR: mean of created → resolved_at for repair orders resolved in the window; null without any', () => {
    const orders = [
      order({ createdAt: D0, resolvedAt: D0 + 2 * H }),
      order({ createdAt: D0 + H, resolvedAt: D0 + 5 * H }),
      order({ createdAt: D0 - DAY_MS, resolvedAt: D0 - H }),
      order({ createdAt: D0 + H, resolvedAt: null }),
      // Planned work, opened days ahead of its due date: not a repair.
      order({ type: 'preventive', createdAt: D0 - 6 * DAY_MS, resolvedAt: D0 + 3 * H }),
    ];
    expect(computeKpis(input({ orders })).mttr).toEqual({ ms: 3 * H, count: 2 });
    expect(computeKpis(input({ orders: [] })).mttr).toEqual({ ms: null, count: 0 });
  });

  it('MTBF = (window × devices) / confirmed failures recorded in the window', () => {
    const confirmed = (recordedAt: number) => order({ outcome: { kind: 'confirmed', recordedAt } });
    const orders = [
      confirmed(D0 + DAY_MS),
      confirmed(D0 + 2 * DAY_MS),
      confirmed(D0 + 3 * DAY_MS),
      confirmed(D0 + 4 * DAY_MS),
      confirmed(D0 + 11 * DAY_MS),
      order({ outcome: { kind: 'no-fault-found', recordedAt: D0 + DAY_MS } }),
    ];
    expect(computeKpis(input({ orders, devices: 2 })).mtbf).toEqual({ ms: 5 * DAY_MS, failures: 4, devices: 2, observedMs: 10 * DAY_MS });
    expect(computeKpis(input({ orders: [], devices: 2 })).mtbf.ms).toBeNull();
  });

  it('SLA attainment: met / (met + missed), met-late as missed, cancelled clocks and stops outside the window not counted', () => {
    const stopped = (state: 'met' | 'met-late' | 'ok' | 'breached', at: number) => ({ state, stoppedAt: at });
    const orders = [
      order({ sla: { response: stopped('met', D0 + H), resolution: stopped('met', D0 + 5 * H) } }),
      order({ sla: { response: stopped('met', D0 + H), resolution: stopped('met-late', D0 + 5 * H) } }),
      order({ sla: { response: stopped('met-late', D0 + H), resolution: stopped('breached', D0 + 5 * H) } }),
      order({ sla: { response: stopped('met', D0 - H), resolution: { state: 'warning', stoppedAt: null } } }),
    ];
    const k = computeKpis(input({ orders }));
    expect(k.slaAttainment.response).toEqual({ met: 2, missed: 1, ratio: 2 / 3 });
    expect(k.slaAttainment.resolution).toEqual({ met: 1, missed: 1, ratio: 0.5 });
  });

  it('backlog: open at the end of each UTC day, reconstructed from creation and the status timeline', () => {
    const x = order({ createdAt: D0 + 6 * H, status: 'resolved', priority: 'P1' });
    const y = order({ createdAt: D0 + DAY_MS + 12 * H, status: 'open', priority: 'P1' });
    const z = order({ createdAt: D0 + 2 * DAY_MS + H, status: 'cancelled', priority: 'P3' });
    const w = order({ createdAt: D0 + DAY_MS + H, status: 'in-progress', priority: 'P3' });
    const to = D0 + 3 * DAY_MS + 12 * H;
    const k = computeKpis(
      input({
        to,
        orders: [x, y, z, w],
        statusEvents: [
          ev(x, D0 + DAY_MS + 10 * H, 'in-progress'),
          ev(x, D0 + DAY_MS + 11 * H, 'resolved'),
          ev(z, D0 + 2 * DAY_MS + 5 * H, 'cancelled'),
          ev(w, D0 + DAY_MS + 2 * H, 'in-progress'),
          ev(w, D0 + DAY_MS + 13 * H, 'resolved'),
          ev(w, D0 + 2 * DAY_MS + 9 * H, 'in-progress'),
        ],
      }),
    );
    expect(k.backlog.trend).toEqual([
      { at: D0 + DAY_MS, open: 1 },
      { at: D0 + 2 * DAY_MS, open: 1 },
      { at: D0 + 3 * DAY_MS, open: 2 },
      { at: to, open: 2 },
    ]);
    expect(k.backlog.open).toBe(2);
    expect(k.backlog.byPriority).toEqual({ P0: 0, P1: 1, P2: 0, P3: 1, P4: 0 });
  });

  it('rule precision over potential-fault orders created in the window', () => {
    const pf = (ruleId: string, status: WorkOrderStatus, kind: string | null, createdAt = D0 + H) =>
      order({ type: 'potential-fault', ruleId, status, createdAt, outcome: kind ? { kind, recordedAt: createdAt + H } : null });
    const orders = [
      pf('r.a', 'closed', 'confirmed'),
      pf('r.a', 'resolved', 'no-fault-found'),
      pf('r.a', 'resolved', 'confirmed'),
      pf('r.a', 'closed', 'no-fault-found', D0 - DAY_MS),
      pf('r.b', 'open', null),
      order({ type: 'corrective', ruleId: 'r.c', status: 'closed', outcome: { kind: 'confirmed', recordedAt: D0 + H } }),
    ];
    expect(computeKpis(input({ orders })).rulePrecision).toEqual([
      { ruleId: 'r.a', confirmed: 2, noFaultFound: 1, open: 0, precision: 2 / 3 },
      { ruleId: 'r.b', confirmed: 0, noFaultFound: 0, open: 1, precision: null },
    ]);
  });
});

describe('dayEnds', () => {
  it('gives each UTC midnight after from and before to, then to', () => {
    expect(dayEnds(D0 + H, D0 + 2 * DAY_MS + H)).toEqual([D0 + DAY_MS, D0 + 2 * DAY_MS, D0 + 2 * DAY_MS + H]);
    expect(dayEnds(D0, D0 + DAY_MS)).toEqual([D0 + DAY_MS]);
  });
});
