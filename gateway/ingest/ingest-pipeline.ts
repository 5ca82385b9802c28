/**
 * Ingest: validate each telemetry message, drop replayed samples by
 * (device, seq), write the rest in batches, then hand them on (to detection).
 * A bad message goes to the dead-letter sink with its reason and is counted;
 * it never throws out of here and never costs the agent its connection.
 */
import type { Logger } from 'pino';
import type { TelemetryPoint } from '../../contract/telemetry';
import type { TelemetryStore } from '../telemetry-store/telemetry-store';
import { BatchWriter } from './batch-writer';
import type { DeadLetterReason, DeadLetterSink } from './dead-letter-sink';
import { SeqDeduper } from './seq-deduper';
import { validateTelemetry, type DeviceDirectory } from './telemetry-validator';

export interface IngestOptions {
  store: TelemetryStore;
  deadLetters: DeadLetterSink;
  devices: DeviceDirectory & { ids(): Iterable<string> };
  /** Receives newly stored points in arrival order (per device in seq order). */
  onStored?: (points: TelemetryPoint[]) => void;
  logger: Logger;
  maxBatchPoints?: number;
  maxBatchDelayMs?: number;
  maxPayloadBytes?: number;
  now?: () => number;
}

export interface IngestStats {
  messages: number;
  samplesAccepted: number;
  samplesDuplicate: number;
  samplesStored: number;
  deadLetters: number;
  deadLettersByReason: Partial<Record<DeadLetterReason, number>>;
  bufferDepth: number;
  writeErrors: number;
  lastWriteError: string | null;
  lastWriteAt: number;
  /** Since when the telemetry store has refused writes; null while healthy. */
  storeFailingSince: number | null;
}

export class IngestPipeline {
  private readonly dedupe = new SeqDeduper();
  private readonly writer: BatchWriter;
  private readonly now: () => number;
  private counters = { messages: 0, samplesAccepted: 0, samplesDuplicate: 0, deadLetters: 0 };
  private byReason: Partial<Record<DeadLetterReason, number>> = {};

  constructor(private readonly options: IngestOptions) {
    this.now = options.now ?? Date.now;
    this.writer = new BatchWriter({
      store: options.store,
      maxBatchPoints: options.maxBatchPoints,
      maxDelayMs: options.maxBatchDelayMs,
      onWritten: (points) => options.onStored?.(points),
      onWriteError: (err, attempt, retryInMs) =>
        options.logger.error(
          { err: err.message, attempt, retryInMs, store: options.store.kind },
          'telemetry store write failed; holding acknowledgements and retrying (agents keep the data meanwhile)',
        ),
    });
  }

  /** Resumes dedupe where the store left off, so a restart does not re-store replays. */
  async start(): Promise<void> {
    for (const id of this.options.devices.ids()) {
      const last = await this.options.store.lastSeq(id);
      if (last !== null) this.dedupe.seed(id, last);
    }
  }

  /**
   * Handles one telemetry message. Resolves once its new samples are stored
   * (or it was dead-lettered); the broker acknowledges the message after that.
   */
  handleTelemetry(topic: string, payload: Buffer, clientId: string | null): Promise<void> {
    this.counters.messages++;
    const v = validateTelemetry(topic, payload, this.options.devices, this.options.maxPayloadBytes);
    if (!v.ok) {
      this.deadLetter(topic, payload, clientId, v.reason, v.detail);
      return Promise.resolve();
    }
    const fresh = v.points.filter((p) => this.dedupe.accept(p.deviceId, p.seq));
    this.counters.samplesDuplicate += v.points.length - fresh.length;
    this.counters.samplesAccepted += fresh.length;
    // A pure replay is acknowledged only once the originals are stored.
    return fresh.length ? this.writer.add(fresh) : this.writer.whenIdle();
  }

  /** Records a message that is not telemetry but still failed validation (e.g. a bad status). */
  deadLetter(topic: string, payload: Buffer, clientId: string | null, reason: DeadLetterReason, detail: string): void {
    this.counters.deadLetters++;
    this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
    this.options.logger.warn({ topic, clientId, reason, detail }, 'dead-lettered a message');
    try {
      this.options.deadLetters.record({ receivedAt: this.now(), clientId, topic, reason, detail, payload });
    } catch (err) {
      this.options.logger.error({ err: (err as Error).message }, 'dead-letter sink failed');
    }
  }

  /** Resolves once every accepted sample so far is stored. */
  flushed(): Promise<void> {
    return this.writer.whenIdle();
  }

  stats(): IngestStats {
    const w = this.writer.stats;
    return {
      ...this.counters,
      samplesStored: w.stored,
      deadLettersByReason: { ...this.byReason },
      bufferDepth: this.writer.depth,
      writeErrors: w.writeErrors,
      lastWriteError: w.lastError,
      lastWriteAt: w.lastWriteAt,
      storeFailingSince: w.failingSince,
    };
  }

  async close(): Promise<void> {
    await this.writer.close();
  }
}
