/**
 * Collects accepted points and writes them to the telemetry store in
 * batches. `add()` resolves only once its points are stored, so the broker
 * acknowledges a message to its agent only after the data is safe; while the
 * store fails, writes are retried with backoff and nothing is dropped (the
 * unacknowledged agents keep the data in their outboxes meanwhile).
 */
import type { TelemetryPoint } from '../../contract/telemetry';
import type { TelemetryStore } from '../telemetry-store/telemetry-store';

export interface BatchWriterOptions {
  store: TelemetryStore;
  /** Flush as soon as this many points are waiting. */
  maxBatchPoints?: number;
  /**
   * Flush at most this long after the first point of a batch arrived
   * (default 2 ms: under load a batch fills while the previous one is being
   * written anyway, so the delay only adds latency).
   */
  maxDelayMs?: number;
  /** Backoff between failed writes: starts here, doubles, capped at retryMaxMs. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Called after each successful write, with the points in arrival order. */
  onWritten?: (points: TelemetryPoint[], written: number) => void;
  /** Called after each failed write; the batch is retried. */
  onWriteError?: (err: Error, attempt: number, retryInMs: number) => void;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}
const deferred = (): Deferred => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

export class BatchWriter {
  private buffer: TelemetryPoint[] = [];
  private bufferDone: Deferred = deferred();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly maxBatchPoints: number;
  private readonly maxDelayMs: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  readonly stats = {
    batches: 0,
    stored: 0,
    duplicates: 0,
    writeErrors: 0,
    lastError: null as string | null,
    lastWriteAt: 0,
    /** Since when writes have been failing (null while the store accepts them). */
    failingSince: null as number | null,
  };

  constructor(private readonly options: BatchWriterOptions) {
    this.maxBatchPoints = options.maxBatchPoints ?? 5000;
    this.maxDelayMs = options.maxDelayMs ?? 2;
    this.retryInitialMs = options.retryInitialMs ?? 100;
    this.retryMaxMs = options.retryMaxMs ?? 5000;
  }

  /** Points waiting to be written (buffered plus the batch being written). */
  get depth(): number {
    return this.buffer.length + this.inFlight;
  }
  private inFlight = 0;

  /** Queues points; resolves once they are stored. */
  add(points: readonly TelemetryPoint[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('batch writer is closed'));
    for (const p of points) this.buffer.push(p);
    const done = this.bufferDone.promise;
    this.schedule();
    return done;
  }

  /** Resolves once everything added so far is stored. */
  whenIdle(): Promise<void> {
    if (this.buffer.length === 0) return this.flushing ?? Promise.resolve();
    return this.bufferDone.promise;
  }

  /** Writes what is buffered, then stops accepting points. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing || this.buffer.length) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
    this.closed = true;
  }

  private schedule(): void {
    if (this.flushing) return; // the running flush picks the buffer up when it finishes
    if (this.buffer.length >= this.maxBatchPoints) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.maxDelayMs);
    }
  }

  private flush(): Promise<void> {
    if (this.flushing || this.buffer.length === 0) return this.flushing ?? Promise.resolve();
    const batch = this.buffer;
    const done = this.bufferDone;
    this.buffer = [];
    this.bufferDone = deferred();
    this.inFlight = batch.length;
    this.flushing = this.writeWithRetry(batch).then(() => {
      this.inFlight = 0;
      this.flushing = null;
      done.resolve();
      if (this.buffer.length) this.schedule();
    });
    return this.flushing;
  }

  private async writeWithRetry(batch: TelemetryPoint[]): Promise<void> {
    let wait = this.retryInitialMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.options.store.write(batch);
        this.stats.batches++;
        this.stats.stored += result.written;
        this.stats.duplicates += result.duplicates;
        this.stats.lastWriteAt = Date.now();
        this.stats.failingSince = null;
        this.notifyWritten(batch, result.written);
        return;
      } catch (err) {
        this.stats.writeErrors++;
        this.stats.lastError = (err as Error).message;
        this.stats.failingSince ??= Date.now();
        this.options.onWriteError?.(err as Error, attempt, wait);
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, this.retryMaxMs);
      }
    }
  }

  /** A failing listener must not make a stored batch look unstored (it would be written and fed twice). */
  private notifyWritten(batch: TelemetryPoint[], written: number): void {
    try {
      this.options.onWritten?.(batch, written);
    } catch (err) {
      this.stats.lastError = `onWritten listener failed: ${(err as Error).message}`;
    }
  }
}
