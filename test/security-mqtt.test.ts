/**
 * Journey: only who belongs gets in. The whole system with agent logins
 * required (because a credentials file exists), real MQTT.js clients and real
 * edge agents: a wrong password, a foreign publish, a foreign subscription and
 * a client-id takeover are refused and logged, while an established agent
 * keeps streaming and every one of its samples is stored. No secret appears
 * in any log line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { topics } from '../contract/topics';
import { EdgeAgent } from '../edge/edge-agent';
import { agentGroups } from '../edge/plant-agents';
import { FakeSource, FastClock } from '../edge/test-fixtures';
import { addAgentCredentials } from '../gateway/auth/credentials-admin';
import { loadConfig } from '../server/config';
import { startSystem, type RunningSystem } from '../server/system';
import { DEMO_PLANT, waitFor } from './support/system-fixture';

const plant = loadPlantFile(DEMO_PLANT);
const group = (id: string) => agentGroups(plant).find((g) => g.agentId === id)!;
const T0 = Date.UTC(2026, 10, 20, 6, 0, 0);
const message = (seq: number, n = 3) =>
  JSON.stringify({ seq, samples: Array.from({ length: n }, (_, i) => ({ ts: T0 + (seq + i) * 1000, temperature: 45, vibration: 1.2, current: 17 })) });

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines, records: () => lines.map((l) => JSON.parse(l) as { msg: string; [k: string]: unknown }) };
}

describe('journey: agent credentials and the access list on the broker', () => {
  let dir: string;
  let sys: RunningSystem;
  const serverLog = capture();
  const edgeLog = capture();
  const secrets: Record<string, string> = {};
  let streaming: EdgeAgent;
  let source: FakeSource;
  let clock: FastClock;
  const clients: MqttClient[] = [];

  const connectAs = (agentId: string, password: string | undefined, clientId = agentId) =>
    mqtt.connectAsync(sys.mqttUrl, { clientId, username: agentId, password, reconnectPeriod: 0, connectTimeout: 5000 }).then((c) => {
      clients.push(c);
      return c;
    });
  const metric = async (name: string) => {
    const text = await (await fetch(`${sys.httpUrl}/metrics`, { headers: { authorization: `Bearer ${sys.adminToken}` } })).text();
    return text.split('\n').filter((l) => l.startsWith(name));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pdm-security-'));
    const env = { PORT: '0', MQTT_PORT: '0', DATA_DIR: dir, SIMULATOR: 'off', PLANT_FILE: DEMO_PLANT };
    expect(loadConfig(env).mqttAuth.required).toBe(false); // loopback-only, no credentials file yet
    for (const id of ['edge-utilities', 'edge-molding-a', 'edge-molding-b']) secrets[id] = await addAgentCredentials(join(dir, 'agent-credentials.json'), id, new Date(T0));
    // Not set explicitly: the credentials file alone makes logins required.
    const config = loadConfig(env);
    expect(config.mqttAuth).toEqual({ required: true, because: 'the agent credentials file exists' });
    sys = await startSystem({ config, plant, logger: serverLog.logger, scenario: null });
    source = new FakeSource();
    clock = new FastClock(60, T0);
    streaming = new EdgeAgent({
      ...group('edge-utilities'),
      source,
      clock,
      brokerUrl: sys.mqttUrl,
      password: secrets['edge-utilities'],
      outboxPath: join(dir, 'edge-utilities.outbox.db'),
      logger: edgeLog.logger,
      batchSize: 10,
      maxBatchDelayMs: 100,
    });
    streaming.start();
    await waitFor('the streaming agent to connect and store samples', async () => ((await sys.telemetryStore.count('P-101')) > 0 ? true : undefined));
  }, 30_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await streaming?.stop();
    await sys?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges but refuses a publish for another agent\'s device or status: nothing stored, logged and counted, the agent stays connected', async () => {
    const molding = await connectAs('edge-molding-a', secrets['edge-molding-a']);
    let closed = 0;
    molding.on('close', () => closed++);
    const stolen = topics.telemetry('plant-1', 'assembly', 'CV-C1'); // edge-assembly's device
    await molding.publishAsync(stolen, message(0), { qos: 1 });
    await molding.publishAsync(topics.status('plant-1', 'edge-assembly'), JSON.stringify({ state: 'online', agentId: 'edge-assembly', devices: ['CV-C1'], ts: T0 }), { qos: 1, retain: true });
    await molding.publishAsync(topics.command('plant-1', 'edge-molding-b'), '{"cmd":"stop"}', { qos: 1 });
    // Its own device goes on as before: the PUBACK means stored.
    await molding.publishAsync(topics.telemetry('plant-1', 'molding-a', 'IM-A1'), message(0), { qos: 1 });

    expect(molding.connected).toBe(true);
    expect(closed).toBe(0);
    expect(await sys.telemetryStore.count('CV-C1')).toBe(0);
    expect(await sys.telemetryStore.count('IM-A1')).toBe(3);
    expect(sys.gateway.stats().deadLetters).toBe(0); // refused by the access list before ingest, not dead letters
    const refusals = serverLog.records().filter((r) => r.msg.startsWith('MQTT publish refused'));
    expect(refusals.map((r) => r.topic)).toEqual([stolen, 'pdm/v1/plant-1/agent/edge-assembly/status', 'pdm/v1/plant-1/agent/edge-molding-b/command']);
    expect(refusals.every((r) => r.agentId === 'edge-molding-a')).toBe(true);
    // The forged status never reached the status handler.
    expect(serverLog.records().some((r) => r.msg === 'edge agent status' && r.agentId === 'edge-assembly')).toBe(false);
    expect(await metric('pdm_mqtt_publishes_refused_total')).toEqual(['pdm_mqtt_publishes_refused_total 3']);
  });

  it('refuses a subscription to another agent\'s command topic (SUBACK 0x80) and grants its own', async () => {
    const b = await connectAs('edge-molding-b', secrets['edge-molding-b']);
    const granted = await b.subscribeAsync(topics.command('plant-1', 'edge-molding-b'), { qos: 1 });
    expect(granted.map((g) => g.qos)).toEqual([1]);
    for (const foreign of [topics.command('plant-1', 'edge-utilities'), 'pdm/v1/#']) {
      const refused = await b.subscribeAsync(foreign, { qos: 1 }).then(
        () => null,
        (err: Error & { packet?: { granted?: number[] } }) => err,
      );
      expect(refused?.packet?.granted).toEqual([128]); // MQTT.js reports the SUBACK failure code as an error
    }
    expect(b.connected).toBe(true);
    // A refused publish to its command topic does not reach it.
    const got: string[] = [];
    b.on('message', (topic) => got.push(topic));
    const a = await connectAs('edge-molding-a', secrets['edge-molding-a']);
    await a.publishAsync(topics.command('plant-1', 'edge-molding-b'), '{"cmd":"stop"}', { qos: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toEqual([]);
    expect(serverLog.records().filter((r) => r.msg.startsWith('MQTT subscription refused')).map((r) => r.topic)).toEqual([
      'pdm/v1/plant-1/agent/edge-utilities/command',
      'pdm/v1/#',
    ]);
    expect(await metric('pdm_mqtt_subscriptions_refused_total')).toEqual(['pdm_mqtt_subscriptions_refused_total 2']);
  });

  it('dead-letters an oversize payload but disconnects a client announcing a packet over the broker\'s cap', async () => {
    const a = await connectAs('edge-molding-a', secrets['edge-molding-a']);
    const own = topics.telemetry('plant-1', 'molding-a', 'IM-A2');
    await a.publishAsync(own, Buffer.alloc(100_000, 0x20), { qos: 1 }); // over ingest's 64 KiB, under the 256 KiB cap
    expect(a.connected).toBe(true);
    expect(sys.gateway.stats().deadLettersByReason.oversize).toBe(1);
    const closed = new Promise<void>((resolve) => a.once('close', () => resolve()));
    a.publish(own, Buffer.alloc(300_000, 0x20), { qos: 1 });
    await closed;
    expect(sys.gateway.securityStats?.()?.packetsTooLarge).toBe(1);
    expect(serverLog.records().some((r) => r.msg === 'MQTT packet too large; disconnected the client' && r.clientId === 'edge-molding-a')).toBe(true);
    expect(await sys.telemetryStore.count('IM-A2')).toBe(0);
    expect(streaming.stats.reconnects).toBe(0);
  });

  it('refuses a client that logs in as one agent under another agent\'s client id (no takeover)', async () => {
    await expect(connectAs('edge-molding-a', secrets['edge-molding-a'], 'edge-utilities')).rejects.toThrow(/Not authorized/i);
    expect(streaming.stats.connected).toBe(true);
    expect(streaming.stats.reconnects).toBe(0);
    expect(serverLog.records().some((r) => r.msg === 'MQTT login refused: client id "edge-utilities" must equal the agent id "edge-molding-a"')).toBe(true);
    // Nor may it leave a last will that would mark another agent offline.
    const forgedWill = { topic: topics.status('plant-1', 'edge-utilities'), payload: Buffer.from('{"state":"offline","agentId":"edge-utilities"}'), qos: 1 as const, retain: true };
    await expect(
      mqtt.connectAsync(sys.mqttUrl, { clientId: 'edge-molding-a', username: 'edge-molding-a', password: secrets['edge-molding-a'], will: forgedWill, reconnectPeriod: 0 }),
    ).rejects.toThrow(/Not authorized/i);
    expect(sys.gateway.securityStats?.()?.authFailures['foreign-will']).toBe(1);
  });

  it('refuses a wrong password: the agent logs it clearly and retries without crashing; the streaming agent loses nothing', async () => {
    const wrong = new EdgeAgent({
      ...group('edge-molding-b'),
      source,
      clock,
      brokerUrl: sys.mqttUrl,
      password: 'not-the-secret',
      outboxPath: join(dir, 'edge-molding-b.outbox.db'),
      logger: edgeLog.logger,
      reconnectPeriodMs: 100,
    });
    wrong.start();
    await waitFor('the refused agent to log the refusal', () =>
      edgeLog.records().find((r) => r.agentId === 'edge-molding-b' && String(r.msg).startsWith('the broker refused the credentials of agent edge-molding-b')),
    );
    await waitFor('a second attempt', () => (serverLog.records().filter((r) => r.msg === 'MQTT login refused: wrong password for agent "edge-molding-b"').length >= 1 && (sys.gateway.securityStats?.()?.authFailures['wrong-secret'] ?? 0) >= 2 ? true : undefined));
    expect(wrong.stats.connected).toBe(false);
    expect(wrong.stats.sampled).toBeGreaterThan(0); // it keeps sampling into its outbox meanwhile
    expect(await sys.telemetryStore.count('IM-B1')).toBe(0);
    expect((await metric('pdm_mqtt_auth_failures_total')).find((l) => l.includes('wrong-secret'))).toMatch(/ [1-9]\d*$/);
    await wrong.stop();

    // The established agent was never disturbed: every sample it took is stored, once.
    clock.freeze();
    await streaming.waitUntilDrained(15_000);
    expect(streaming.stats.reconnects).toBe(0);
    expect(streaming.stats.dropped).toBe(0);
    for (const d of group('edge-utilities').devices) expect(await sys.telemetryStore.count(d.id)).toBe(source.given.get(d.id));
  }, 30_000);

  it('never writes a password, secret or bearer token to a log line', async () => {
    const wrongToken = 'pdm_not-a-real-token-0123456789';
    expect((await fetch(`${sys.httpUrl}/api/devices`, { headers: { authorization: `Bearer ${wrongToken}` } })).status).toBe(401);
    expect((await fetch(`${sys.httpUrl}/api/devices`)).status).toBe(401);
    expect((await fetch(`${sys.httpUrl}/api/health`)).status).toBe(200);
    const all = [...serverLog.lines, ...edgeLog.lines].join('\n');
    expect(serverLog.lines.length).toBeGreaterThan(10);
    for (const secret of [...Object.values(secrets), 'not-the-secret', sys.adminToken!, wrongToken]) expect(all).not.toContain(secret);
  });
});
