/**
 * Sends queued deliveries. A timer-driven loop picks pending rows whose
 * nextAttemptAt is due (so rows left pending by a crash or a restart are
 * picked up again), POSTs each body signed with its webhook's secret, with
 * at most `concurrency` requests in flight, and records every attempt on the
 * row: 2xx within the timeout is delivered; anything else is retried on the
 * retry schedule and failed after the last attempt. Delivery is at least
 * once: a crash during a request sends that delivery again.
 */
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { retryDelayMs } from './retry-schedule';
import { signatureOf, WEBHOOK_HEADERS } from './signing';
import { dueDeliveryRows, findWebhookRow, updateDeliveryRow, type DeliveryRow, type NewDeliveryRow } from './webhook-repository';

export interface WebhookDispatcherOptions {
  database: Database;
  now: () => number;
  logger: Logger;
  fetch?: typeof globalThis.fetch;
  /** [0, 1), for the retry jitter. */
  random?: () => number;
  /** Requests in flight at most; default 4. */
  concurrency?: number;
  /** A response must arrive within this; default 10 s. */
  timeoutMs?: number;
  /** How often the loop looks for due deliveries; default 1 s. */
  pollMs?: number;
  /** Runs before each look for due deliveries (the running system sweeps the event intake here). */
  beforeRun?: () => void;
}

export interface WebhookDispatcherStats {
  /** Attempts made, successful or not. */
  attempts: number;
  delivered: number;
  /** Attempts that failed and were scheduled again. */
  retried: number;
  /** Deliveries given up after the last attempt (or because their webhook is inactive or gone). */
  failed: number;
}

export interface WebhookDispatcher {
  start(): void;
  /** Stops the loop and waits for requests in flight. */
  stop(): Promise<void>;
  /** Sends everything due now; resolves when nothing due is left. Returns how many deliveries it handled (sent, or failed for an inactive webhook). */
  runDue(): Promise<number>;
  /** Looks for due deliveries now instead of at the next tick. */
  wake(): void;
  stats(): WebhookDispatcherStats;
}

const USER_AGENT = 'pdm-webhooks/1';
/** Of a failed response's body, this much is kept in lastError. */
const ERROR_BODY_CHARS = 200;

type AttemptResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { database, now, logger } = options;
  const send = options.fetch ?? globalThis.fetch;
  const random = options.random ?? Math.random;
  const concurrency = options.concurrency ?? 4;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pollMs = options.pollMs ?? 1_000;
  const stats: WebhookDispatcherStats = { attempts: 0, delivered: 0, retried: 0, failed: 0 };
  const inFlight = new Set<number>();
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  /** Aborts requests in flight on stop; their rows stay pending and due, and are sent after the next start. */
  let stopping = new AbortController();

  /** The next due row nobody is sending yet, claimed. */
  function claim(): DeliveryRow | undefined {
    const row = dueDeliveryRows(database, now(), inFlight.size + 1).find((r) => !inFlight.has(r.id));
    if (row) inFlight.add(row.id);
    return row;
  }

  function finish(row: DeliveryRow, set: Partial<NewDeliveryRow>): void {
    updateDeliveryRow(database, row.id, set);
  }

  async function post(url: string, row: DeliveryRow, secret: string): Promise<AttemptResult> {
    const timestamp = Math.floor(now() / 1000);
    try {
      const res = await send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          [WEBHOOK_HEADERS.delivery]: String(row.id),
          [WEBHOOK_HEADERS.event]: row.event,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signatureOf(secret, timestamp, row.payload),
        },
        body: row.payload,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopping.signal]),
      });
      if (res.status >= 200 && res.status < 300) {
        await res.body?.cancel();
        return { ok: true, status: res.status };
      }
      const text = (await res.text().catch(() => '')).slice(0, ERROR_BODY_CHARS).trim();
      return { ok: false, status: res.status, error: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
    } catch (err) {
      return { ok: false, status: null, error: describeFailure(err, timeoutMs) };
    }
  }

  async function attempt(row: DeliveryRow): Promise<void> {
    const hook = findWebhookRow(database, row.webhookId);
    if (!hook || !hook.active) {
      stats.failed++;
      finish(row, { status: 'failed', nextAttemptAt: null, lastError: hook ? 'webhook is inactive' : 'webhook was deleted' });
      return;
    }
    const result = await post(hook.url, row, hook.secret);
    if (stopping.signal.aborted) return;
    const at = now();
    const attempts = row.attempts + 1;
    stats.attempts++;
    const common = { attempts, lastAttemptAt: at, lastStatusCode: result.status };
    if (result.ok) {
      stats.delivered++;
      finish(row, { ...common, status: 'delivered', nextAttemptAt: null, lastError: null, deliveredAt: at });
      return;
    }
    const delay = retryDelayMs(attempts, random);
    const log = { webhookId: hook.id, deliveryId: row.id, event: row.event, attempts, status: result.status, error: result.error };
    if (delay === null) {
      stats.failed++;
      finish(row, { ...common, status: 'failed', nextAttemptAt: null, lastError: result.error });
      logger.warn(log, 'webhook delivery failed for good');
    } else {
      stats.retried++;
      finish(row, { ...common, nextAttemptAt: at + delay, lastError: result.error });
      logger.info({ ...log, retryInMs: delay }, 'webhook delivery failed; retrying');
    }
  }

  async function worker(): Promise<number> {
    let made = 0;
    while (!stopping.signal.aborted) {
      const row = claim();
      if (!row) break;
      try {
        await attempt(row);
        made++;
      } finally {
        inFlight.delete(row.id);
      }
    }
    return made;
  }

  async function drain(): Promise<number> {
    let made = 0;
    do {
      again = false;
      options.beforeRun?.();
      const counts = await Promise.all(Array.from({ length: concurrency }, worker));
      made += counts.reduce((a, b) => a + b, 0);
    } while (again);
    return made;
  }

  function runDue(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = drain().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(): void {
    if (!started || timer) return;
    timer = setTimeout(tick, pollMs);
    timer.unref();
  }

  function tick(): void {
    timer = null;
    runDue().then(schedule, (err: unknown) => {
      logger.error({ err }, 'webhook dispatch failed');
      schedule();
    });
  }

  return {
    start() {
      if (started) return;
      started = true;
      if (stopping.signal.aborted) stopping = new AbortController();
      schedule();
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      stopping.abort();
      await running?.catch(() => 0);
    },
    runDue,
    wake() {
      if (!started) return;
      // On the next turn of the event loop, never inside the caller (which may be queueing more).
      if (timer) clearTimeout(timer);
      timer = setTimeout(tick, 0);
      timer.unref();
    },
    stats: () => ({ ...stats }),
  };
}

/** A short reason for a request that got no response. */
function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no response within ${timeoutMs} ms`;
  const cause = e?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return e?.message ?? String(err);
}
