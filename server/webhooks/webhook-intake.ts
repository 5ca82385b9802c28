/**
 * Turns work-order changes into queued deliveries. Every change to an order
 * writes its timeline and is then published on the bus as a 'work-order'
 * event; on each such event (and on every dispatcher tick, as a sweep) this
 * reads the timeline entries written since the last one it handled, maps
 * them to public events (webhook-events.ts) and queues the deliveries, in
 * one transaction per batch. The cursor starts at the newest entry when the
 * system starts: changes made before are not sent.
 */
import type { Database } from '../db/database';
import type { EventBus } from '../events/event-bus';
import { findWorkOrderRecord } from '../work-orders/work-order-repository';
import { webhookEventOf, type WebhookEventBody, type WebhookWorkOrderSummary } from './webhook-events';
import { lastTimelineId, timelineAfter } from './webhook-repository';
import type { WebhookService } from './webhook-service';

const BATCH = 500;

export interface WebhookIntakeDeps {
  database: Database;
  bus: EventBus;
  webhooks: Pick<WebhookService, 'enqueue'>;
  onError: (err: unknown) => void;
}

export interface WebhookIntake {
  /** Queues deliveries for timeline entries not handled yet; returns how many events were published. */
  sweep(): number;
  stop(): void;
}

export function startWebhookIntake(deps: WebhookIntakeDeps): WebhookIntake {
  const { database } = deps;
  let cursor = lastTimelineId(database);

  function summaryOf(workOrderId: number): WebhookWorkOrderSummary | null {
    const record = findWorkOrderRecord(database, { id: workOrderId });
    if (!record) return null;
    const o = record.order;
    return {
      id: o.id,
      number: o.number,
      type: o.type,
      status: o.status,
      title: o.title,
      deviceId: o.deviceId,
      deviceName: record.deviceName,
      lineId: record.lineId,
      siteId: record.siteId,
      failureMode: o.failureMode,
      severity: o.severity,
      priority: o.priority,
      stopsLine: o.stopsLine,
      occurrences: o.occurrences,
      assigneeId: o.assigneeId ?? null,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      dueAt: o.dueAt,
      resolvedAt: o.resolvedAt,
      closedAt: o.closedAt,
    };
  }

  let sweeping = false;

  function sweep(): number {
    if (sweeping) return 0;
    sweeping = true;
    try {
      return sweepBatches();
    } finally {
      sweeping = false;
    }
  }

  function sweepBatches(): number {
    let published = 0;
    for (;;) {
      const entries = timelineAfter(database, cursor, BATCH);
      if (entries.length === 0) return published;
      const summaries = new Map<number, WebhookWorkOrderSummary | null>();
      const bodies: WebhookEventBody[] = [];
      for (const entry of entries) {
        if (!summaries.has(entry.workOrderId)) summaries.set(entry.workOrderId, summaryOf(entry.workOrderId));
        const summary = summaries.get(entry.workOrderId);
        const body = summary ? webhookEventOf(entry, summary) : null;
        if (body) bodies.push(body);
      }
      deps.webhooks.enqueue(bodies);
      cursor = entries[entries.length - 1]!.id;
      published += bodies.length;
      if (entries.length < BATCH) return published;
    }
  }

  const unsubscribe = deps.bus.subscribe((event) => {
    if (event.name !== 'work-order') return;
    try {
      sweep();
    } catch (err) {
      deps.onError(err);
    }
  });

  return { sweep, stop: unsubscribe };
}
