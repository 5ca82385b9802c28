import { describe, expect, it } from 'vitest';
import type { AnomalyEvent } from '../detection/types';
import { createAnomalyLog, createOrderBook } from './order-replay';

const H = 3_600_000;

function event(type: AnomalyEvent['type'], ts: number, overrides: Partial<AnomalyEvent> = {}): AnomalyEvent {
  return {
    type,
    deviceId: 'P-104',
    metric: 'vibration',
    ruleId: 'class.pump.vibration',
    ruleVersion: 1,
    failureMode: 'vibration-high',
    severity: type === 'escalated' ? 'alarm' : 'warn',
    ts,
    startedAt: ts - 300_000,
    value: 3,
    limit: 2.8,
    recent: [],
    ...overrides,
  };
}

describe('order book', () => {
  it('adds a raise while the order is open as an occurrence, and keeps the highest severity', () => {
    const book = createOrderBook(24 * H);
    book.apply(event('raised', 1 * H));
    book.apply(event('escalated', 2 * H));
    book.apply(event('deescalated', 3 * H, { severity: 'warn' }));
    book.apply(event('cleared', 4 * H));
    book.apply(event('raised', 10 * H)); // 6 h after clearing: still open
    const [order, ...rest] = book.finish(12 * H);
    expect(rest).toEqual([]);
    expect(order).toMatchObject({ openedAt: 1 * H, occurrences: 2, lastOccurrenceAt: 10 * H, severity: 'alarm', closedAt: null, detections: [1 * H, 10 * H] });
    expect(order!.openedBy).toEqual({ ruleId: 'class.pump.vibration', ruleVersion: 1, metric: 'vibration', value: 3, limit: 2.8 });
  });

  it('closes an order its time to close after the anomaly cleared; the next raise opens a new one', () => {
    const book = createOrderBook(24 * H);
    book.apply(event('raised', 1 * H));
    book.apply(event('cleared', 2 * H));
    book.apply(event('raised', 26 * H)); // exactly at close time: a new order
    book.apply(event('cleared', 27 * H));
    const orders = book.finish(60 * H);
    expect(orders.map((o) => [o.openedAt, o.closedAt, o.occurrences])).toEqual([
      [1 * H, 26 * H, 1],
      [26 * H, 51 * H, 1],
    ]);
    expect(orders[1]!.ref).toBe(`P-104/vibration-high@${26 * H}`);
  });

  it('keeps an order open while any rule of its failure mode is active', () => {
    const book = createOrderBook(1 * H);
    const other = { ruleId: 'device.P-104.vibration' };
    book.apply(event('raised', 1 * H));
    book.apply(event('raised', 2 * H, other));
    book.apply(event('cleared', 3 * H));
    book.apply(event('raised', 5 * H)); // the other rule is still active: same order
    book.apply(event('cleared', 6 * H));
    book.apply(event('cleared', 7 * H, other));
    const orders = book.finish(20 * H);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ occurrences: 3, closedAt: 8 * H });
  });

  it('opens an order on an escalation when none is open, and keeps devices and failure modes apart', () => {
    const book = createOrderBook(24 * H);
    book.apply(event('escalated', 1 * H));
    book.apply(event('raised', 1 * H, { deviceId: 'P-101' }));
    book.apply(event('raised', 1 * H, { metric: 'temperature', ruleId: 'class.pump.temperature', failureMode: 'overheating' }));
    expect(book.finish(2 * H).map((o) => [o.deviceId, o.failureMode, o.severity])).toEqual([
      ['P-104', 'vibration-high', 'alarm'],
      ['P-101', 'vibration-high', 'warn'],
      ['P-104', 'overheating', 'warn'],
    ]);
  });

  it('reports an order open when its close time lies after the range', () => {
    const book = createOrderBook(24 * H);
    book.apply(event('raised', 1 * H));
    book.apply(event('cleared', 2 * H));
    expect(book.finish(25 * H)[0]!.closedAt).toBeNull();
  });
});

describe('anomaly log', () => {
  it('records raise, first escalation and clear of each anomaly, and counts past the listing cap', () => {
    const log = createAnomalyLog(1);
    log.apply(event('raised', 1 * H, { value: 2.9 }));
    log.apply(event('escalated', 2 * H, { value: 4.7 }));
    log.apply(event('cleared', 3 * H, { value: 2.1 }));
    log.apply(event('raised', 4 * H));
    expect(log.count).toBe(2);
    expect(log.truncated).toBe(true);
    expect(log.list()).toEqual([
      {
        deviceId: 'P-104',
        metric: 'vibration',
        ruleId: 'class.pump.vibration',
        ruleVersion: 1,
        failureMode: 'vibration-high',
        startedAt: 1 * H - 300_000,
        raisedAt: 1 * H,
        raisedValue: 2.9,
        raisedLimit: 2.8,
        severity: 'alarm',
        escalatedAt: 2 * H,
        escalatedValue: 4.7,
        clearedAt: 3 * H,
        clearedValue: 2.1,
      },
    ]);
  });
});
