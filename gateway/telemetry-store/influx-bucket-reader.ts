/**
 * TelemetryStore.buckets() for InfluxDB: one InfluxQL aggregate per page,
 * `SELECT count, min, max, mean ... GROUP BY time(<w>ms, <offset>ms) fill(none)`,
 * so the server aggregates and only the buckets travel. The offset aligns the
 * buckets to `from` (InfluxDB aligns them to the epoch plus the offset), which
 * gives the same bucket starts as the SQLite store; fill(none) leaves empty
 * buckets out, as the interface says.
 *
 * Pages: a server with a `max-row-limit` truncates the answer like any other
 * (one row per bucket), so the rest is read from the bucket after the last
 * one returned. A page starts on a bucket boundary, so no bucket is split.
 */
import { bucketCount } from './telemetry-buckets';
import { msTime, quoteIdentifier as id, rowsOf, type InfluxqlClient } from './influxql';
import type { MetricValues, TelemetryBucket } from './telemetry-store';

const METRICS = ['temperature', 'vibration', 'current'] as const;
const AGGREGATES = ['min', 'max', 'mean'] as const;

export interface BucketRead {
  measurement: string;
  /** The condition selecting the device's series, e.g. `"device" = 'P-104'`. */
  where: string;
  from: number;
  to: number;
  bucketMs: number;
  /** Most buckets per request. */
  pageSize: number;
}

export async function readBuckets(influxql: InfluxqlClient, read: BucketRead): Promise<TelemetryBucket[]> {
  const { from, to, bucketMs, pageSize } = read;
  if (bucketCount(from, to, bucketMs) === 0) return [];
  const offset = ((from % bucketMs) + bucketMs) % bucketMs;
  const columns = [`COUNT(${id('seq')}) AS ${id('n')}`];
  for (const a of AGGREGATES) for (const m of METRICS) columns.push(`${a.toUpperCase()}(${id(m)}) AS ${id(`${a}_${m}`)}`);
  const out: TelemetryBucket[] = [];
  // InfluxDB stores no time before the epoch; the first page starts on the first bucket boundary at or after 0.
  let lo = from >= 0 ? from : from + Math.ceil(-from / bucketMs) * bucketMs;
  while (lo <= to) {
    const statement =
      `SELECT ${columns.join(', ')} FROM ${id(read.measurement)} WHERE ${read.where} AND time >= ${msTime(lo)} AND time <= ${msTime(to)}` +
      ` GROUP BY time(${bucketMs}ms, ${offset}ms) fill(none) LIMIT ${pageSize}`;
    const { result, truncated } = await influxql.selectPage(statement);
    const { columns: names, values } = rowsOf(result);
    if (values.length === 0) {
      if (truncated) throw new Error(`InfluxDB truncated a bucket page to no rows at ${lo} ms; check the server's [http] max-row-limit`);
      break;
    }
    const at = (name: string) => names.indexOf(name);
    const t = at('time');
    const n = at('n');
    const index = AGGREGATES.map((a) => METRICS.map((m) => at(`${a}_${m}`)));
    let last = lo - bucketMs;
    for (const row of values) {
      const num = (i: number, what: string): number => {
        const v = row[i];
        if (typeof v !== 'number') throw new Error(`InfluxDB returned a ${read.measurement} bucket at ${String(row[t])} without a numeric ${what}`);
        return v;
      };
      const ts = num(t, 'time');
      // The next page starts after the last bucket; anything out of order would skip or repeat buckets silently.
      if (!(ts > last && ts <= to)) throw new Error(`InfluxDB returned buckets out of time order (${ts} ms after ${last} ms)`);
      last = ts;
      const values3 = (a: number): MetricValues => ({
        temperature: num(index[a]![0]!, `${AGGREGATES[a]} temperature`),
        vibration: num(index[a]![1]!, `${AGGREGATES[a]} vibration`),
        current: num(index[a]![2]!, `${AGGREGATES[a]} current`),
      });
      out.push({ ts, n: num(n, 'count'), min: values3(0), max: values3(1), mean: values3(2) });
    }
    if (!truncated && values.length < pageSize) break;
    lo = last + bucketMs;
  }
  return out;
}
