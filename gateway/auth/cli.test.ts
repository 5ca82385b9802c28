import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentAuthenticator } from './agent-authenticator';
import { buildCredentialsCli } from './cli';

describe('agent credentials CLI', () => {
  let dir: string;
  let file: string;
  let out: string[];
  let err: string[];
  const run = (...args: string[]) =>
    buildCredentialsCli({
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { AGENT_CREDENTIALS_FILE: file, PLANT_FILE: 'simulators/plants/demo-plant.json' },
      now: () => new Date('2026-11-20T06:00:00Z'),
    }).parseAsync(args, { from: 'user' });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdm-creds-'));
    file = join(dir, 'agent-credentials.json');
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds an agent, prints its secret once, and keeps only a hash (mode 0600)', async () => {
    await run('add', 'edge-utilities');
    expect(out).toHaveLength(1);
    const secret = out[0]!.trim();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(err.join('')).toMatch(/Added credentials for agent "edge-utilities"/);
    expect(err.join('')).not.toContain(secret);
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(secret);
    expect(JSON.parse(stored).agents['edge-utilities'].hash).toMatch(/^scrypt\$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const auth = new AgentAuthenticator(file);
    expect(await auth.verify('edge-utilities', secret)).toEqual({ ok: true, credential: { source: 'file', hash: expect.stringMatching(/^scrypt\$/) } });
    expect(await auth.verify('edge-utilities', 'guess')).toEqual({ ok: false, reason: 'wrong-secret' });
    expect(await auth.verify('edge-molding-a', secret)).toEqual({ ok: false, reason: 'unknown-agent' });

    out = [];
    await run('list');
    expect(out.join('')).toBe('edge-utilities\tcreated 2026-11-20T06:00:00.000Z\n');
  });

  it('refuses a second add, rotates (old secret stops working at once), removes', async () => {
    await run('add', 'edge-utilities');
    const first = out[0]!.trim();
    await expect(run('add', 'edge-utilities')).rejects.toThrow(/already has credentials; use "rotate"/);
    const auth = new AgentAuthenticator(file);
    const login = await auth.verify('edge-utilities', first);
    if (!login.ok) throw new Error('the first secret must log in');
    expect(auth.credentialStatus('edge-utilities', login.credential)).toBe('current');
    const generation = auth.fileGeneration();

    await run('rotate', 'edge-utilities');
    const second = out[1]!.trim();
    expect(second).not.toBe(first);
    expect(auth.fileGeneration()).toBe(generation + 1);
    expect(auth.credentialStatus('edge-utilities', login.credential)).toBe('rotated'); // what the broker asks of a connected session
    expect((await auth.verify('edge-utilities', first)).ok).toBe(false); // re-read without a restart
    expect((await auth.verify('edge-utilities', second)).ok).toBe(true);

    await run('remove', 'edge-utilities');
    expect(auth.credentialStatus('edge-utilities', login.credential)).toBe('removed');
    expect(auth.credentialStatus('edge-utilities', { source: 'in-process' })).toBe('current');
    expect(await auth.verify('edge-utilities', second)).toEqual({ ok: false, reason: 'unknown-agent' });
    await expect(run('rotate', 'edge-utilities')).rejects.toThrow(/has no credentials; use "add" first/);
  });

  it('warns about an agent the plant file does not have, and refuses an id that cannot be a topic segment', async () => {
    await run('add', 'edge-roof');
    expect(err.join('')).toMatch(/agent "edge-roof" is not in simulators\/plants\/demo-plant.json/);
    await expect(run('add', 'bad/id')).rejects.toThrow(/agent id "bad\/id" must match/);
  });

  it('names the problem in a damaged credentials file', async () => {
    await run('add', 'edge-utilities');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ version: 1, agents: { 'edge-utilities': { hash: 'plain', createdAt: 'x', rotatedAt: null } } }));
    await expect(run('list')).rejects.toThrow(/agent credentials file .* is invalid: agents\.edge-utilities\.hash: must be a scrypt hash/);
  });
});
