/**
 * Journey, as an operator does it: give two agents credentials with the
 * credentials CLI (its own process), run them with the edge CLI and a secrets
 * file, and see their samples stored; an edge process with a wrong password
 * says so in its log and keeps running.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { loadConfig } from '../server/config';
import { startSystem, type RunningSystem } from '../server/system';
import { runTs, type RunningProcess } from './support/processes';
import { DEMO_PLANT, waitFor } from './support/system-fixture';

describe('journey: edge processes with per-agent credentials', () => {
  let dir: string;
  let sys: RunningSystem;
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pdm-edge-creds-'));
    const config = loadConfig({ PORT: '0', MQTT_PORT: '0', DATA_DIR: dir, SIMULATOR: 'off', PLANT_FILE: DEMO_PLANT, MQTT_AUTH: 'required' });
    sys = await startSystem({ config, plant: loadPlantFile(DEMO_PLANT), logger: pino({ level: 'silent' }), scenario: null });
  }, 30_000);

  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
    await sys?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams with secrets issued by the CLI while the server runs, and refuses a wrong one without crashing the edge', async () => {
    const issue = async (agentId: string) => {
      const cli = runTs('gateway/auth/cli.ts', ['add', agentId], { DATA_DIR: dir });
      expect(await cli.exited).toBe(0);
      const lines = cli.output().trim().split('\n');
      return lines[lines.length - 1]!.trim();
    };
    const secrets = { 'edge-utilities': await issue('edge-utilities'), 'edge-molding-a': await issue('edge-molding-a') };
    expect(secrets['edge-utilities']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const secretsFile = join(dir, 'edge-secrets.json');
    writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });

    const common = ['--plant', DEMO_PLANT, '--broker', sys.mqttUrl, '--speed', '120', '--no-scenario', '--max-batch-delay-ms', '200'];
    const good = runTs('edge/cli.ts', [...common, '--agent', 'edge-utilities', '--agent', 'edge-molding-a', '--secrets-file', secretsFile, '--outbox-dir', join(dir, 'edge-1')], { LOG_LEVEL: 'warn' });
    const wrong = runTs('edge/cli.ts', [...common, '--agent', 'edge-assembly', '--outbox-dir', join(dir, 'edge-2')], { LOG_LEVEL: 'warn', MQTT_PASSWORD: 'guessed-password' });
    running.push(good, wrong);

    await waitFor('samples of both agents', async () =>
      (await sys.telemetryStore.count('P-104')) > 20 && (await sys.telemetryStore.count('IM-A1')) > 20 ? true : undefined,
    );
    await waitFor('the refused edge to say why', () => (wrong.output().includes('the broker refused the credentials of agent edge-assembly') ? true : undefined));
    expect(wrong.child.exitCode).toBeNull(); // still running, sampling into its outbox
    expect(await sys.telemetryStore.count('CV-C1')).toBe(0);
    expect(wrong.output()).not.toContain('guessed-password');
    expect(good.output()).not.toContain(secrets['edge-utilities']);
  }, 60_000);
});
