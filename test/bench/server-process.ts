/**
 * Parent-side handle of bench-server.ts: forks it under `node --import tsx`
 * (optionally with --cpu-prof), and turns the IPC channel into promises.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentRequest, ReadyInfo, ServerStartOptions, ServerStats } from './bench-protocol';

const SCRIPT = fileURLToPath(new URL('./bench-server.ts', import.meta.url));

export interface ServerProcessOptions {
  /** V8 heap limit for the server, MiB (default: node's). */
  maxOldSpaceMb?: number;
}

export class ServerProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: ChildMessage) => void; reject: (e: Error) => void }>();
  private exited: Promise<number | null>;
  info!: ReadyInfo;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: ChildMessage) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(`bench server: ${m.message}`));
      else p.resolve(m);
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        for (const p of this.pending.values()) p.reject(new Error(`bench server exited (code ${code})`));
        this.pending.clear();
        resolve(code);
      }),
    );
    // The server's logs (pino at warn) go to our stderr, never into the results on stdout.
    child.stdout?.pipe(process.stderr);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(options: ServerStartOptions, proc: ServerProcessOptions = {}): Promise<ServerProcess> {
    const execArgv = ['--import', 'tsx'];
    if (proc.maxOldSpaceMb) execArgv.push(`--max-old-space-size=${proc.maxOldSpaceMb}`);
    const child = fork(SCRIPT, [], { execArgv, stdio: ['ignore', 'pipe', 'inherit', 'ipc'], cwd: process.cwd() });
    const server = new ServerProcess(child);
    try {
      const ready = await server.request({ type: 'start', options });
      if (ready.type !== 'ready') throw new Error(`unexpected reply ${ready.type}`);
      server.info = ready.info;
      return server;
    } catch (err) {
      server.kill();
      throw err;
    }
  }

  request(msg: ParentRequest): Promise<ChildMessage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, ...msg }, (err) => {
        if (err) {
          this.pending.delete(id);
          reject(err);
        }
      });
    });
  }

  async stats(resetLoopDelay = false): Promise<ServerStats> {
    const m = await this.request({ type: 'stats', resetLoopDelay });
    if (m.type !== 'stats') throw new Error(`unexpected reply ${m.type}`);
    return m.stats;
  }

  async resetPeak(): Promise<void> {
    await this.request({ type: 'reset-peak' });
  }

  async countStored(): Promise<number> {
    const m = await this.request({ type: 'count-stored' });
    if (m.type !== 'count') throw new Error(`unexpected reply ${m.type}`);
    return m.count;
  }

  /** Starts sampling the server's CPU (inspector); profileStop writes the .cpuprofile. */
  async profileStart(): Promise<void> {
    await this.request({ type: 'profile-start' });
  }

  async profileStop(file: string): Promise<void> {
    await this.request({ type: 'profile-stop', file });
  }

  /** Stops the system, waits for the process to exit (so a CPU profile is written), returns the final stats. */
  async stop(timeoutMs = 60_000): Promise<ServerStats | null> {
    if (this.child.exitCode !== null) return null;
    const timer = setTimeout(() => this.kill(), timeoutMs);
    try {
      const m = await this.request({ type: 'stop' });
      await this.exited;
      return m.type === 'stopped' ? m.stats : null;
    } catch {
      this.kill();
      await this.exited;
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Last resort: ends only this child, by its pid. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
