/**
 * Reads every row of one device's time range from InfluxDB, however many.
 *
 * Why pages: InfluxDB 1.x cuts a non-chunked `/query` answer at
 * `[http] max-row-limit` rows (10,000 on many installations) and marks it
 * partial, and one huge answer is held whole in memory on both ends. So a
 * range is read as `WHERE time >= cursor AND time <= to ORDER BY time LIMIT
 * pageSize`, each page starting 1 ms after the last row of the previous one.
 * That is exact because one device never has two points in the same
 * millisecond (the store's point identity, see influx-telemetry-store.ts).
 *
 * Plain `LIMIT` pages instead of `chunked=true` work the same on 1.x, 2.x's
 * compatibility endpoint and 3.x. A page the server truncated below pageSize
 * (its row limit is smaller) is not an error: its rows are still the first
 * ones in time order, so the next page simply starts after them.
 */
import type { InfluxqlClient, InfluxqlResult } from './influxql';

export const DEFAULT_READ_PAGE_SIZE = 10_000;

export interface RangeRead<Row> {
  /** Inclusive epoch ms. */
  from: number;
  /** Inclusive epoch ms. */
  to: number;
  /** At most this many rows (the oldest first); default all. */
  limit?: number;
  pageSize: number;
  /** The statement for one page: rows with time in [from, to], ascending, at most `limit`. */
  statement(from: number, to: number, limit: number): string;
  /** A page's rows, in the order the server sent them. */
  rows(result: InfluxqlResult): Row[];
  ts(row: Row): number;
}

export async function readRange<Row>(influxql: InfluxqlClient, read: RangeRead<Row>): Promise<Row[]> {
  const out: Row[] = [];
  let from = read.from;
  while (from <= read.to) {
    const want = Math.min(read.pageSize, read.limit === undefined ? Infinity : read.limit - out.length);
    if (want <= 0) break;
    const { result, truncated } = await influxql.selectPage(read.statement(from, read.to, want));
    const rows = read.rows(result);
    if (rows.length === 0) {
      // An empty page marked truncated would repeat forever.
      if (truncated) throw new Error(`InfluxDB truncated a page to no rows at ${from} ms; check the server's [http] max-row-limit`);
      break;
    }
    let last = from - 1;
    for (const row of rows) {
      const ts = read.ts(row);
      // The cursor relies on strictly ascending, in-range times; anything else would skip or repeat rows silently.
      if (!(ts > last && ts <= read.to)) throw new Error(`InfluxDB returned rows out of time order while paging (${ts} ms after ${last} ms)`);
      last = ts;
      out.push(row);
    }
    if (!truncated && rows.length < want) break; // the server had no more
    from = last + 1;
  }
  return out;
}
