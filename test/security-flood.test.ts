/**
 * Journey: a flood of 200 connection attempts from one address is throttled
 * (token bucket per address, then a lock-out after failed logins) while an
 * established agent keeps publishing with no loss. Refusals are counted and
 * logged at a bounded rate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { EdgeAgent } from '../edge/edge-agent';
import { agentGroups } from '../edge/plant-agents';
import { FakeSource, FastClock } from '../edge/test-fixtures';
import { addAgentCredentials } from '../gateway/auth/credentials-admin';
import { loadConfig } from '../server/config';
import { startSystem, type RunningSystem } from '../server/system';
import { DEMO_PLANT, waitFor } from './support/system-fixture';

const plant = loadPlantFile(DEMO_PLANT);
const T0 = Date.UTC(2026, 10, 20, 6, 0, 0);

describe('journey: connection flood from one address', () => {
  let dir: string;
  let sys: RunningSystem;
  let agent: EdgeAgent;
  const source = new FakeSource();
  const clock = new FastClock(60, T0);
  const lines: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pdm-flood-'));
    const secret = await addAgentCredentials(join(dir, 'agent-credentials.json'), 'edge-utilities', new Date(T0));
    const config = loadConfig({
      PORT: '0',
      MQTT_PORT: '0',
      DATA_DIR: dir,
      SIMULATOR: 'off',
      PLANT_FILE: DEMO_PLANT,
      MQTT_AUTH: 'required',
      MQTT_CONNECT_BURST: '20',
      MQTT_CONNECT_PER_SECOND: '5',
    });
    const stream = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    sys = await startSystem({ config, plant, logger: pino({ level: 'info' }, stream), scenario: null });
    agent = new EdgeAgent({
      ...agentGroups(plant).find((g) => g.agentId === 'edge-utilities')!,
      source,
      clock,
      brokerUrl: sys.mqttUrl,
      password: secret,
      outboxPath: join(dir, 'edge.outbox.db'),
      logger: pino({ level: 'silent' }),
      batchSize: 10,
      maxBatchDelayMs: 100,
    });
    agent.start();
    await waitFor('the agent to store samples', async () => ((await sys.telemetryStore.count('P-101')) > 0 ? true : undefined));
  }, 30_000);

  afterAll(async () => {
    await agent?.stop();
    await sys?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('throttles 200 attempts, refuses every one without credentials, and the established agent loses nothing', async () => {
    const storedBefore = await sys.telemetryStore.count();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        mqtt.connectAsync(sys.mqttUrl, { clientId: `flood-${i}`, reconnectPeriod: 0, connectTimeout: 5000 }).then(
          async (c) => {
            await c.endAsync(true);
            return 'connected';
          },
          (err: Error) => (/Bad username or password|Not authorized/i.test(err.message) ? 'login refused' : 'dropped'),
        ),
      ),
    );
    const count = (o: string) => outcomes.filter((x) => x === o).length;
    expect(count('connected')).toBe(0);
    // A login check (scrypt) may still be running for a client that already gave up.
    const total = () => {
      const s = sys.gateway.securityStats!()!;
      return s.connectionsRefused['rate-limited'] + s.connectionsRefused['locked-out'] + Object.values(s.authFailures).reduce((a, b) => a + b, 0);
    };
    await waitFor('every attempt to be decided', () => (total() >= 200 ? true : undefined), 10_000);
    const stats = sys.gateway.securityStats!()!;
    const refusedEarly = stats.connectionsRefused['rate-limited'] + stats.connectionsRefused['locked-out'];
    const loginsRefused = Object.values(stats.authFailures).reduce((a, b) => a + b, 0);
    // Every attempt was refused exactly once: most at the socket, the burst (plus what refilled meanwhile) at the login.
    expect(refusedEarly + loginsRefused).toBe(200);
    expect(refusedEarly).toBeGreaterThanOrEqual(150);
    expect(stats.authFailures['no-credentials']).toBe(loginsRefused);
    expect(count('login refused')).toBeLessThanOrEqual(loginsRefused); // the rest saw their socket closed
    // Logged, but not 200 lines: one per reason and address every 10 s.
    const refusalLines = lines.filter((l) => l.includes('MQTT connection refused') || l.includes('MQTT login refused'));
    expect(refusalLines.length).toBeGreaterThan(0);
    expect(refusalLines.length).toBeLessThan(10);

    // The established agent kept publishing throughout, on the same connection, and lost nothing.
    await waitFor('more samples after the flood', async () => ((await sys.telemetryStore.count()) > storedBefore + 30 ? true : undefined));
    clock.freeze();
    await agent.waitUntilDrained(15_000);
    expect(agent.stats.reconnects).toBe(0);
    expect(agent.stats.connected).toBe(true);
    for (const d of agentGroups(plant).find((g) => g.agentId === 'edge-utilities')!.devices) expect(await sys.telemetryStore.count(d.id)).toBe(source.given.get(d.id));

    const metrics = await (await fetch(`${sys.httpUrl}/metrics`, { headers: { authorization: `Bearer ${sys.adminToken}` } })).text();
    expect(metrics).toContain(`pdm_mqtt_connections_refused_total{reason="rate-limited"} ${stats.connectionsRefused['rate-limited']}`);
  }, 40_000);
});
