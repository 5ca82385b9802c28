/**
 * Journey: removing or rotating an agent's credentials ends the sessions
 * that logged in with the old secret, on the running system with real MQTT.js
 * clients. The file is edited as `gateway/auth/cli.ts` does (atomic rewrite);
 * the broker notices within its check interval, disconnects only the
 * affected agents, logs and counts it, and refuses the old secret from then
 * on while the new one logs in. Other agents stay connected throughout, also
 * while the file is unreadable (that refuses new logins, not sessions).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { topics } from '../contract/topics';
import { addAgentCredentials, removeAgentCredentials, rotateAgentCredentials } from '../gateway/auth/credentials-admin';
import { loadConfig } from '../server/config';
import { startSystem, type RunningSystem } from '../server/system';
import { DEMO_PLANT, waitFor } from './support/system-fixture';

const plant = loadPlantFile(DEMO_PLANT);
const T0 = Date.UTC(2026, 10, 20, 6, 0, 0);
const AGENTS = ['edge-utilities', 'edge-molding-a', 'edge-molding-b'] as const;

describe('journey: removed or rotated agent credentials end the sessions that used them', () => {
  let dir: string;
  let credentialsFile: string;
  let sys: RunningSystem;
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    }),
  );
  const records = () => lines.map((l) => JSON.parse(l) as { msg: string; agentId?: string; reason?: string });
  const secrets: Record<string, string> = {};
  const clients: MqttClient[] = [];

  /** An agent session that records when the broker closes it. */
  const connectAs = async (agentId: string, password: string) => {
    const client = await mqtt.connectAsync(sys.mqttUrl, { clientId: agentId, username: agentId, password, reconnectPeriod: 0, connectTimeout: 5000 });
    clients.push(client);
    const session = { client, closedAt: null as number | null };
    client.on('close', () => (session.closedAt ??= Date.now()));
    return session;
  };
  const revokedMetric = async () => {
    const text = await (await fetch(`${sys.httpUrl}/metrics`, { headers: { authorization: `Bearer ${sys.adminToken}` } })).text();
    return text.split('\n').filter((l) => l.startsWith('pdm_mqtt_sessions_revoked_total'));
  };
  const publishOwn = (client: MqttClient, line: string, device: string, seq: number) =>
    client.publishAsync(topics.telemetry('plant-1', line, device), JSON.stringify({ seq, samples: [{ ts: T0 + seq * 1000, temperature: 45, vibration: 1.2, current: 17 }] }), { qos: 1 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pdm-revocation-'));
    credentialsFile = join(dir, 'agent-credentials.json');
    for (const id of AGENTS) secrets[id] = await addAgentCredentials(credentialsFile, id, new Date(T0));
    const config = loadConfig({ PORT: '0', MQTT_PORT: '0', DATA_DIR: dir, SIMULATOR: 'off', PLANT_FILE: DEMO_PLANT });
    expect(config.mqttAuth.required).toBe(true);
    sys = await startSystem({ config, plant, logger, scenario: null });
  }, 30_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await sys?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('disconnects the agent whose secret was rotated, refuses the old secret, lets the new one in; others stay', async () => {
    const utilities = await connectAs('edge-utilities', secrets['edge-utilities']!);
    const moldingA = await connectAs('edge-molding-a', secrets['edge-molding-a']!);
    const moldingB = await connectAs('edge-molding-b', secrets['edge-molding-b']!);
    await publishOwn(moldingA.client, 'molding-a', 'IM-A1', 0);

    const rotatedAt = Date.now();
    const newSecret = await rotateAgentCredentials(credentialsFile, 'edge-molding-a', new Date(T0 + 60_000));
    await waitFor('the rotated agent to be disconnected', () => (moldingA.closedAt !== null ? true : undefined), 10_000);
    expect(moldingA.closedAt! - rotatedAt).toBeLessThan(5000); // one check interval (1 s) plus slack on a busy machine
    expect([utilities.client.connected, moldingB.client.connected]).toEqual([true, true]);
    expect(records().filter((r) => r.msg.startsWith('MQTT agent disconnected'))).toEqual([
      expect.objectContaining({ agentId: 'edge-molding-a', reason: 'credentials-rotated', msg: 'MQTT agent disconnected: its credentials were rotated in the credentials file since it logged in' }),
    ]);

    await expect(connectAs('edge-molding-a', secrets['edge-molding-a']!)).rejects.toThrow(/Bad username or password/i);
    const renewed = await connectAs('edge-molding-a', newSecret);
    await publishOwn(renewed.client, 'molding-a', 'IM-A1', 1);
    expect(await sys.telemetryStore.count('IM-A1')).toBe(2);
    secrets['edge-molding-a (rotated)'] = newSecret;

    // Still connected a check interval later: the new secret is the current one.
    await new Promise((r) => setTimeout(r, 1500));
    expect(renewed.closedAt).toBeNull();
    expect(await revokedMetric()).toEqual(['pdm_mqtt_sessions_revoked_total{reason="removed"} 0', 'pdm_mqtt_sessions_revoked_total{reason="rotated"} 1']);
  });

  it('disconnects the agent whose credentials were removed and refuses it from then on', async () => {
    const moldingB = clients.find((c) => c.options.clientId === 'edge-molding-b')!;
    const utilities = clients.find((c) => c.options.clientId === 'edge-utilities')!;
    expect(moldingB.connected).toBe(true);
    const closed = new Promise<void>((resolve) => moldingB.once('close', () => resolve()));
    removeAgentCredentials(credentialsFile, 'edge-molding-b');
    await closed;
    expect(utilities.connected).toBe(true);
    expect(records().some((r) => r.msg === 'MQTT agent disconnected: its credentials were removed in the credentials file since it logged in' && r.agentId === 'edge-molding-b')).toBe(true);
    await expect(connectAs('edge-molding-b', secrets['edge-molding-b']!)).rejects.toThrow(/Bad username or password/i);
    expect(await revokedMetric()).toEqual(['pdm_mqtt_sessions_revoked_total{reason="removed"} 1', 'pdm_mqtt_sessions_revoked_total{reason="rotated"} 1']);
    expect(sys.gateway.securityStats?.()?.authFailures['unknown-agent']).toBe(1);
  });

  it('disconnects nobody while the file is unreadable, and refuses new logins until it is fixed', async () => {
    const utilities = clients.find((c) => c.options.clientId === 'edge-utilities')!;
    writeFileSync(credentialsFile, '{ "version": 1, "agents": '); // e.g. a hand edit saved half-way
    await waitFor('the broken file to be reported', () => (records().some((r) => r.msg.startsWith('agent credentials file unreadable')) ? true : undefined), 5000);
    expect(utilities.connected).toBe(true);
    await expect(connectAs('edge-molding-a', secrets['edge-molding-a (rotated)']!)).rejects.toThrow(/Not authorized/i);
    expect(sys.gateway.securityStats?.()?.sessionsRevoked).toEqual({ removed: 1, rotated: 1 });
  });

  it('never logs a secret', () => {
    const all = lines.join('\n');
    for (const secret of Object.values(secrets)) expect(all).not.toContain(secret);
  });
});
