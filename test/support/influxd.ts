/**
 * Starts a real InfluxDB 1.x server (`influxd`, Debian's `influxdb` package)
 * for tests: random loopback ports, a temporary config file and data folder,
 * one database created up front. InfluxDB 1.6 lacks the `/api/v2/write`
 * endpoint the official client writes to (1.8+ and 2.x serve it), so a small
 * test-only proxy in front translates that one request to 1.x `/write` and
 * forwards everything else unchanged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INFLUXD_BIN = process.env.INFLUXD_BIN ?? '/usr/bin/influxd';

export interface RunningInfluxd {
  /** Base URL of the proxy: what a store under test connects to. */
  url: string;
  /** Base URL of influxd itself, bypassing the proxy. */
  directUrl: string;
  /** The database created at start. */
  database: string;
  /** Runs InfluxQL against influxd (POST /query); throws on an HTTP or statement error. */
  influxql(q: string, db?: string): Promise<InfluxqlResult[]>;
  /** Stops influxd only (the proxy stays up and answers 502), as in an outage. */
  stopServer(): Promise<void>;
  /** Starts influxd again on the same ports and data. */
  startServer(): Promise<void>;
  /** Stops influxd and the proxy and deletes the data folder. */
  stop(): Promise<void>;
}

export interface InfluxqlResult {
  statement_id: number;
  error?: string;
  series?: { name: string; columns: string[]; values: unknown[][] }[];
}

export interface StartInfluxdOptions {
  database?: string;
  /**
   * `[http] max-row-limit`: rows a non-chunked query may return before
   * influxd truncates the answer and marks it partial. Default 0 (no limit);
   * set it to test reads against a server configured to truncate.
   */
  maxRowLimit?: number;
}

export async function startInfluxd(options: StartInfluxdOptions = {}): Promise<RunningInfluxd> {
  if (!existsSync(INFLUXD_BIN)) {
    throw new Error(`InfluxDB is not installed (no ${INFLUXD_BIN}): run \`apt-get install influxdb\` (CI installs it); set INFLUXD_BIN to use another binary`);
  }
  const database = options.database ?? 'pdm_test';
  const dir = mkdtempSync(join(tmpdir(), 'pdm-influxd-'));
  const [httpPort, rpcPort] = [await freePort(), await freePort()];
  const configFile = join(dir, 'influxdb.conf');
  writeFileSync(configFile, influxdConfig(dir, httpPort, rpcPort, options.maxRowLimit ?? 0));
  const directUrl = `http://127.0.0.1:${httpPort}`;

  let child: Influxd | null = null;
  const killOnExit = () => child?.kill();
  process.once('exit', killOnExit);

  const startServer = async () => {
    if (child) return;
    const proc = spawnInfluxd(configFile);
    child = proc;
    try {
      await Promise.race([waitForPing(directUrl, 15_000), proc.exited.then(() => Promise.reject(new Error(`influxd exited before answering /ping:\n${proc.stderr()}`)))]);
    } catch (err) {
      child = null;
      await proc.stop();
      throw err;
    }
  };
  const stopServer = async () => {
    const proc = child;
    child = null;
    await proc?.stop();
  };

  const influxql = (q: string, db?: string) => runInfluxql(directUrl, q, db);
  let proxy: Server | null = null;
  try {
    await startServer();
    await influxql(`CREATE DATABASE "${database}"`);
    proxy = await startWriteProxy(httpPort);
  } catch (err) {
    await stopServer();
    rmSync(dir, { recursive: true, force: true });
    process.removeListener('exit', killOnExit);
    throw err;
  }
  const proxyPort = (proxy.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${proxyPort}`,
    directUrl,
    database,
    influxql,
    stopServer,
    startServer,
    async stop() {
      await closeServer(proxy!);
      await stopServer();
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function influxdConfig(dir: string, httpPort: number, rpcPort: number, maxRowLimit: number): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = "${join(dir, 'meta')}"
  logging-enabled = false

[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  query-log-enabled = false

[monitor]
  store-enabled = false

[subscriber]
  enabled = false

[continuous_queries]
  enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false
  max-row-limit = ${maxRowLimit}

[logging]
  level = "warn"
  suppress-logo = true
`;
}

/** InfluxDB 1.x `/write` precision names for the 2.x ones. */
const PRECISION_1X: Record<string, string> = { ns: 'n', us: 'u', ms: 'ms', s: 's' };

/**
 * `POST /api/v2/write?org=&bucket=db[/rp]&precision=` becomes
 * `POST /write?db=&rp=&precision=` (body and headers passed through);
 * every other request is forwarded unchanged. Answers 502 while influxd is down.
 */
function startWriteProxy(targetPort: number): Promise<Server> {
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    let path = url.pathname + url.search;
    if (req.method === 'POST' && url.pathname === '/api/v2/write') {
      const [db = '', rp] = (url.searchParams.get('bucket') ?? '').split('/');
      const target = new URLSearchParams({ db });
      if (rp) target.set('rp', rp);
      const precision = url.searchParams.get('precision');
      if (precision) target.set('precision', PRECISION_1X[precision] ?? precision);
      path = `/write?${target}`;
    }
    const upstream = request({ host: '127.0.0.1', port: targetPort, method: req.method, path, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', (err) => {
      if (res.headersSent) return void res.destroy(err);
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `proxy: influxd unreachable (${err.message})` }));
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function runInfluxql(baseUrl: string, q: string, db?: string): Promise<InfluxqlResult[]> {
  const params = new URLSearchParams({ q, epoch: 'ms' });
  if (db) params.set('db', db);
  const res = await fetch(`${baseUrl}/query`, { method: 'POST', body: params });
  const body = (await res.json()) as { results?: InfluxqlResult[]; error?: string };
  const failed = body.error ?? body.results?.find((r) => r.error)?.error;
  if (!res.ok || failed) throw new Error(`InfluxQL ${q} -> ${res.status}: ${failed ?? 'no results'}`);
  return body.results ?? [];
}

async function waitForPing(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/ping`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 204) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`influxd did not answer ${baseUrl}/ping within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Influxd {
  /** Resolves when influxd has exited. */
  exited: Promise<void>;
  stderr(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
  /** SIGKILL now (synchronous, for process exit). */
  kill(): void;
}

/**
 * Runs influxd under a shell watchdog that kills it as soon as our end of
 * the watchdog's stdin closes, so no influxd outlives this process even when
 * the test worker is killed without running its exit handlers.
 */
const WATCHDOG = `exec 3<&0
"$1" -config "$2" </dev/null >/dev/null &
pid=$!
echo "$pid"
(read _ <&3; kill "$pid" 2>/dev/null) </dev/null >/dev/null 2>&1 &
wait "$pid"`;

function spawnInfluxd(configFile: string): Influxd {
  const proc: ChildProcess = spawn('/bin/sh', ['-c', WATCHDOG, 'influxd-watchdog', INFLUXD_BIN, configFile], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let pid: number | null = null;
  proc.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  proc.stdout!.once('data', (chunk: Buffer) => (pid = Number.parseInt(chunk.toString(), 10) || null));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const hardKill = () => {
    if (pid !== null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  return {
    exited,
    stderr: () => stderr,
    async stop() {
      proc.stdin!.end(); // the watchdog sends SIGTERM to influxd
      const force = setTimeout(hardKill, 5000);
      await exited;
      clearTimeout(force);
    },
    kill() {
      hardKill();
      proc.stdin!.destroy();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
