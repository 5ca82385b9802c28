/** What the machine was doing: the figures only mean something next to this. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface LoadSample {
  at: string;
  label: string;
  /** 1-minute load average. */
  load1: number;
  /** Share of the last 10 s in which some runnable task waited for a CPU (Linux PSI), %. */
  cpuPressure10s: number | null;
}

export function loadSample(label: string): LoadSample {
  let cpuPressure10s: number | null = null;
  try {
    const m = /some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    if (m) cpuPressure10s = Number(m[1]);
  } catch {
    // not Linux, or PSI off
  }
  return { at: new Date().toISOString(), label, load1: Math.round(loadavg()[0]! * 100) / 100, cpuPressure10s };
}

export function machineInfo() {
  const c = cpus();
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    // not a git checkout (e.g. a `git archive` export): say which commit through BENCH_GIT_COMMIT
    commit = process.env.BENCH_GIT_COMMIT ?? null;
  }
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    git: { commit, dirty },
  };
}
