import { describe, expect, it } from 'vitest';
import { eventTypeOf, pingEvent, subscribes, webhookEventOf, WEBHOOK_EVENT_TYPES, type TimelineFact, type WebhookWorkOrderSummary } from './webhook-events';

const order: WebhookWorkOrderSummary = {
  id: 7,
  number: 'WO-2026-000007',
  type: 'potential-fault',
  status: 'resolved',
  title: 'Vibration high on P-104',
  deviceId: 'P-104',
  deviceName: 'Cooling water pump 2',
  lineId: 'utilities',
  siteId: 'plant-1',
  failureMode: 'vibration-high',
  severity: 'warn',
  priority: 'P2',
  stopsLine: false,
  occurrences: 1,
  assigneeId: null,
  createdAt: 1_000,
  updatedAt: 5_000,
  dueAt: null,
  resolvedAt: 5_000,
  closedAt: null,
};

const entry = (over: Partial<TimelineFact>): TimelineFact => ({ id: 41, at: 5_000, actor: 'alice', kind: 'comment', from: null, to: null, note: null, holdReason: null, ...over });

describe('webhook event types', () => {
  it('names each kind of timeline entry as a public event', () => {
    expect(eventTypeOf(entry({ kind: 'created', to: 'open' }))).toBe('work-order.created');
    expect(eventTypeOf(entry({ kind: 'comment' }))).toBe('work-order.comment-added');
    expect(eventTypeOf(entry({ kind: 'occurrence' }))).toBe('work-order.occurrence');
    expect(eventTypeOf(entry({ kind: 'severity', from: 'warn', to: 'alarm' }))).toBe('work-order.severity-changed');
    expect(eventTypeOf(entry({ kind: 'outcome', to: 'confirmed' }))).toBe('work-order.outcome-recorded');
    expect(eventTypeOf(entry({ kind: 'recurrence', from: 'WO-2026-000001', to: 'WO-2026-000007' }))).toBe('work-order.recurrence-linked');
  });

  it('gives resolved, closed and cancelled their own type and every other move status-changed', () => {
    expect(eventTypeOf(entry({ kind: 'status', from: 'in-progress', to: 'resolved' }))).toBe('work-order.resolved');
    expect(eventTypeOf(entry({ kind: 'status', from: 'resolved', to: 'closed' }))).toBe('work-order.closed');
    expect(eventTypeOf(entry({ kind: 'status', from: 'open', to: 'cancelled' }))).toBe('work-order.cancelled');
    for (const to of ['acknowledged', 'assigned', 'in-progress', 'on-hold']) {
      expect(eventTypeOf(entry({ kind: 'status', from: 'open', to }))).toBe('work-order.status-changed');
    }
    // A reopen (resolved -> in-progress) is a plain status change.
    expect(eventTypeOf(entry({ kind: 'status', from: 'resolved', to: 'in-progress' }))).toBe('work-order.status-changed');
  });

  it('tells assignment from unassignment', () => {
    expect(eventTypeOf(entry({ kind: 'assignment', from: null, to: 'tech-anna' }))).toBe('work-order.assigned');
    expect(eventTypeOf(entry({ kind: 'assignment', from: 'tech-anna', to: 'tech-ben' }))).toBe('work-order.assigned');
    expect(eventTypeOf(entry({ kind: 'assignment', from: 'tech-ben', to: null }))).toBe('work-order.unassigned');
  });

  it('maps SLA notifications to warning, escalation and stall, and skips an order’s first priority', () => {
    expect(eventTypeOf(entry({ kind: 'sla', from: 'response', to: 'warn-assignee' }))).toBe('work-order.sla-warning');
    expect(eventTypeOf(entry({ kind: 'sla', from: 'resolution', to: 'escalate-supervisor' }))).toBe('work-order.escalated');
    expect(eventTypeOf(entry({ kind: 'sla', from: null, to: 'flag-stalled' }))).toBe('work-order.stalled');
    expect(eventTypeOf(entry({ kind: 'sla', from: null, to: 'something-new' }))).toBeNull();
    expect(eventTypeOf(entry({ kind: 'priority', from: null, to: 'P2' }))).toBeNull();
    expect(eventTypeOf(entry({ kind: 'priority', from: 'P2', to: 'P1' }))).toBe('work-order.priority-changed');
  });

  it('every type it produces is one a webhook can subscribe to', () => {
    const kinds = ['created', 'status', 'comment', 'occurrence', 'severity', 'outcome', 'recurrence', 'priority', 'sla', 'assignment'] as const;
    const tos = ['open', 'resolved', 'closed', 'cancelled', 'on-hold', 'warn-assignee', 'escalate-supervisor', 'flag-stalled', 'x', null];
    for (const kind of kinds) {
      for (const to of tos) {
        const type = eventTypeOf({ kind, from: 'P3', to });
        if (type !== null) expect(WEBHOOK_EVENT_TYPES).toContain(type);
      }
    }
  });
});

describe('webhook event body', () => {
  it('carries a stable id, the type, when and who, the order and what changed', () => {
    const body = webhookEventOf(entry({ id: 41, kind: 'status', from: 'in-progress', to: 'resolved', note: 'bearing replaced', actor: 'anna' }), order);
    expect(body).toEqual({
      id: 'evt_41',
      type: 'work-order.resolved',
      occurredAt: 5_000,
      actor: 'anna',
      workOrder: order,
      change: { from: 'in-progress', to: 'resolved', note: 'bearing replaced', holdReason: null },
    });
    expect(webhookEventOf(entry({ id: 41, kind: 'status', from: 'in-progress', to: 'resolved' }), order)!.id).toBe(body!.id);
    expect(webhookEventOf(entry({ kind: 'priority', from: null, to: 'P2' }), order)).toBeNull();
  });

  it('keeps the hold reason of a move to on-hold', () => {
    const body = webhookEventOf(entry({ kind: 'status', from: 'in-progress', to: 'on-hold', holdReason: 'waiting-for-parts' }), order);
    expect(body?.change).toEqual({ from: 'in-progress', to: 'on-hold', note: null, holdReason: 'waiting-for-parts' });
  });

  it('a ping has no order', () => {
    expect(pingEvent('evt_ping_1', 9_000, 'admin')).toMatchObject({ id: 'evt_ping_1', type: 'ping', occurredAt: 9_000, actor: 'admin', workOrder: null });
  });
});

describe('subscriptions', () => {
  it('match the listed types or everything with "*", and never ping', () => {
    expect(subscribes(['work-order.created'], 'work-order.created')).toBe(true);
    expect(subscribes(['work-order.created'], 'work-order.resolved')).toBe(false);
    expect(subscribes(['*'], 'work-order.escalated')).toBe(true);
    expect(subscribes(['*'], 'ping')).toBe(false);
  });
});
