/**
 * The dispatcher against a real HTTP receiver on a loopback port and a real
 * SQLite file; time moves by the injected clock, not by sleeping.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { openTestDatabase, silentLogger } from '../testing/test-database';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from './retry-schedule';
import { verifySignature, WEBHOOK_HEADERS } from './signing';
import { refusedUrl, startTestReceiver, type TestReceiver } from './test-receiver';
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookDispatcherOptions } from './webhook-dispatcher';
import type { WebhookEventBody } from './webhook-events';
import { webhookMetrics } from './webhook-metrics';
import { createWebhookService, type WebhookService } from './webhook-service';

const T0 = Date.UTC(2026, 2, 10, 8, 0, 0);
const SECRET = 'whsec_dispatcher-test-secret';

const createdEvent = (id = 1): WebhookEventBody => ({
  id: `evt_${id}`,
  type: 'work-order.created',
  occurredAt: T0,
  actor: 'detector',
  workOrder: {
    id,
    number: `WO-2026-${String(id).padStart(6, '0')}`,
    type: 'potential-fault',
    status: 'open',
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
    createdAt: T0,
    updatedAt: T0,
    dueAt: null,
    resolvedAt: null,
    closedAt: null,
  },
  change: { from: null, to: 'open', note: 'Raised by rule class.pump.vibration v1', holdReason: null },
});

let dir: string;
let database: Database;
let clock: { now: number };
let receiver: TestReceiver;
let service: WebhookService;
const dispatchers: WebhookDispatcher[] = [];

const now = () => clock.now;
const dispatcher = (options: Partial<WebhookDispatcherOptions> = {}) => {
  const d = createWebhookDispatcher({ database, now, logger: silentLogger, random: () => 0.5, ...options });
  dispatchers.push(d);
  return d;
};
const row = (id: number) =>
  database.sqlite.prepare('SELECT * FROM webhook_deliveries WHERE id = ?').get(id) as {
    status: string;
    attempts: number;
    next_attempt_at: number | null;
    last_attempt_at: number | null;
    last_status_code: number | null;
    last_error: string | null;
    delivered_at: number | null;
  };
const onlyDelivery = () => (database.sqlite.prepare('SELECT id FROM webhook_deliveries').all() as Array<{ id: number }>).map((r) => r.id);

beforeEach(async () => {
  const test = openTestDatabase();
  dir = test.dir;
  database = test.database;
  clock = { now: T0 };
  receiver = await startTestReceiver();
  service = createWebhookService({ database, now });
});

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  await receiver.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('webhook dispatcher', () => {
  it('retries a receiver that answers 500 twice and delivers on attempt 3, signed every time', async () => {
    const hook = service.create({ url: receiver.url, events: ['work-order.created'], secret: SECRET, createdBy: 'admin' });
    expect(service.enqueue([createdEvent()])).toBe(1);
    const [id] = onlyDelivery();
    receiver.script([500, 500, 200]);
    const d = dispatcher();

    expect(await d.runDue()).toBe(1);
    expect(row(id!)).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500, last_error: 'HTTP 500: receiver says no', next_attempt_at: T0 + RETRY_DELAYS_MS[0] });
    expect(await d.runDue()).toBe(0); // not due yet

    clock.now = row(id!).next_attempt_at!;
    expect(await d.runDue()).toBe(1);
    const second = clock.now;
    expect(row(id!)).toMatchObject({ status: 'pending', attempts: 2, last_status_code: 500, next_attempt_at: second + RETRY_DELAYS_MS[1] });

    clock.now = row(id!).next_attempt_at!;
    expect(await d.runDue()).toBe(1);
    expect(row(id!)).toMatchObject({ status: 'delivered', attempts: 3, last_status_code: 200, last_error: null, next_attempt_at: null, delivered_at: clock.now });

    expect(receiver.received).toHaveLength(3);
    const sentAt = [T0, second, clock.now];
    receiver.received.forEach((req, i) => {
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/hooks/pdm');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers[WEBHOOK_HEADERS.delivery]).toBe(String(id));
      expect(req.headers[WEBHOOK_HEADERS.event]).toBe('work-order.created');
      expect(req.headers[WEBHOOK_HEADERS.timestamp]).toBe(String(Math.floor(sentAt[i]! / 1000)));
      const signed = { timestamp: req.headers[WEBHOOK_HEADERS.timestamp] as string, signature: req.headers[WEBHOOK_HEADERS.signature] as string, body: req.body };
      expect(verifySignature(SECRET, signed, Math.floor(sentAt[i]! / 1000))).toBe(true);
      expect(verifySignature('whsec_some-other-secret-000', signed, Math.floor(sentAt[i]! / 1000))).toBe(false);
      expect(JSON.parse(req.body)).toEqual(createdEvent());
    });
    const log = service.deliveries(hook.id, { limit: 10, offset: 0 });
    expect(log.items).toMatchObject([{ id, event: 'work-order.created', eventId: 'evt_1', status: 'delivered', attempts: 3, lastStatusCode: 200, deliveredAt: clock.now }]);
    expect(d.stats()).toEqual({ attempts: 3, delivered: 1, retried: 2, failed: 0 });
    // The secret is in no header but the signature, and never in the body.
    for (const req of receiver.received) expect(JSON.stringify(req.headers) + req.body).not.toContain(SECRET);
  });

  it('retries a receiver that is down on the schedule, then fails the delivery after the last attempt', async () => {
    service.create({ url: await refusedUrl(), events: ['*'], secret: SECRET, createdBy: 'admin' });
    service.enqueue([createdEvent()]);
    const [id] = onlyDelivery();
    const d = dispatcher();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await d.runDue()).toBe(1);
      const r = row(id!);
      expect(r.attempts).toBe(attempt);
      expect(r.last_status_code).toBeNull();
      expect(r.last_error).toMatch(/ECONNREFUSED/);
      if (attempt < MAX_ATTEMPTS) {
        expect(r.status).toBe('pending');
        expect(r.next_attempt_at).toBe(clock.now + RETRY_DELAYS_MS[attempt - 1]!);
        clock.now = r.next_attempt_at!;
      }
    }
    expect(row(id!)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, next_attempt_at: null, delivered_at: null });
    clock.now += 7 * 86_400_000;
    expect(await d.runDue()).toBe(0);
    expect(d.stats()).toMatchObject({ attempts: MAX_ATTEMPTS, failed: 1, delivered: 0 });
  });

  it('after a restart, a new dispatcher on the same SQLite file sends what was pending', async () => {
    service.create({ url: receiver.url, events: ['*'], secret: SECRET, createdBy: 'admin' });
    service.enqueue([createdEvent(1)]);
    receiver.script([503]);
    await dispatcher().runDue();
    service.enqueue([createdEvent(2)]); // queued, never tried before the "crash"
    const [retried, fresh] = onlyDelivery();
    expect(row(retried!)).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 503 });
    expect(row(fresh!)).toMatchObject({ status: 'pending', attempts: 0 });

    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
    database.close();
    database = openDatabase(join(dir, 'db', 'server.sqlite'));
    clock.now = T0 + 3_600_000;

    const after = dispatcher();
    const pending = () => webhookMetrics(database, after.stats(), clock.now).find((m) => m.name === 'pdm_webhook_deliveries_pending')!.samples[0]!.value;
    const oldestAge = () => webhookMetrics(database, after.stats(), clock.now).find((m) => m.name === 'pdm_webhook_oldest_pending_age_seconds')!.samples[0]!.value;
    expect(pending()).toBe(2);
    expect(oldestAge()).toBe(3600);
    expect(await after.runDue()).toBe(2);
    expect(pending()).toBe(0);
    expect(oldestAge()).toBe(0);
    expect(row(retried!)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(row(fresh!)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receiver.received.map((r) => JSON.parse(r.body).id).sort()).toEqual(['evt_1', 'evt_1', 'evt_2']);
  });

  it('counts no answer within the timeout as a failed attempt', async () => {
    service.create({ url: receiver.url, events: ['*'], secret: SECRET, createdBy: 'admin' });
    service.enqueue([createdEvent()]);
    receiver.delay = 'never';
    await dispatcher({ timeoutMs: 150 }).runDue();
    expect(row(onlyDelivery()[0]!)).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null, last_error: 'no response within 150 ms' });
  });

  it('stops without waiting for a hanging receiver, leaving the delivery pending for the next start', async () => {
    service.create({ url: receiver.url, events: ['*'], secret: SECRET, createdBy: 'admin' });
    service.enqueue([createdEvent()]);
    receiver.delay = 'never';
    const d = dispatcher({ timeoutMs: 10_000 });
    d.start();
    d.wake();
    await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 2000, interval: 10 });
    const started = Date.now();
    await d.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(row(onlyDelivery()[0]!)).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
  });

  it('keeps at most `concurrency` requests in flight and sends every due delivery', async () => {
    service.create({ url: receiver.url, events: ['*'], secret: SECRET, createdBy: 'admin' });
    service.enqueue([1, 2, 3, 4, 5, 6, 7].map(createdEvent));
    receiver.delay = 40;
    const d = dispatcher({ concurrency: 2 });
    expect(await d.runDue()).toBe(7);
    expect(receiver.maxInFlight).toBe(2);
    expect(new Set(receiver.received.map((r) => r.headers[WEBHOOK_HEADERS.delivery])).size).toBe(7);
  });

  it('fails the pending deliveries of a deactivated webhook without sending them', async () => {
    const hook = service.create({ url: receiver.url, events: ['*'], secret: SECRET, createdBy: 'admin' });
    service.enqueue([createdEvent()]);
    service.update(hook.id, { active: false });
    await dispatcher().runDue();
    expect(receiver.received).toHaveLength(0);
    expect(row(onlyDelivery()[0]!)).toMatchObject({ status: 'failed', attempts: 0, last_error: 'webhook is inactive' });
  });

  it('runs by itself once started: a queued delivery wakes it, a due retry is picked up by the timer', async () => {
    const d = dispatcher({ pollMs: 20 });
    service = createWebhookService({ database, now, onQueued: () => d.wake() });
    service.create({ url: receiver.url, events: ['*'], secret: SECRET, createdBy: 'admin' });
    receiver.script([500, 200]);
    d.start();
    service.enqueue([createdEvent()]);
    const [id] = onlyDelivery();
    await vi.waitFor(() => expect(row(id!).attempts).toBe(1), { timeout: 2000, interval: 10 });
    clock.now = row(id!).next_attempt_at!;
    await vi.waitFor(() => expect(row(id!).status).toBe('delivered'), { timeout: 2000, interval: 10 });
    await d.stop();
    expect(receiver.received).toHaveLength(2);
  });
});
