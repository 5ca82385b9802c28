/**
 * The edge agent's durable outbox: every sample is written here before it is
 * published, and removed only once the broker has acknowledged it. It also
 * owns the per-device sequence numbers, so seq never repeats or goes back,
 * across restarts too.
 *
 * Durability: WAL with synchronous=FULL. In WAL mode NORMAL survives a process
 * crash but may lose the last commits on power loss; a lost commit would roll
 * `next_seq` back, and samples taken after the restart would reuse seqs the
 * gateway has already stored, so it would drop them as duplicates: a silent
 * loss. FULL fsyncs each commit; the agent keeps commits few (one per sampling
 * tick, one per burst of acknowledgements).
 *
 * When full (`maxPending` samples waiting) the OLDEST pending samples are
 * evicted to make room, counted per device in `dropped` (persisted) and
 * reported to the caller, which logs them as an error. Newest data wins because
 * it shows the machine's current condition, which is what raises work orders
 * once the link is back; the evicted seqs leave a gap the gateway can see.
 * (A sample evicted while its batch was already in flight may still arrive; it
 * is counted as dropped all the same, so the count errs on the side of loss.)
 */
import Database from 'better-sqlite3';
import type { Sample } from '../contract/telemetry';

export const DEFAULT_MAX_PENDING = 500_000;

export interface OutboxOptions {
  /** Most samples kept waiting; beyond it the oldest are evicted. */
  maxPending?: number;
}

export interface NewSample {
  deviceId: string;
  sample: Sample;
}

export interface AppendResult {
  /** The seq given to each appended sample, in input order. */
  seqs: number[];
  /** Oldest pending samples evicted to stay within maxPending, per device. */
  evicted: Map<string, number>;
}

/** Pending samples of one device with consecutive seqs and non-decreasing ts. */
export interface PendingRun {
  deviceId: string;
  seq: number;
  /** Each sample serialized as JSON, ready to splice into a message. */
  sampleJson: string[];
}

/** A run of seqs the broker acknowledged: seq .. seq + count - 1. */
export interface AckedRange {
  deviceId: string;
  seq: number;
  count: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS outbox_device (
    device_id TEXT PRIMARY KEY,
    next_seq  INTEGER NOT NULL,
    dropped   INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS outbox_sample (
    id        INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    ts        INTEGER NOT NULL,
    body      TEXT NOT NULL,
    UNIQUE (device_id, seq)
  );
`;

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  return {
    upsertSeq: db.prepare('INSERT INTO outbox_device (device_id, next_seq) VALUES (?, ?) ON CONFLICT (device_id) DO UPDATE SET next_seq = excluded.next_seq'),
    insert: db.prepare('INSERT INTO outbox_sample (device_id, seq, ts, body) VALUES (?, ?, ?, ?)'),
    evictOldest: db.prepare('DELETE FROM outbox_sample WHERE id IN (SELECT id FROM outbox_sample ORDER BY id LIMIT ?) RETURNING device_id'),
    addDropped: db.prepare('UPDATE outbox_device SET dropped = dropped + ? WHERE device_id = ?'),
    readFrom: db.prepare('SELECT seq, ts, body FROM outbox_sample WHERE device_id = ? AND seq >= ? ORDER BY seq LIMIT ?'),
    deleteRange: db.prepare('DELETE FROM outbox_sample WHERE device_id = ? AND seq >= ? AND seq < ?'),
    devicesWithPending: db.prepare('SELECT DISTINCT device_id FROM outbox_sample'),
    dropped: db.prepare('SELECT device_id, dropped FROM outbox_device WHERE dropped > 0'),
  };
}

export class Outbox {
  readonly path: string;
  readonly maxPending: number;
  private readonly db: Database.Database;
  private readonly nextSeqs = new Map<string, number>();
  private pendingCount: number;
  private readonly stmt: Statements;

  constructor(path: string, options: OutboxOptions = {}) {
    const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    if (!Number.isInteger(maxPending) || maxPending < 1) throw new RangeError(`maxPending must be a positive integer (got ${maxPending})`);
    this.path = path;
    this.maxPending = maxPending;
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.stmt = prepareStatements(this.db);
    for (const row of this.db.prepare('SELECT device_id, next_seq FROM outbox_device').all() as { device_id: string; next_seq: number }[]) {
      this.nextSeqs.set(row.device_id, row.next_seq);
    }
    this.pendingCount = (this.db.prepare('SELECT COUNT(*) AS n FROM outbox_sample').get() as { n: number }).n;
  }

  /** Appends samples in one transaction, giving each the next seq of its device. */
  append(entries: readonly NewSample[]): AppendResult {
    return this.db.transaction((): AppendResult => {
      const seqs: number[] = [];
      const touched = new Map<string, number>();
      for (const { deviceId, sample } of entries) {
        const seq = touched.get(deviceId) ?? this.nextSeq(deviceId);
        const body = JSON.stringify({ ts: sample.ts, temperature: sample.temperature, vibration: sample.vibration, current: sample.current });
        this.stmt.insert.run(deviceId, seq, sample.ts, body);
        touched.set(deviceId, seq + 1);
        seqs.push(seq);
      }
      for (const [deviceId, next] of touched) this.stmt.upsertSeq.run(deviceId, next);
      const evicted = this.evictOverflow(this.pendingCount + entries.length - this.maxPending);
      // Only now, with every statement done, mirror the new state in memory: a
      // throw above rolls the transaction back and leaves the mirror untouched.
      for (const [deviceId, next] of touched) this.nextSeqs.set(deviceId, next);
      let evictedTotal = 0;
      for (const n of evicted.values()) evictedTotal += n;
      this.pendingCount += entries.length - evictedTotal;
      return { seqs, evicted };
    })();
  }

  private evictOverflow(overflow: number): Map<string, number> {
    const evicted = new Map<string, number>();
    if (overflow <= 0) return evicted;
    for (const row of this.stmt.evictOldest.all(overflow) as { device_id: string }[]) {
      evicted.set(row.device_id, (evicted.get(row.device_id) ?? 0) + 1);
    }
    for (const [deviceId, n] of evicted) this.stmt.addDropped.run(n, deviceId);
    return evicted;
  }

  /** The seq the device's next sample will get. */
  nextSeq(deviceId: string): number {
    return this.nextSeqs.get(deviceId) ?? 0;
  }

  /**
   * The oldest pending samples of a device with seq >= fromSeq: at most
   * maxSamples, stopping before a seq gap or a timestamp going backwards, so
   * the run is one valid telemetry message. Null when nothing is pending.
   */
  readRun(deviceId: string, fromSeq: number, maxSamples: number): PendingRun | null {
    const rows = this.stmt.readFrom.all(deviceId, fromSeq, maxSamples) as { seq: number; ts: number; body: string }[];
    const first = rows[0];
    if (!first) return null;
    const sampleJson = [first.body];
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i]!;
      const prev = rows[i - 1]!;
      if (row.seq !== prev.seq + 1 || row.ts < prev.ts) break;
      sampleJson.push(row.body);
    }
    return { deviceId, seq: first.seq, sampleJson };
  }

  /** Removes acknowledged samples in one transaction; returns how many were still pending. */
  acknowledge(ranges: readonly AckedRange[]): number {
    const removed = this.db.transaction(() => {
      let n = 0;
      for (const r of ranges) n += this.stmt.deleteRange.run(r.deviceId, r.seq, r.seq + r.count).changes;
      return n;
    })();
    this.pendingCount -= removed;
    return removed;
  }

  /** Samples waiting to be acknowledged. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Devices that have samples pending. */
  devicesWithPending(): string[] {
    return (this.stmt.devicesWithPending.all() as { device_id: string }[]).map((r) => r.device_id);
  }

  /** Samples ever evicted because the outbox was full, per device (persisted). */
  droppedByDevice(): Map<string, number> {
    const rows = this.stmt.dropped.all() as { device_id: string; dropped: number }[];
    return new Map(rows.map((r) => [r.device_id, r.dropped]));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
