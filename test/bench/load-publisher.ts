/**
 * The load generator: lightweight MQTT.js clients, each publishing for a
 * group of devices, QoS 1, batches of `samplesPerMessage` samples in the wire
 * contract's shape, with up to `window` messages awaiting PUBACK per client
 * (pipelined). No outbox and no sampling: it measures the gateway, not the
 * edge agent. Values are normal (no rule breaches) unless a caller publishes
 * its own messages through `publishRaw`.
 */
import { connect, type MqttClient } from 'mqtt';
import { topics } from '../../contract/topics';
import type { PlantDevice } from '../../contract/plant';

export interface LoadDevice {
  id: string;
  topic: string;
  ratedCurrent: number;
}

export const loadDevices = (devices: readonly PlantDevice[]): LoadDevice[] =>
  devices.map((d) => ({ id: d.id, topic: topics.telemetry(d.siteId, d.lineId, d.id), ratedCurrent: d.ratedCurrent }));

export interface LoadPublisherOptions {
  url: string;
  devices: readonly LoadDevice[];
  devicesPerClient: number;
  samplesPerMessage: number;
  /** Messages awaiting PUBACK, per client. */
  window: number;
  /** Aimed-for total samples/s; undefined publishes as fast as the windows allow. */
  rate?: number;
  /** Spacing of samples in sample time. */
  sampleIntervalMs?: number;
  /** Sample time of each device's first sample. */
  startTs?: number;
  clientIdPrefix?: string;
}

interface DeviceCursor {
  device: LoadDevice;
  seq: number;
  ts: number;
  tails: string[];
}

interface PublisherClient {
  client: MqttClient;
  cursors: DeviceCursor[];
  next: number;
  inFlight: number;
}

const TAILS = 32;

/** The part of a sample after its ts: normal readings with a little variation, well inside every default rule. */
function sampleTails(device: LoadDevice, index: number): string[] {
  return Array.from({ length: TAILS }, (_, k) => {
    const w = Math.sin((2 * Math.PI * (k + index)) / TAILS);
    const temperature = (48 + (index % 13) + 2 * w).toFixed(2);
    const vibration = (1.2 + 0.3 * w + (index % 5) * 0.05).toFixed(3);
    const current = (device.ratedCurrent * (0.7 + 0.05 * w)).toFixed(2);
    return `,"temperature":${temperature},"vibration":${vibration},"current":${current}}`;
  });
}

export class LoadPublisher {
  readonly counters = { sentMessages: 0, ackedMessages: 0, ackedSamples: 0, errors: 0, lastError: '' };
  /** publish -> PUBACK latencies (ms) while `recordLatency` is set. */
  readonly ackLatencies: number[] = [];
  recordLatency = false;
  private clients: PublisherClient[] = [];
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly interval: number;

  constructor(private readonly options: LoadPublisherOptions) {
    this.interval = options.sampleIntervalMs ?? 1000;
  }

  get clientCount(): number {
    return this.clients.length;
  }

  /** Connects every client; publishing starts at once unless `paused`. */
  async start(paused = false): Promise<void> {
    const { devices, devicesPerClient, url } = this.options;
    const startTs = this.options.startTs ?? Date.now() - 3_600_000;
    const groups: DeviceCursor[][] = [];
    devices.forEach((device, i) => {
      const g = Math.floor(i / devicesPerClient);
      (groups[g] ??= []).push({ device, seq: 0, ts: startTs, tails: sampleTails(device, i) });
    });
    const prefix = this.options.clientIdPrefix ?? `bench-${process.pid}`;
    this.clients = await Promise.all(
      groups.map(async (cursors, g) => {
        const client = connect(url, { clientId: `${prefix}-${g}`, clean: true, reconnectPeriod: 0, keepalive: 120, connectTimeout: 30_000 });
        await new Promise<void>((resolve, reject) => {
          client.once('connect', () => resolve());
          client.once('error', reject);
        });
        client.on('error', (err) => {
          this.counters.errors++;
          this.counters.lastError = err.message;
        });
        return { client, cursors, next: 0, inFlight: 0 };
      }),
    );
    if (this.options.rate !== undefined) this.startPaced(this.options.rate);
    if (!paused) this.resume();
  }

  /** Stops issuing messages and waits (bounded) until none is in flight; the connections stay open. */
  async pause(drainMs = 10_000): Promise<boolean> {
    this.running = false;
    const deadline = Date.now() + drainMs;
    while (this.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.inFlight() === 0;
  }

  /** Publishes again, continuing every device's seq and sample time. */
  resume(): void {
    if (this.running) return;
    this.running = true;
    if (this.options.rate === undefined) for (const c of this.clients) this.fill(c);
  }

  inFlight(): number {
    return this.clients.reduce((n, c) => n + c.inFlight, 0);
  }

  /** Stops publishing, waits (bounded) for the messages in flight, closes the clients. */
  async stop(drainMs = 10_000): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pause(drainMs);
    await Promise.all(this.clients.map((c) => new Promise<void>((resolve) => c.client.end(true, {}, () => resolve()))));
    this.clients = [];
  }

  private fill(c: PublisherClient): void {
    while (this.running && c.inFlight < this.options.window) this.publishNext(c);
  }

  private startPaced(rate: number): void {
    const tickMs = 10;
    let budget = 0;
    let last = performance.now();
    let rr = 0;
    this.timer = setInterval(() => {
      const now = performance.now();
      budget = Math.min(budget + ((now - last) / 1000) * rate, rate); // at most a second of catch-up
      last = now;
      let stalled = 0;
      if (!this.running) {
        budget = 0;
        return;
      }
      while (budget >= this.options.samplesPerMessage && stalled < this.clients.length) {
        const c = this.clients[rr++ % this.clients.length]!;
        if (c.inFlight >= this.options.window) {
          stalled++;
          continue;
        }
        stalled = 0;
        this.publishNext(c);
        budget -= this.options.samplesPerMessage;
      }
    }, tickMs);
  }

  private publishNext(c: PublisherClient): void {
    const cursor = c.cursors[c.next]!;
    c.next = (c.next + 1) % c.cursors.length;
    const n = this.options.samplesPerMessage;
    const parts = new Array<string>(n);
    for (let k = 0; k < n; k++) {
      parts[k] = `{"ts":${cursor.ts}${cursor.tails[(cursor.seq + k) % TAILS]}`;
      cursor.ts += this.interval;
    }
    const payload = `{"seq":${cursor.seq},"samples":[${parts.join(',')}]}`;
    cursor.seq += n;
    const sentAt = performance.now();
    c.inFlight++;
    this.counters.sentMessages++;
    c.client.publish(cursor.device.topic, payload, { qos: 1 }, (err) => {
      c.inFlight--;
      if (err) {
        this.counters.errors++;
        this.counters.lastError = err.message;
      } else {
        this.counters.ackedMessages++;
        this.counters.ackedSamples += n;
        if (this.recordLatency) this.ackLatencies.push(performance.now() - sentAt);
      }
      if (this.running && this.options.rate === undefined) this.fill(c);
    });
  }
}

/** One extra client for hand-made messages (the detection-latency trials). */
export async function connectClient(url: string, clientId: string): Promise<MqttClient> {
  const client = connect(url, { clientId, clean: true, reconnectPeriod: 0, keepalive: 120 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

export function publishAsync(client: MqttClient, topic: string, payload: string): Promise<void> {
  return new Promise((resolve, reject) => client.publish(topic, payload, { qos: 1 }, (err) => (err ? reject(err) : resolve())));
}
