/**
 * The external-broker consumer against a real Mosquitto (recommended
 * settings, persistence on): its persistent session keeps what arrives while
 * the consumer is away, also across a broker restart, and hands it over when
 * the consumer returns with the same client id. Every sample is stored once;
 * a bad message is dead-lettered and acknowledged, not redelivered forever.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlantFile, plantDevices } from '../contract/plant';
import { topics } from '../contract/topics';
import { createExternalGateway } from '../gateway/external-broker/external-gateway';
import type { DeadLetter } from '../gateway/ingest/dead-letter-sink';
import { createSqliteTelemetryStore } from '../gateway/telemetry-store/sqlite-telemetry-store';
import { startMosquitto, type RunningMosquitto } from './support/mosquitto';
import { DEMO_PLANT, waitFor } from './support/system-fixture';

const device = plantDevices(loadPlantFile(DEMO_PLANT))[1]!;
const devices = new Map([[device.id, device]]);
const topic = topics.telemetry(device.siteId, device.lineId, device.id);
const T0 = Date.UTC(2026, 0, 1);
const SAMPLES_PER_MESSAGE = 10;

async function publisher(url: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = connect(url, { protocolVersion: 5, clientId: 'test-agent', reconnectPeriod: 0 });
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });
}

/** Messages [from, to): message m carries seqs m*10 .. m*10+9. */
function publishRange(client: MqttClient, from: number, to: number): Promise<unknown> {
  return Promise.all(
    Array.from({ length: to - from }, (_, i) => {
      const seq = (from + i) * SAMPLES_PER_MESSAGE;
      const samples = Array.from({ length: SAMPLES_PER_MESSAGE }, (_, k) => ({ ts: T0 + (seq + k) * 1000, temperature: 40, vibration: 2, current: 20 }));
      return client.publishAsync(topic, JSON.stringify({ seq, samples }), { qos: 1 });
    }),
  );
}

describe('external consumer session on Mosquitto', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-session-'));
  let broker: RunningMosquitto;
  afterAll(async () => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores everything once across a consumer stop, a broker restart and the consumer coming back', { timeout: 60_000 }, async () => {
    broker = await startMosquitto({ maxQueuedMessages: 0, maxQueuedBytes: 64 * 1024 * 1024, persistence: true });
    const store = createSqliteTelemetryStore({ file: join(dir, 'telemetry.db'), retentionMs: 365 * 86_400_000 });
    const deadLetters: DeadLetter[] = [];
    const gateway = await createExternalGateway({
      url: broker.url,
      clientId: 'pdm-ingest-session-test',
      store,
      deadLetters: { record: (l) => deadLetters.push(l) },
      devices: { get: (id) => devices.get(id), ids: () => devices.keys() },
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    });

    let agent = await publisher(broker.url);
    await publishRange(agent, 0, 200);
    await agent.publishAsync(topic, '{"seq": "not a number"}', { qos: 1 });
    await waitFor('some samples stored', async () => ((await store.count()) >= 100 ? true : undefined));
    await gateway.stopBroker(); // the consumer goes away, possibly with a message half done
    expect(gateway.brokerRunning()).toBe(false);
    await publishRange(agent, 200, 400); // queued for the consumer's session
    await agent.endAsync();

    await broker.stopServer(); // persisted to disk on the way down
    await broker.startServer();
    agent = await publisher(broker.url);
    await publishRange(agent, 400, 500);
    await agent.endAsync();

    await gateway.startBroker(); // same client id: the session and its queue come back
    const total = 500 * SAMPLES_PER_MESSAGE;
    await waitFor('every sample stored', async () => ((await store.count()) === total ? true : undefined), 30_000, 200).catch(async (err) => {
      throw new Error(`${err.message}: ${await store.count()} of ${total} stored; ${JSON.stringify(gateway.stats())}\nmosquitto:\n${broker.log()}`);
    });
    await gateway.ingest.flushed();

    const seqs = (await store.query({ deviceId: device.id, from: 0, to: Number.MAX_SAFE_INTEGER })).map((p) => p.seq);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(deadLetters.map((d) => d.reason)).toEqual(['schema']);
    expect(gateway.stats()).toMatchObject({ samplesStored: total, deadLetters: 1, bufferDepth: 0 });

    await gateway.close();
    await store.close();
  });
});
