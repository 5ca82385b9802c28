/**
 * InfluxQL over HTTP: the `/query` endpoint that InfluxDB 1.x serves natively
 * and 2.x (through a DBRP mapping) and 3.x serve for compatibility. Reads go
 * as GET (the one method all three document), statements that change data
 * (DELETE) as POST; timestamps come back as epoch milliseconds (`epoch=ms`).
 */
import { z } from 'zod';

/** A double-quoted InfluxQL identifier (measurement, tag or field name). */
export function quoteIdentifier(name: string): string {
  if (name.includes('\n')) throw new Error(`InfluxQL identifiers cannot contain a newline: ${JSON.stringify(name)}`);
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A single-quoted InfluxQL string literal (the scanner knows \\, \', \" and \n escapes). */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** An epoch-millisecond time literal; InfluxQL reads `1700000000000ms` as that instant. */
export function msTime(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs)) throw new Error(`not an integer epoch ms: ${epochMs}`);
  return `${epochMs}ms`;
}

const seriesSchema = z.object({
  name: z.string().optional(),
  columns: z.array(z.string()),
  values: z.array(z.array(z.unknown())).optional(),
  partial: z.boolean().optional(),
});
const statementResultSchema = z.object({
  statement_id: z.number().optional(),
  series: z.array(seriesSchema).optional(),
  error: z.string().optional(),
  partial: z.boolean().optional(),
});
const responseSchema = z.object({ results: z.array(statementResultSchema).optional(), error: z.string().optional() });

export type InfluxqlSeries = z.infer<typeof seriesSchema>;
export type InfluxqlResult = z.infer<typeof statementResultSchema>;

/** An answer from the server that names what went wrong (HTTP status and InfluxDB's own message). */
export class InfluxqlError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'InfluxqlError';
  }
}

/**
 * The server cut its answer short: InfluxDB 1.x stops a non-chunked answer at
 * `[http] max-row-limit` rows, marks it partial, and drops the statements of
 * the request it did not reach. Callers that can page catch this one.
 */
export class InfluxqlTruncatedError extends InfluxqlError {
  constructor(status: number) {
    super('InfluxDB truncated a query result (partial, [http] max-row-limit); read it in pages or disable the server row limit (max-row-limit = 0)', status);
    this.name = 'InfluxqlTruncatedError';
  }
}

export interface InfluxqlClientOptions {
  /** Base URL, e.g. http://localhost:8086 */
  url: string;
  database: string;
  retentionPolicy?: string;
  /** Value of the Authorization header, if any (`Token …` or `Basic …`). */
  authorization?: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

export interface InfluxqlClient {
  /** Runs read statements (joined with `;` into as few GET requests as fit a safe URL length); one result per statement. */
  select(statements: readonly string[]): Promise<InfluxqlResult[]>;
  /**
   * Runs one read statement and returns what came back even if the server
   * truncated it (`truncated`), for callers that read the rest in another page.
   */
  selectPage(statement: string): Promise<{ result: InfluxqlResult; truncated: boolean }>;
  /** Runs one statement that changes data (POST). */
  execute(statement: string): Promise<InfluxqlResult>;
}

/** Keeps GET request lines well below common server and proxy limits (8 KiB). */
const MAX_QUERY_URL_CHARS = 6000;

export function createInfluxqlClient(options: InfluxqlClientOptions): InfluxqlClient {
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.authorization) headers.authorization = options.authorization;
  const params = (q?: string) => {
    const p = new URLSearchParams({ db: options.database, epoch: 'ms' });
    if (options.retentionPolicy) p.set('rp', options.retentionPolicy);
    if (q !== undefined) p.set('q', q);
    return p;
  };

  /** Results of the request's statements; `truncated` when the server cut the answer short (partial, or statements left unanswered). */
  const send = async (method: 'GET' | 'POST', q: string, statements: number): Promise<{ results: InfluxqlResult[]; truncated: boolean; status: number }> => {
    const init: RequestInit =
      method === 'GET'
        ? { method, headers, signal: AbortSignal.timeout(timeoutMs) }
        : { method, headers, body: new URLSearchParams({ q }), signal: AbortSignal.timeout(timeoutMs) };
    const url = `${base}/query?${method === 'GET' ? params(q) : params()}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, init);
      text = await res.text();
    } catch (err) {
      throw new Error(`InfluxDB query failed: ${base} unreachable (${describe(err)})`, { cause: err });
    }
    const body = parseBody(text);
    const firstError = body?.error ?? body?.results?.find((r) => r.error)?.error;
    if (!res.ok || !body || firstError) {
      const reason = firstError ?? (text.trim().slice(0, 300) || res.statusText);
      throw new InfluxqlError(`InfluxDB query failed (HTTP ${res.status}): ${reason}`, res.status);
    }
    const results = body.results ?? [];
    if (results.length > statements || results.length === 0) {
      throw new InfluxqlError(`InfluxDB answered ${results.length} results for ${statements} statements`, res.status);
    }
    // Fewer results than statements (even without a partial flag): earlier statements used up the row limit exactly.
    const truncated = results.length < statements || results.some((r) => r.partial || r.series?.some((s) => s.partial));
    return { results, truncated, status: res.status };
  };

  return {
    async select(statements) {
      const results: InfluxqlResult[] = [];
      for (const group of groupByLength(statements, MAX_QUERY_URL_CHARS)) {
        const answer = await send('GET', group.join(';\n'), group.length);
        if (answer.truncated) throw new InfluxqlTruncatedError(answer.status);
        results.push(...answer.results);
      }
      return results;
    },
    async selectPage(statement) {
      const { results, truncated } = await send('GET', statement, 1);
      return { result: results[0]!, truncated };
    },
    async execute(statement) {
      const { results, truncated, status } = await send('POST', statement, 1);
      if (truncated) throw new InfluxqlTruncatedError(status);
      return results[0]!;
    },
  };
}

/** Rows of the first series of a result, or [] when the statement matched nothing. */
export function rowsOf(result: InfluxqlResult | undefined): { columns: string[]; values: unknown[][] } {
  const series = result?.series?.[0];
  return { columns: series?.columns ?? [], values: series?.values ?? [] };
}

function parseBody(text: string): z.infer<typeof responseSchema> | null {
  try {
    const parsed = responseSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function groupByLength(statements: readonly string[], maxChars: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const s of statements) {
    const cost = encodeURIComponent(s).length + 3;
    if (current.length > 0 && length + cost > maxChars) {
      groups.push(current);
      current = [];
      length = 0;
    }
    current.push(s);
    length += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

const describe = (err: unknown): string => {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
};
