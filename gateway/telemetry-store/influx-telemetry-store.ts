/**
 * Telemetry in InfluxDB (1.8+, 2.x, 3.x; 1.x older than 1.8 behind a proxy
 * that serves /api/v2/write). One point per sample: measurement `telemetry`,
 * tag `device`, float fields temperature / vibration / current, integer field
 * `seq`, timestamp in ms. Writes go through the official client's write API;
 * reads are InfluxQL over `/query`.
 *
 * Identity. InfluxDB keys a point by measurement + tag set + timestamp and
 * overwrites a point written again with the same key. The store therefore
 * relies on two facts of this system: a (device, seq) always carries the same
 * ts (a replay is the same sample, resent), and one device never has two
 * samples in the same millisecond. Then (device, ts) identifies a sample, a
 * replay lands on the point it repeats, and `seq` stays a plain field (a tag
 * would create one series per sample). To report written / duplicate counts,
 * and to leave stored points untouched, write() first reads which of the
 * batch's timestamps each device already has. A sample whose millisecond is
 * already taken by another seq cannot be stored without overwriting it: it is
 * skipped, counted among the duplicates and reported through onWarning.
 *
 * Reads. query() reads a range in time-ordered pages (influx-range-reader.ts),
 * so a server that truncates answers at its `max-row-limit` still yields
 * every point (buckets() pages the same way, influx-bucket-reader.ts); write()'s lookup of stored timestamps falls back to the same
 * paging per device when the server truncates its one batched request.
 *
 * Durability. write() resolves only once InfluxDB has answered every request
 * with success and rejects otherwise, so ingest keeps withholding MQTT acks
 * and retries; writes are serialized, so counts stay exact. Samples InfluxDB
 * refuses as older than its own retention period (a "partial write") would be
 * deleted anyway: they count as neither written nor duplicate, and show in
 * stats.droppedBeyondRetention instead of failing the batch forever.
 *
 * Retention. applyRetention() counts, then runs InfluxQL `DELETE FROM
 * telemetry WHERE time < cutoff` (InfluxDB 1.x, where it covers every
 * retention policy of the database; OSS 2.x documents it for /query too). A server without it
 * (InfluxDB 3, Cloud Serverless) answers "not implemented / not supported":
 * from then on applyRetention() is a no-op returning 0 and the database's or
 * bucket's own retention period must enforce the limit (reported once through
 * onWarning). lastSeq() is the highest seq still stored, so it forgets a
 * device whose points have all expired.
 */
import { Point } from '@influxdata/influxdb-client';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createInfluxLineWriter } from './influx-line-writer';
import { readBuckets } from './influx-bucket-reader';
import { DEFAULT_READ_PAGE_SIZE, readRange } from './influx-range-reader';
import { createInfluxqlClient, InfluxqlError, InfluxqlTruncatedError, msTime, quoteIdentifier as id, quoteString as str, rowsOf, type InfluxqlResult } from './influxql';
import type { TelemetryQuery, TelemetryStore, WriteResult } from './telemetry-store';

export interface InfluxTelemetryStoreOptions {
  /** Base URL of InfluxDB, e.g. http://localhost:8086 */
  url: string;
  /** API token (2.x / 3.x). */
  token?: string;
  /** 1.x credentials (sent as Basic auth to /query and as `Token user:password` to /api/v2/write). */
  username?: string;
  password?: string;
  /** 2.x organization (ignored by 1.x and 3.x). */
  org?: string;
  /** 2.x bucket written to; default `database[/retentionPolicy]`. */
  bucket?: string;
  /** Database for InfluxQL reads (1.x, 3.x, or the DBRP-mapped name on 2.x); default: from the bucket's virtual DBRP mapping (`db/rp` or `bucket`). */
  database?: string;
  retentionPolicy?: string;
  /** applyRetention() deletes samples older than this; default 30 days. */
  retentionMs?: number;
  /** Lines per HTTP write request; default 5000. */
  batchSize?: number;
  /** HTTP write requests in flight at once; default 2. */
  maxConcurrentRequests?: number;
  /** Rows per read request when reading a range (query(), write()'s lookup); default 10,000. */
  readPageSize?: number;
  /** Per HTTP request; default 10 s. */
  timeoutMs?: number;
  /** Write bodies larger than this many bytes are gzipped; default the client's (1000). */
  gzipThreshold?: number;
  /** Things an operator should know that are not errors (skipped samples, retention left to the server). */
  onWarning?: (message: string) => void;
}

export interface InfluxTelemetryStore extends TelemetryStore {
  readonly kind: 'influxdb';
  /** Runs one cheap query; throws with InfluxDB's reason if it is unreachable, refuses the credentials or lacks the database / DBRP mapping. */
  verify(): Promise<void>;
  readonly stats: {
    /** Lines handed to the client and not yet answered. */
    readonly pendingLines: number;
    /** The most lines ever pending at once (at most batchSize × maxConcurrentRequests). */
    readonly maxPendingLines: number;
    /** Samples skipped because another seq of the device holds their millisecond. */
    readonly timestampClashes: number;
    /** Samples InfluxDB refused because they are older than its retention period. */
    readonly droppedBeyondRetention: number;
  };
}

const MEASUREMENT = 'telemetry';
const FIELDS = ['temperature', 'vibration', 'current', 'seq'] as const;
const DAY_MS = 86_400_000;

export function createInfluxTelemetryStore(options: InfluxTelemetryStoreOptions): InfluxTelemetryStore {
  // On 2.x a bucket without an explicit DBRP mapping is readable through its virtual one: `db/rp` or `bucket`/autogen.
  const [bucketDb, bucketRp] = options.bucket?.split('/', 2) ?? [];
  const database = options.database ?? bucketDb;
  const retentionPolicy = options.retentionPolicy ?? (options.database ? undefined : bucketRp);
  if (!database) throw new Error('InfluxDB telemetry store: set a database (1.x / 3.x) or a bucket (2.x)');
  if (options.token && options.username) throw new Error('InfluxDB telemetry store: use either a token or a username/password, not both');
  if (options.username !== undefined && options.password === undefined) throw new Error('InfluxDB telemetry store: a username needs a password');
  const retentionMs = options.retentionMs ?? 30 * DAY_MS;
  const pageSize = Math.floor(options.readPageSize ?? DEFAULT_READ_PAGE_SIZE);
  if (!(pageSize >= 1)) throw new Error(`InfluxDB telemetry store: readPageSize must be at least 1, got ${options.readPageSize}`);
  const warn = options.onWarning ?? (() => undefined);
  const basic = options.username !== undefined ? `${options.username}:${options.password}` : undefined;

  const influxql = createInfluxqlClient({
    url: options.url,
    database,
    ...(retentionPolicy ? { retentionPolicy } : {}),
    ...(options.token ? { authorization: `Token ${options.token}` } : basic ? { authorization: `Basic ${Buffer.from(basic).toString('base64')}` } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const lines = createInfluxLineWriter({
    url: options.url,
    ...(options.token || basic ? { token: options.token ?? basic } : {}),
    org: options.org ?? '',
    bucket: options.bucket ?? (retentionPolicy ? `${database}/${retentionPolicy}` : database),
    batchSize: options.batchSize ?? 5000,
    maxConcurrentRequests: options.maxConcurrentRequests ?? 2,
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.gzipThreshold !== undefined ? { gzipThreshold: options.gzipThreshold } : {}),
  });

  let timestampClashes = 0;
  let droppedBeyondRetention = 0;
  let retentionByServer = false;
  let closed = false;
  /** Writes and retention run one at a time, so a batch's lookup and its write see no other writer of ours. */
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const assertOpen = () => {
    if (closed) throw new Error('InfluxDB telemetry store is closed');
  };

  const fieldList = FIELDS.map(id).join(', ');
  const inRange = (deviceId: string, from: number, to: number) => `${deviceIs(deviceId)} AND time >= ${msTime(from)} AND time <= ${msTime(to)}`;
  /** Rows of `fields` of one device in [from, to], oldest first, in pages. */
  const readDevice = <Row>(deviceId: string, fields: string, from: number, to: number, rows: (r: InfluxqlResult) => Row[], ts: (row: Row) => number, limit?: number) =>
    readRange(influxql, {
      from,
      to,
      pageSize,
      ...(limit !== undefined ? { limit } : {}),
      statement: (lo, hi, most) => `SELECT ${fields} FROM ${id(MEASUREMENT)} WHERE ${inRange(deviceId, lo, hi)} ORDER BY time ASC LIMIT ${most}`,
      rows,
      ts,
    });
  const deviceIs = (deviceId: string) => `${id('device')} = ${str(deviceId)}`;
  const firstValue = (result: InfluxqlResult | undefined): number | null => {
    const value = rowsOf(result).values[0]?.[1];
    return typeof value === 'number' ? value : null;
  };

  const writeBatch = async (points: readonly TelemetryPoint[]): Promise<WriteResult> => {
    const unique = uniqueBySeq(points);
    const taken = await storedTimestamps(unique);
    const fresh: TelemetryPoint[] = [];
    let clashes = 0;
    let example = '';
    for (const p of unique) {
      const ofDevice = taken.get(p.deviceId)!;
      const holder = ofDevice.get(p.ts);
      if (holder === undefined) {
        ofDevice.set(p.ts, p.seq);
        fresh.push(p);
      } else if (holder !== p.seq) {
        if (clashes++ === 0) example = `${p.deviceId} seq ${p.seq}: seq ${holder} already holds ts ${p.ts}`;
      }
    }
    if (clashes > 0) {
      timestampClashes += clashes;
      warn(`${clashes} telemetry sample(s) skipped because their device already has a sample at that millisecond (InfluxDB keeps one point per device and ms), e.g. ${example}`);
    }
    if (fresh.length === 0) return { written: 0, duplicates: points.length };
    const outcome = await lines.write(fresh.map(toLine));
    droppedBeyondRetention += outcome.droppedBeyondRetention;
    const written = fresh.length - outcome.droppedBeyondRetention;
    return { written, duplicates: points.length - fresh.length };
  };

  /** Per device: ts -> seq of the points already stored within the batch's time span of that device. */
  const storedTimestamps = async (points: readonly TelemetryPoint[]): Promise<Map<string, Map<number, number>>> => {
    const spans = new Map<string, { from: number; to: number }>();
    for (const p of points) {
      const span = spans.get(p.deviceId);
      if (!span) spans.set(p.deviceId, { from: p.ts, to: p.ts });
      else {
        span.from = Math.min(span.from, p.ts);
        span.to = Math.max(span.to, p.ts);
      }
    }
    const devices = [...spans.keys()];
    const taken = new Map<string, Map<number, number>>();
    const record = (d: string, rows: unknown[][]) => {
      const byTs = taken.get(d) ?? new Map<number, number>();
      for (const [ts, seq] of rows) if (typeof ts === 'number' && typeof seq === 'number') byTs.set(ts, seq);
      taken.set(d, byTs);
    };
    try {
      // Usually one request for the whole batch: a fresh batch's span holds few stored points.
      const results = await influxql.select(devices.map((d) => `SELECT ${id('seq')} FROM ${id(MEASUREMENT)} WHERE ${inRange(d, spans.get(d)!.from, spans.get(d)!.to)}`));
      devices.forEach((d, i) => record(d, rowsOf(results[i]).values));
    } catch (err) {
      // Over the server's row limit (e.g. a replay spanning hours of stored points): page per device,
      // or the lookup would fail on every retry and hold ingest forever.
      if (!(err instanceof InfluxqlTruncatedError)) throw err;
      taken.clear();
      for (const d of devices) {
        const { from, to } = spans.get(d)!;
        record(d, await readDevice(d, id('seq'), from, to, (r) => rowsOf(r).values, (row) => row[0] as number));
      }
    }
    return taken;
  };

  const applyRetention = async (now: number): Promise<number> => {
    if (retentionByServer) return 0;
    const cutoff = msTime(Math.floor(now - retentionMs));
    const [counted] = await influxql.select([`SELECT COUNT(${id('seq')}) FROM ${id(MEASUREMENT)} WHERE time < ${cutoff}`]);
    const expired = firstValue(counted) ?? 0;
    if (expired === 0) return 0;
    try {
      await influxql.execute(`DELETE FROM ${id(MEASUREMENT)} WHERE time < ${cutoff}`);
    } catch (err) {
      if (!(err instanceof InfluxqlError) || !/not (yet )?(implemented|supported)|unsupported/i.test(err.message)) throw err;
      retentionByServer = true;
      warn(`InfluxDB cannot DELETE (${err.message}); telemetry retention is left to the database's / bucket's retention period`);
      return 0;
    }
    return expired;
  };

  return {
    kind: 'influxdb',
    async write(points) {
      assertOpen();
      if (points.length === 0) return { written: 0, duplicates: 0 };
      return exclusive(() => writeBatch(points));
    },
    async query({ deviceId, from, to, limit }: TelemetryQuery) {
      const lo = Math.max(0, Math.ceil(from));
      const hi = Math.floor(to);
      const most = limit === undefined ? undefined : Math.floor(limit);
      if (hi < lo || (most !== undefined && most <= 0)) return [];
      return readDevice(deviceId, fieldList, lo, hi, (r) => toPoints(deviceId, r), (p) => p.ts, most);
    },
    async buckets({ deviceId, from, to, bucketMs }) {
      return readBuckets(influxql, { measurement: MEASUREMENT, where: deviceIs(deviceId), from, to, bucketMs, pageSize });
    },
    async latest(deviceId) {
      const [result] = await influxql.select([`SELECT ${fieldList} FROM ${id(MEASUREMENT)} WHERE ${deviceIs(deviceId)} ORDER BY time DESC LIMIT 1`]);
      return toPoints(deviceId, result)[0] ?? null;
    },
    async lastSeq(deviceId) {
      const [result] = await influxql.select([`SELECT MAX(${id('seq')}) FROM ${id(MEASUREMENT)} WHERE ${deviceIs(deviceId)}`]);
      return firstValue(result);
    },
    async count(deviceId) {
      const where = deviceId === undefined ? '' : ` WHERE ${deviceIs(deviceId)}`;
      const [result] = await influxql.select([`SELECT COUNT(${id('seq')}) FROM ${id(MEASUREMENT)}${where}`]);
      return firstValue(result) ?? 0;
    },
    async applyRetention(now) {
      assertOpen();
      return exclusive(() => applyRetention(now));
    },
    async verify() {
      await influxql.select([`SELECT ${id('seq')} FROM ${id(MEASUREMENT)} LIMIT 1`]);
    },
    stats: {
      get pendingLines() {
        return lines.pendingLines;
      },
      get maxPendingLines() {
        return lines.maxPendingLines;
      },
      get timestampClashes() {
        return timestampClashes;
      },
      get droppedBeyondRetention() {
        return droppedBeyondRetention;
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await lines.close();
    },
  };
}

/** The first occurrence of each (device, seq) in a batch. */
function uniqueBySeq(points: readonly TelemetryPoint[]): TelemetryPoint[] {
  const seen = new Set<string>();
  return points.filter((p) => {
    const key = `${p.deviceId}\u0000${p.seq}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toLine(p: TelemetryPoint): string {
  return new Point(MEASUREMENT)
    .tag('device', p.deviceId)
    .floatField('temperature', p.temperature)
    .floatField('vibration', p.vibration)
    .floatField('current', p.current)
    .intField('seq', p.seq)
    .timestamp(String(p.ts))
    .toLineProtocol()!;
}

/** Rows of a field selection as points; a row missing a field is foreign data and fails loudly. */
function toPoints(deviceId: string, result: InfluxqlResult | undefined): TelemetryPoint[] {
  const { columns, values } = rowsOf(result);
  const at = (name: string) => columns.indexOf(name);
  const [t, temperature, vibration, current, seq] = [at('time'), at('temperature'), at('vibration'), at('current'), at('seq')];
  return values.map((row) => {
    const num = (i: number, name: string): number => {
      const v = row[i];
      if (typeof v !== 'number') throw new Error(`InfluxDB returned a ${MEASUREMENT} point of ${deviceId} at ${String(row[t])} without a numeric ${name}`);
      return v;
    };
    return {
      deviceId,
      seq: num(seq, 'seq'),
      ts: num(t, 'time'),
      temperature: num(temperature, 'temperature'),
      vibration: num(vibration, 'vibration'),
      current: num(current, 'current'),
    };
  });
}
