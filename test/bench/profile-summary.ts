/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per
 * function and per package, top first. Usage:
 *   npx tsx test/bench/profile-summary.ts data/bench/profiles/x.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  where: string;
  selfMs: number;
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  idlePct: number;
  gcPct: number;
  /** Self time per function (native callees such as SQLite's `run` show as themselves). */
  functions: ProfileEntry[];
  /** Self time per package (node_modules) or project folder. */
  packages: ProfileEntry[];
  /** Self time charged to the nearest project function up the stack (library and native time included): what our code costs. */
  projectCallers: ProfileEntry[];
}

/** "node_modules/better-sqlite3/..." -> better-sqlite3; our own code -> its top folder (gateway, server, ...). */
function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node core';
  const m = /\/work\/[^/]+\/[^/]+\/([^/]+)\//.exec(url) ?? /\/(contract|edge|gateway|server|simulators|test)\//.exec(url);
  return m ? `project ${m[1]}` : url;
}

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*?node_modules\//, '').replace(/^.*?\/(contract|edge|gateway|server|test)\//, '$1/');

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isProject = (url: string) => url !== '' && !url.includes('node_modules/') && !url.startsWith('node:') && /\/(contract|edge|gateway|server|test)\//.test(url);
  const projectCaller = (id: number): ProfileNode | null => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur)!;
      if (isProject(node.callFrame.url)) return node;
    }
    return null;
  };
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const totalUs = profile.endTime - profile.startTime;
  const fn = new Map<string, ProfileEntry>();
  const pkg = new Map<string, ProfileEntry>();
  const callers = new Map<string, ProfileEntry>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    // V8's pseudo-frames: (idle), (garbage collector), (program), (root).
    const pseudo = functionName.startsWith('(');
    if (name === '(idle)') idle += us;
    if (name === '(garbage collector)') gc += us;
    const key = `${name} ${url}:${lineNumber + 1}`;
    const e = fn.get(key) ?? { name, where: url ? `${shortUrl(url)}:${lineNumber + 1}` : '', selfMs: 0, pct: 0 };
    e.selfMs += us / 1000;
    fn.set(key, e);
    const owner = pseudo ? null : projectCaller(id);
    const harness = owner !== null && owner.callFrame.url.includes('/test/bench/');
    const ck = harness
      ? '(bench harness: inspector starting the profile)'
      : owner
        ? `${owner.callFrame.functionName || '(anonymous)'} ${shortUrl(owner.callFrame.url)}`
        : pseudo
          ? name
          : `(no project caller) ${packageOf(url)}`;
    const ce = callers.get(ck) ?? { name: ck, where: '', selfMs: 0, pct: 0 };
    ce.selfMs += us / 1000;
    callers.set(ck, ce);
    const p = pseudo ? name : packageOf(url);
    const pe = pkg.get(p) ?? { name: p, where: '', selfMs: 0, pct: 0 };
    pe.selfMs += us / 1000;
    pkg.set(p, pe);
  }
  const finish = (m: Map<string, ProfileEntry>) =>
    [...m.values()]
      .map((e) => ({ ...e, selfMs: Math.round(e.selfMs), pct: Math.round((e.selfMs / (totalUs / 1000)) * 1000) / 10 }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top);
  return {
    totalMs: Math.round(totalUs / 1000),
    idlePct: Math.round((idle / totalUs) * 1000) / 10,
    gcPct: Math.round((gc / totalUs) * 1000) / 10,
    functions: finish(fn),
    packages: finish(pkg),
    projectCallers: finish(callers),
  };
}

export function formatProfile(title: string, s: ProfileSummary): string {
  const lines = [`${title}: ${s.totalMs} ms profiled, idle ${s.idlePct} %, GC ${s.gcPct} %`, '  by package (self time):'];
  for (const p of s.packages.slice(0, 10)) lines.push(`    ${String(p.pct).padStart(5)} %  ${p.name}`);
  lines.push('  charged to the nearest project function (its library and native callees included):');
  for (const p of s.projectCallers.slice(0, 15)) lines.push(`    ${String(p.pct).padStart(5)} %  ${p.name}`);
  lines.push('  top functions (self time):');
  for (const f of s.functions) lines.push(`    ${String(f.pct).padStart(5)} %  ${f.name}  ${f.where}`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: tsx test/bench/profile-summary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(formatProfile(file, summarizeProfile(file, Number(process.argv[3] ?? 25))) + '\n');
}
