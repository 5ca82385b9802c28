/**
 * Runs project programs as their own processes (as an operator would), with
 * their output captured for assertions and error messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';


export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function runTs(script: string, args: string[], env: Record<string, string>): RunningProcess {
  // One process (node with tsx's loader), not the tsx wrapper and its child: a SIGKILL must hit the program itself.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, output: () => out, exited };
}

/** A TCP port that was free a moment ago on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
