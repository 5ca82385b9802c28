import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentPasswords } from './agent-secrets';

describe('edge agent passwords', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pdm-secrets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses one password for a single agent, and refuses it for several', () => {
    expect(agentPasswords(['edge-a'], 's3cret', undefined)!('edge-a')).toBe('s3cret');
    expect(() => agentPasswords(['edge-a', 'edge-b'], 's3cret', undefined)).toThrow(/one password cannot serve 2 agents.*--secrets-file/);
    expect(agentPasswords(['edge-a'], undefined, undefined)).toBeUndefined();
  });

  it('reads a secrets file per agent and names what is missing or wrong, never a secret', () => {
    const file = join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ 'edge-a': 'aaa', 'edge-b': 'bbb' }));
    const pw = agentPasswords(['edge-a', 'edge-b'], undefined, file)!;
    expect([pw('edge-a'), pw('edge-b')]).toEqual(['aaa', 'bbb']);
    expect(() => agentPasswords(['edge-a', 'edge-c'], undefined, file)).toThrow(/has no password for edge-c/);
    writeFileSync(file, JSON.stringify({ 'edge-a': 'aaa', 'edge-b': '' }));
    const err = (() => {
      try {
        agentPasswords(['edge-a'], undefined, file);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(err).toMatch(/edge-b: must not be empty/);
    expect(err).not.toContain('aaa');
    expect(() => agentPasswords(['edge-a'], undefined, join(dir, 'none.json'))).toThrow(/secrets file .*none\.json: not found/);
    expect(() => agentPasswords(['edge-a'], 'x', file)).toThrow(/either a password or a secrets file/);
  });
});
