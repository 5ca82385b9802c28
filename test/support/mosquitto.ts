/**
 * Starts a real Eclipse Mosquitto broker (Debian's `mosquitto` package) for
 * tests: a generated mosquitto.conf with one listener on a free loopback
 * port, anonymous access, and the queue settings under test. It can be
 * stopped and started again on the same port and persistence folder, as in
 * a broker outage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes';

export const MOSQUITTO_BIN = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';

export interface MosquittoOptions {
  /**
   * Per-client queue limit beyond the in-flight window. Omitted: mosquitto's
   * default (1000), which drops QoS 1 messages to a slow subscriber.
   * 0: no limit (bounded by `maxQueuedBytes` instead).
   */
  maxQueuedMessages?: number;
  maxQueuedBytes?: number;
  /** Keep sessions and queued messages on disk across a broker restart. */
  persistence?: boolean;
}

export interface RunningMosquitto {
  url: string;
  port: number;
  /** The generated configuration, for error messages. */
  config: string;
  /** What mosquitto logged (stderr), e.g. its "Outgoing messages are being dropped" warnings. */
  log(): string;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

export function mosquittoConfig(port: number, dir: string, o: MosquittoOptions): string {
  const lines = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    // Started as root, mosquitto would switch to its own user, which cannot write the persistence folder.
    `user ${userInfo().username}`,
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    `persistence ${o.persistence ? 'true' : 'false'}`,
    `persistence_location ${dir}/`,
  ];
  if (o.maxQueuedMessages !== undefined) lines.push(`max_queued_messages ${o.maxQueuedMessages}`);
  if (o.maxQueuedBytes !== undefined) lines.push(`max_queued_bytes ${o.maxQueuedBytes}`);
  return lines.join('\n') + '\n';
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<RunningMosquitto> {
  if (!existsSync(MOSQUITTO_BIN)) {
    throw new Error(`Mosquitto is not installed (no ${MOSQUITTO_BIN}): run \`apt-get install mosquitto\` (CI installs it); set MOSQUITTO_BIN to use another binary`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'pdm-mosquitto-'));
  const port = await freePort();
  const config = mosquittoConfig(port, dir, options);
  const configFile = join(dir, 'mosquitto.conf');
  writeFileSync(configFile, config);

  let child: ChildProcess | null = null;
  let log = '';
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const startServer = async () => {
    if (child) return;
    const proc = spawn(MOSQUITTO_BIN, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout!.on('data', (d) => (log += d));
    proc.stderr!.on('data', (d) => (log += d));
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    try {
      await Promise.race([
        waitForPort(port, 10_000),
        exited.then(() => Promise.reject(new Error(`mosquitto exited at start:\n${log}\nconfig:\n${config}`))),
      ]);
    } catch (err) {
      child = null;
      proc.kill('SIGKILL');
      throw err;
    }
  };
  const stopServer = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM'); // mosquitto writes its persistence file on a clean stop
    await exited;
  };

  await startServer();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    config,
    log: () => log,
    stopServer,
    startServer,
    async stop() {
      await stopServer();
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
