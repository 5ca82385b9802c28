/**
 * An edge agent for one group of devices: samples them on the source's clock,
 * writes every sample to a durable outbox first, and publishes the outbox to
 * MQTT in batches (see batch-publisher.ts). It keeps sampling while the broker
 * is unreachable and replays everything pending, oldest first, on reconnect.
 *
 * Status: retained `{ state: 'online', agentId, devices, ts }` on each connect;
 * retained `{ state: 'offline', agentId }` as last will and on `stop()`.
 */
import { connect, type MqttClient } from 'mqtt';
import { pino, type Logger } from 'pino';
import { formatIssues, type AgentStatus } from '../contract/telemetry';
import { topics } from '../contract/topics';
import { BatchPublisher } from './batch-publisher';
import { edgeAgentSettingsSchema, type EdgeAgentOptions, type EdgeAgentSettings, type EdgeAgentStats } from './edge-agent-options';
import { endWithTimeout, publishWithTimeout } from './mqtt-with-timeout';
import { Outbox, type NewSample } from './outbox';
import { Sampler } from './sampler';

export * from './edge-agent-options';

const THROTTLE_MS = 30_000;
/** Longest wait between attempts while the broker refuses the credentials. */
const MAX_AUTH_RETRY_MS = 60_000;
const CREDENTIALS_REFUSED = /not authori[sz]ed|bad user ?name or password/i;

export class EdgeAgent {
  readonly agentId: string;
  private readonly settings: EdgeAgentSettings;
  private readonly log: Logger;
  private readonly outbox: Outbox;
  private readonly sampler: Sampler;
  private readonly realNow: () => number;
  private client: MqttClient | null = null;
  private publisher: BatchPublisher | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopping = false;
  private online = false;
  private connects = 0;
  private readonly counts = { sampled: 0, dropouts: 0, dropped: 0 };
  private readonly lastLogged = new Map<string, number>();
  private drainWaiters: (() => void)[] = [];

  constructor(private readonly options: EdgeAgentOptions) {
    const parsed = edgeAgentSettingsSchema.safeParse(options);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error).map((i) => `${i.path}: ${i.message}`);
      throw new Error(`edge agent ${options.agentId}: invalid settings: ${issues.join('; ')}`);
    }
    this.settings = parsed.data;
    this.agentId = options.agentId;
    this.realNow = options.realNow ?? Date.now;
    this.log = (options.logger ?? defaultLogger()).child({ agentId: options.agentId });
    // Build topics now so a bad id fails here, not at the first publish.
    topics.status(options.siteId, options.agentId);
    for (const d of options.devices) topics.telemetry(options.siteId, d.lineId, d.id);
    this.outbox = new Outbox(options.outboxPath, { maxPending: this.settings.maxPending });
    this.sampler = new Sampler({
      source: options.source,
      clock: options.clock,
      deviceIds: options.devices.map((d) => d.id),
      sampleIntervalMs: this.settings.sampleIntervalMs,
      onReadError: (deviceId, ts, err) =>
        this.throttled(`read:${deviceId}`, () =>
          this.log.error({ deviceId, ts, err: String(err) }, 'reading the device failed; counted as a dropout. Check the sensor connection'),
        ),
    });
    const known = new Set(options.devices.map((d) => d.id));
    const orphans = this.outbox.devicesWithPending().filter((id) => !known.has(id));
    if (orphans.length) {
      this.log.warn({ orphans, outbox: options.outboxPath }, 'the outbox holds samples of devices this agent no longer has; they are kept but not sent. Add the devices back to send them');
    }
  }

  /** Starts sampling and connecting; sampling goes on while the broker is unreachable. */
  start(): void {
    if (this.client) throw new Error(`edge agent ${this.agentId} was already started`);
    const { siteId, agentId, brokerUrl, devices } = this.options;
    const offline: AgentStatus = { state: 'offline', agentId };
    const client = (this.options.connect ?? connect)(brokerUrl, {
      clientId: agentId,
      clean: true,
      reconnectPeriod: this.settings.reconnectPeriodMs,
      // Keep retrying when the broker refuses (restarting, credentials being fixed): samples wait in the outbox.
      reconnectOnConnackError: true,
      connectTimeout: this.settings.connectTimeoutMs,
      username: this.options.username ?? agentId,
      password: this.options.password,
      ...(this.options.ca !== undefined && { ca: this.options.ca }),
      will: { topic: topics.status(siteId, agentId), payload: Buffer.from(JSON.stringify(offline)), qos: 1, retain: true },
    });
    this.client = client;
    this.publisher = new BatchPublisher({
      client,
      outbox: this.outbox,
      devices: devices.map((d) => ({ id: d.id, topic: topics.telemetry(siteId, d.lineId, d.id) })),
      batchSize: this.settings.batchSize,
      maxBatchDelayMs: this.settings.maxBatchDelayMs,
      maxInFlight: this.settings.maxInFlight,
      now: this.realNow,
      logger: this.log,
      onAcked: () => this.checkDrained(),
    });
    client.on('connect', () => this.onConnect());
    client.on('close', () => this.onClose());
    client.on('error', (err) => this.onError(err));
    this.log.info({ brokerUrl, devices: devices.length, outbox: this.options.outboxPath, pending: this.outbox.pending }, 'edge agent starting');
    this.timer = setInterval(() => this.tick(), this.settings.realTickMs);
    this.tick();
  }

  private onConnect(): void {
    this.online = true;
    if (this.client) this.client.options.reconnectPeriod = this.settings.reconnectPeriodMs;
    if (++this.connects > 1) this.log.info({ pending: this.outbox.pending }, 'reconnected to the broker; replaying pending samples');
    else this.log.info({ brokerUrl: this.options.brokerUrl, pending: this.outbox.pending }, 'connected to the broker');
    const { siteId, agentId, devices } = this.options;
    const status: AgentStatus = { state: 'online', agentId, devices: devices.map((d) => d.id), ts: Math.floor(this.options.clock.now()) };
    this.client?.publish(topics.status(siteId, agentId), JSON.stringify(status), { qos: 1, retain: true }, (err) => {
      if (err && !this.stopping) this.log.warn({ err: err.message }, 'online status not acknowledged; it is published again on the next connect');
    });
    this.publisher?.connected();
  }

  private onClose(): void {
    const wasOnline = this.online;
    this.online = false;
    this.publisher?.disconnected();
    if (wasOnline && !this.stopping) {
      this.log.warn(
        { brokerUrl: this.options.brokerUrl, pending: this.outbox.pending, retryEveryMs: this.settings.reconnectPeriodMs },
        'lost the broker connection; sampling into the outbox and reconnecting',
      );
    }
  }

  private onError(err: Error): void {
    const refused = CREDENTIALS_REFUSED.test(err.message);
    if (refused && this.client) {
      // Retrying a refused password at full rate only earns a lock-out: back off, doubling up to a minute.
      const next = Math.min(MAX_AUTH_RETRY_MS, Math.max(this.settings.reconnectPeriodMs, (this.client.options.reconnectPeriod ?? 0) * 2));
      this.client.options.reconnectPeriod = next;
    }
    this.throttled(refused ? 'mqtt-auth' : 'mqtt-error', () =>
      this.log.error(
        { brokerUrl: this.options.brokerUrl, err: err.message, retryEveryMs: this.client?.options.reconnectPeriod ?? this.settings.reconnectPeriodMs, pending: this.outbox.pending },
        refused
          ? `the broker refused the credentials of agent ${this.agentId} (${err.message}); check its password (MQTT_PASSWORD, --password or --secrets-file). Retrying with backoff`
          : `cannot reach the MQTT broker at ${this.options.brokerUrl}; retrying every ${this.settings.reconnectPeriodMs} ms, samples wait in the outbox. Check the broker is running and the URL`,
      ),
    );
  }

  /** Takes the samples due, writes them to the outbox, publishes what is due. */
  private tick(): void {
    const batch = this.sampler.takeDue();
    this.counts.dropouts += batch.dropouts;
    if (batch.samples.length > 0) this.store(batch.samples);
    if (batch.lagMs > 60 * this.settings.sampleIntervalMs) {
      this.throttled('lag', () => this.log.warn({ lagMs: batch.lagMs }, 'sampling lags the clock; catching up. Lower the clock speed or the device count if this persists'));
    }
    this.publisher?.pump();
    this.checkDrained();
  }

  private store(samples: NewSample[]): void {
    try {
      const { evicted } = this.outbox.append(samples);
      this.counts.sampled += samples.length;
      this.publisher?.noteAppended(new Set(samples.map((s) => s.deviceId)));
      if (evicted.size === 0) return;
      let n = 0;
      for (const count of evicted.values()) n += count;
      this.counts.dropped += n;
      this.throttled('evict', () =>
        this.log.error(
          { evicted: Object.fromEntries(evicted), droppedTotal: this.counts.dropped, maxPending: this.settings.maxPending, brokerUrl: this.options.brokerUrl },
          'outbox full: dropped the oldest pending samples to keep the newest. Restore the broker connection or raise maxPending',
        ),
      );
    } catch (err) {
      this.counts.dropped += samples.length;
      this.log.error({ err: (err as Error).message, outbox: this.options.outboxPath, lost: samples.length }, 'cannot write samples to the outbox; they are lost. Check the disk holding the outbox');
    }
  }

  get stats(): EdgeAgentStats {
    const p = this.publisher;
    return {
      ...this.counts,
      publishedMessages: p?.publishedMessages ?? 0,
      publishedSamples: p?.publishedSamples ?? 0,
      acked: p?.ackedSamples ?? 0,
      pending: this.outbox.pending,
      inFlight: p?.inFlightCount ?? 0,
      reconnects: Math.max(0, this.connects - 1),
      connected: this.online,
    };
  }

  /** Resolves once the outbox is empty; rejects after timeoutMs. */
  waitUntilDrained(timeoutMs: number): Promise<void> {
    if (this.outbox.pending === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.drainWaiters = this.drainWaiters.filter((w) => w !== done);
        reject(new Error(`edge agent ${this.agentId}: outbox not drained after ${timeoutMs} ms (${JSON.stringify(this.stats)})`));
      }, timeoutMs);
      this.drainWaiters.push(done);
    });
  }

  private checkDrained(): void {
    if (this.outbox.pending > 0 || this.drainWaiters.length === 0) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * Flushes what it can within stopTimeoutMs, publishes the retained offline
   * status, disconnects and closes the outbox. What is left stays pending in
   * the outbox for the next start.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    const { client, publisher } = this;
    if (client && publisher) {
      this.tick();
      const wait = Math.max(500, this.settings.stopTimeoutMs);
      if (this.online) {
        publisher.flushPartialBatches = true;
        publisher.pump();
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        const drained = this.waitUntilDrained(this.settings.stopTimeoutMs).then(() => true, () => false);
        if (!(await Promise.race([drained, closed.then(() => false)]))) {
          this.log.warn({ pending: this.outbox.pending, outbox: this.options.outboxPath }, 'stopping with samples still pending; they are sent when the agent starts again');
        }
      }
      if (this.online) {
        const { siteId, agentId } = this.options;
        const offline: AgentStatus = { state: 'offline', agentId, ts: Math.floor(this.options.clock.now()) };
        await publishWithTimeout(client, topics.status(siteId, agentId), JSON.stringify(offline), { retain: true }, wait);
      }
      publisher.abandonInFlight();
      publisher.flushAcks();
      await endWithTimeout(client, wait);
    }
    this.outbox.close();
    this.log.info({ ...this.stats }, 'edge agent stopped');
  }

  private throttled(key: string, logIt: () => void): void {
    const now = this.realNow();
    const last = this.lastLogged.get(key);
    if (last !== undefined && now - last < THROTTLE_MS) return;
    this.lastLogged.set(key, now);
    logIt();
  }
}

function defaultLogger(): Logger {
  return pino({ name: 'edge-agent', level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info') });
}
