/**
 * Journey: MQTT over TLS and HTTPS with a self-signed certificate made by
 * openssl. A client that pins the certificate as its CA gets in (and an edge
 * agent streams over mqtts://); one without the CA is refused by its own TLS
 * check. Missing certificate files stop the start with the variable named.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { topics } from '../contract/topics';
import { EdgeAgent } from '../edge/edge-agent';
import { agentGroups } from '../edge/plant-agents';
import { FakeSource, FastClock } from '../edge/test-fixtures';
import { addAgentCredentials } from '../gateway/auth/credentials-admin';
import { ConfigError, loadConfig } from '../server/config';
import { startSystem, type RunningSystem } from '../server/system';
import { DEMO_PLANT, waitFor } from './support/system-fixture';

const plant = loadPlantFile(DEMO_PLANT);
const T0 = Date.UTC(2026, 10, 20, 6, 0, 0);

function httpsGet(url: string, ca?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...(ca && { ca }) }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('journey: TLS for MQTT and HTTP with a self-signed certificate', () => {
  let dir: string;
  let sys: RunningSystem;
  let cert: Buffer;
  let secret: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pdm-tls-'));
    execFileSync('/usr/bin/openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'));
    secret = await addAgentCredentials(join(dir, 'agent-credentials.json'), 'edge-utilities', new Date(T0));
    env = {
      PORT: '0', MQTT_PORT: '0', MQTT_TLS_PORT: '0', DATA_DIR: dir, SIMULATOR: 'off', PLANT_FILE: DEMO_PLANT,
      MQTT_TLS_CERT: join(dir, 'cert.pem'), MQTT_TLS_KEY: join(dir, 'key.pem'),
      HTTP_TLS_CERT: join(dir, 'cert.pem'), HTTP_TLS_KEY: join(dir, 'key.pem'),
    };
    sys = await startSystem({ config: loadConfig(env), plant, logger: pino({ level: 'silent' }), scenario: null });
  }, 30_000);

  afterAll(async () => {
    await sys?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API over HTTPS to a client that trusts the certificate, and not to one that does not', async () => {
    expect(sys.httpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsGet(`${sys.httpUrl}/api/health`, cert);
    expect(health.status).toBe(200);
    await expect(httpsGet(`${sys.httpUrl}/api/health`)).rejects.toThrow(/self[- ]signed certificate/);
  });

  it('accepts an agent over mqtts:// with the CA pinned, refuses a client without it', async () => {
    const tlsUrl = sys.gateway.mqttTlsUrl!;
    expect(tlsUrl).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);
    const client = await mqtt.connectAsync(tlsUrl, { clientId: 'edge-utilities', username: 'edge-utilities', password: secret, ca: cert, reconnectPeriod: 0 });
    const msg = JSON.stringify({ seq: 0, samples: [{ ts: T0, temperature: 45, vibration: 1.2, current: 17 }] });
    await client.publishAsync(topics.telemetry('plant-1', 'utilities', 'P-104'), msg, { qos: 1 });
    expect(await sys.telemetryStore.count('P-104')).toBe(1);
    await client.endAsync();

    await expect(
      mqtt.connectAsync(tlsUrl, { clientId: 'edge-utilities', username: 'edge-utilities', password: secret, reconnectPeriod: 0, connectTimeout: 3000 }),
    ).rejects.toThrow(/self[- ]signed certificate/);
  });

  it('lets an edge agent stream over mqtts:// with its CA option', async () => {
    const source = new FakeSource();
    const clock = new FastClock(60, T0 + 3_600_000);
    const agent = new EdgeAgent({
      ...agentGroups(plant).find((g) => g.agentId === 'edge-utilities')!,
      source,
      clock,
      brokerUrl: sys.gateway.mqttTlsUrl!,
      password: secret,
      ca: cert,
      outboxPath: join(dir, 'edge.outbox.db'),
      logger: pino({ level: 'silent' }),
      maxBatchDelayMs: 100,
    });
    agent.start();
    try {
      await waitFor('samples over TLS', async () => ((await sys.telemetryStore.count('C-201')) >= 10 ? true : undefined));
      expect(agent.stats.connected).toBe(true);
    } finally {
      await agent.stop();
    }
  });

  it('stops the start with the variable named when a certificate file is missing or half configured', () => {
    expect(() => loadConfig({ ...env, MQTT_TLS_CERT: join(dir, 'missing.pem') })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, MQTT_TLS_CERT: join(dir, 'missing.pem') })).toThrow(/MQTT_TLS_CERT=.*missing\.pem: cannot read the file \(ENOENT\)/);
    expect(() => loadConfig({ ...env, HTTP_TLS_KEY: '' })).toThrow(/HTTP_TLS_KEY is not set: TLS needs both HTTP_TLS_CERT/);
    expect(() => loadConfig({ ...env, HTTP_TLS_KEY: join(dir, 'cert.pem') })).toThrow(/HTTP_TLS_KEY=.*cert\.pem: not a PEM file of the expected kind/);
    // A TLS listener means other machines may connect: logins are required even on loopback.
    expect(loadConfig({ ...env, AGENT_CREDENTIALS_FILE: join(dir, 'none.json') }).mqttAuth).toEqual({ required: true, because: 'a TLS listener is configured' });
  });
});
