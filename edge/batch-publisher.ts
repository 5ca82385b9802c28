/**
 * Publishes what the outbox holds: batches of consecutive samples of one
 * device, QoS 1, removed from the outbox only after PUBACK.
 *
 * The outbox is the single source of truth. Batches are published only while
 * connected; up to `maxInFlight` may await PUBACK at once (published in seq
 * order per device, over one TCP connection, so they arrive in order). When the
 * connection closes, every unacknowledged batch is taken back out of MQTT.js
 * (`removeOutgoingMessage`, so it does not replay its own in-memory copy as
 * well) and the cursors reset: after reconnecting, publishing restarts from
 * the oldest pending sample of each device. A batch whose PUBACK was lost
 * arrives twice; the gateway drops the repeat by (device, seq).
 */
import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { MAX_PAYLOAD_BYTES, MAX_SAMPLES_PER_MESSAGE } from '../contract/telemetry';
import type { AckedRange, Outbox, PendingRun } from './outbox';

export interface PublisherDevice {
  id: string;
  topic: string;
}

export interface BatchPublisherOptions {
  client: MqttClient;
  outbox: Outbox;
  devices: readonly PublisherDevice[];
  /** Samples per message (at most MAX_SAMPLES_PER_MESSAGE). */
  batchSize: number;
  /** A partial batch is sent once its oldest sample has waited this long (real ms). */
  maxBatchDelayMs: number;
  /** Most messages awaiting PUBACK. */
  maxInFlight: number;
  /** Real time in ms. */
  now: () => number;
  logger: Logger;
  /** Called after acknowledged samples have been removed from the outbox. */
  onAcked: () => void;
}

interface InFlightBatch extends AckedRange {
  messageId: number;
  settled: boolean;
}

export class BatchPublisher {
  publishedMessages = 0;
  publishedSamples = 0;
  ackedSamples = 0;
  /** Send partial batches right away (used while stopping). */
  flushPartialBatches = false;

  private online = false;
  private readonly cursors = new Map<string, number>();
  private readonly inFlight = new Map<number, InFlightBatch>();
  private readonly unsentSince = new Map<string, number>();
  private ackQueue: AckedRange[] = [];
  private ackFlushScheduled = false;
  private nextDevice = 0;

  constructor(private readonly options: BatchPublisherOptions) {
    if (options.batchSize < 1 || options.batchSize > MAX_SAMPLES_PER_MESSAGE) {
      throw new RangeError(`batchSize must be 1..${MAX_SAMPLES_PER_MESSAGE} (got ${options.batchSize})`);
    }
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** The connection is up: publish from the oldest pending sample of each device. */
  connected(): void {
    this.online = true;
    this.cursors.clear();
    this.pump();
  }

  /** The connection closed: whatever was not acknowledged will be sent again. */
  disconnected(): void {
    this.online = false;
    this.abandonInFlight();
    this.flushAcks();
    this.cursors.clear();
    this.unsentSince.clear();
  }

  /** Forgets unacknowledged batches, in MQTT.js too; they stay in the outbox. */
  abandonInFlight(): void {
    const ids = [...this.inFlight.keys()];
    this.inFlight.clear();
    for (const id of ids) this.options.client.removeOutgoingMessage(id);
  }

  /** New samples were appended for these devices. */
  noteAppended(deviceIds: Iterable<string>): void {
    const now = this.options.now();
    for (const id of deviceIds) if (!this.unsentSince.has(id)) this.unsentSince.set(id, now);
  }

  /** Publishes due batches, round-robin over devices, while the window has room. */
  pump(): void {
    const { devices, maxInFlight } = this.options;
    let idle = 0;
    while (this.online && this.inFlight.size < maxInFlight && idle < devices.length) {
      const device = devices[this.nextDevice]!;
      this.nextDevice = (this.nextDevice + 1) % devices.length;
      idle = this.publishNext(device) ? 0 : idle + 1;
    }
  }

  private publishNext(device: PublisherDevice): boolean {
    const { outbox, batchSize, maxBatchDelayMs, now } = this.options;
    const from = this.cursors.get(device.id) ?? 0;
    const next = outbox.nextSeq(device.id);
    const run = from < next ? outbox.readRun(device.id, from, batchSize) : null;
    if (!run) {
      this.cursors.set(device.id, next);
      this.unsentSince.delete(device.id);
      return false;
    }
    const end = run.seq + run.sampleJson.length;
    const full = run.sampleJson.length >= batchSize || end < next;
    const waited = now() - (this.unsentSince.get(device.id) ?? -Infinity);
    if (!full && !this.flushPartialBatches && waited < maxBatchDelayMs) return false;
    return this.send(device, run);
  }

  private send(device: PublisherDevice, run: PendingRun): boolean {
    const { client, outbox, now } = this.options;
    let count = run.sampleJson.length;
    let payload = encode(run, count);
    while (count > 1 && Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      count = Math.ceil(count / 2);
      payload = encode(run, count);
    }
    const batch: InFlightBatch = { messageId: -1, deviceId: device.id, seq: run.seq, count, settled: false };
    client.publish(device.topic, payload, { qos: 1 }, (err) => this.settle(batch, err));
    if (batch.settled) return false; // refused synchronously (client ending): nothing was sent
    batch.messageId = client.getLastMessageId();
    this.inFlight.set(batch.messageId, batch);
    this.publishedMessages++;
    this.publishedSamples += count;
    const end = run.seq + count;
    this.cursors.set(device.id, end);
    if (end < outbox.nextSeq(device.id)) this.unsentSince.set(device.id, now());
    else this.unsentSince.delete(device.id);
    return true;
  }

  private settle(batch: InFlightBatch, err: Error | undefined): void {
    batch.settled = true;
    // Not ours any more: abandoned when the connection closed; the outbox still has it.
    if (this.inFlight.get(batch.messageId) !== batch) return;
    this.inFlight.delete(batch.messageId);
    if (err) {
      this.options.logger.warn(
        { deviceId: batch.deviceId, seq: batch.seq, count: batch.count, err: err.message },
        'broker refused a telemetry batch; it stays in the outbox and is sent again',
      );
      const cursor = this.cursors.get(batch.deviceId) ?? 0;
      this.cursors.set(batch.deviceId, Math.min(cursor, batch.seq));
    } else {
      this.ackedSamples += batch.count;
      this.ackQueue.push(batch);
      this.scheduleAckFlush();
    }
    this.pump();
  }

  private scheduleAckFlush(): void {
    if (this.ackFlushScheduled) return;
    this.ackFlushScheduled = true;
    // PUBACKs arrive in bursts; one outbox transaction per burst keeps fsyncs few.
    setImmediate(() => this.flushAcks());
  }

  /** Removes acknowledged samples from the outbox now. */
  flushAcks(): void {
    this.ackFlushScheduled = false;
    if (this.ackQueue.length === 0) return;
    const ranges = this.ackQueue;
    this.ackQueue = [];
    try {
      this.options.outbox.acknowledge(ranges.map(({ deviceId, seq, count }) => ({ deviceId, seq, count })));
    } catch (err) {
      this.options.logger.error(
        { err: (err as Error).message, outbox: this.options.outbox.path },
        'cannot remove acknowledged samples from the outbox; they will be sent again (harmless duplicates). Check the disk holding the outbox',
      );
    }
    this.options.onAcked();
  }
}

function encode(run: PendingRun, count: number): string {
  return `{"seq":${run.seq},"samples":[${run.sampleJson.slice(0, count).join(',')}]}`;
}
