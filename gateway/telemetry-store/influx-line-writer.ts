/**
 * Sends line-protocol lines through the official client's write API and
 * resolves only once InfluxDB has answered every one of them with success.
 *
 * The client's own promise is not enough for that: when its buffer reaches
 * `batchSize` it sends by itself and swallows the outcome, and `flush()` then
 * resolves at once. So the outcome of every HTTP write is taken from the
 * `writeSuccess` / `writeFailed` hooks and counted per line. The client does
 * not retry (`maxRetries: 0`): ingest's BatchWriter retries whole batches and
 * keeps withholding MQTT acks meanwhile, so a second, hidden retry queue in
 * the client would only hold data nobody waits for. Lines are handed to the
 * client a batch at a time and at most `batchSize × maxConcurrentRequests`
 * are ever in its hands, so its memory stays bounded however large a write.
 */
import { InfluxDB, type WriteApi } from '@influxdata/influxdb-client';

export interface InfluxLineWriterOptions {
  url: string;
  /** `Token` credential: a 2.x/3.x API token, or `username:password` for 1.8+. */
  token?: string;
  org: string;
  /** 2.x bucket; `database/retention-policy` (or just `database`) on 1.8+ and 3.x. */
  bucket: string;
  /** Lines per HTTP write request. */
  batchSize: number;
  /** HTTP write requests in flight at once. */
  maxConcurrentRequests: number;
  timeoutMs: number;
  /** Bodies larger than this many bytes are gzipped. */
  gzipThreshold?: number;
}

export interface LineWriteOutcome {
  /** Lines InfluxDB dropped because their time lies beyond its retention period (a partial write). */
  droppedBeyondRetention: number;
}

export interface InfluxLineWriter {
  /** Writes the lines; resolves once all were accepted, rejects with the first failure (after every request sent has settled). */
  write(lines: readonly string[]): Promise<LineWriteOutcome>;
  /** Lines handed to the client whose request has not been answered yet. */
  readonly pendingLines: number;
  /** The most lines ever pending at once. */
  readonly maxPendingLines: number;
  close(): Promise<void>;
}

/** Tracks one write(): how many lines were answered, the first error, and who waits. */
class Outcome {
  settled = 0;
  dropped = 0;
  error: Error | null = null;
  private wake: (() => void) | null = null;

  settle(lines: number, error: Error | null, dropped = 0): void {
    this.settled += lines;
    this.dropped += dropped;
    if (error && !this.error) this.error = error;
    this.wake?.();
  }

  /** Resolves once `ok()` holds, re-checking after every answer. */
  async until(ok: () => boolean): Promise<void> {
    while (!ok()) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
  }
}

export function createInfluxLineWriter(options: InfluxLineWriterOptions): InfluxLineWriter {
  const window = options.batchSize * options.maxConcurrentRequests;
  let current: Outcome | null = null;
  let fed = 0;
  let maxPendingLines = 0;

  const client = new InfluxDB({ url: options.url, token: options.token, timeout: options.timeoutMs });
  const writeApi: WriteApi = client.getWriteApi(options.org, options.bucket, 'ms', {
    batchSize: options.batchSize,
    flushInterval: 0, // never on a timer: every write() flushes what it handed over
    maxRetries: 0,
    maxBufferLines: options.batchSize,
    retryJitter: 0,
    ...(options.gzipThreshold !== undefined ? { gzipThreshold: options.gzipThreshold } : {}),
    writeSuccess(lines) {
      current?.settle(lines.length, null);
    },
    writeFailed(error, lines) {
      const dropped = droppedBeyondRetention(error);
      if (dropped !== null) current?.settle(lines.length, null, dropped);
      else current?.settle(lines.length, new Error(`InfluxDB write failed: ${error.message}`, { cause: error }));
      // Handled here: returning a promise stops the client's own retry and logging.
      return Promise.resolve();
    },
  });

  return {
    async write(lines) {
      if (current) throw new Error('influx line writer: write() called while another write is running');
      const outcome = (current = new Outcome());
      fed = 0;
      try {
        while (fed < lines.length && !outcome.error) {
          const chunk = lines.slice(fed, fed + options.batchSize);
          await outcome.until(() => outcome.error !== null || fed - outcome.settled + chunk.length <= window);
          if (outcome.error) break;
          fed += chunk.length;
          maxPendingLines = Math.max(maxPendingLines, fed - outcome.settled);
          writeApi.writeRecords(chunk as string[]);
          // A full chunk was already sent by the client itself; this sends a shorter last one.
          void writeApi.flush().catch(() => undefined);
        }
        await outcome.until(() => outcome.settled >= fed);
      } finally {
        current = null;
      }
      if (outcome.error) throw outcome.error;
      return { droppedBeyondRetention: outcome.dropped };
    },
    get pendingLines() {
      return current ? fed - current.settled : 0;
    },
    get maxPendingLines() {
      return maxPendingLines;
    },
    async close() {
      await writeApi.close();
    },
  };
}

/**
 * InfluxDB writes the other points of a request and answers `partial write:
 * points beyond retention policy dropped=N` (1.x: HTTP 400) when some are
 * older than its retention period. Those points would be deleted anyway, and
 * failing the whole batch would make ingest retry it forever, so such an
 * answer counts as accepted. Returns N, or null for any other error.
 */
export function droppedBeyondRetention(error: Error): number | null {
  const json = (error as { json?: { error?: unknown; message?: unknown } }).json;
  const text = [error.message, json?.error, json?.message].filter((t) => typeof t === 'string').join(' ');
  const match = /points beyond retention policy dropped=(\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}
