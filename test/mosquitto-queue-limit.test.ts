/**
 * Mosquitto's `max_queued_messages` (default 1000) caps how many QoS 1
 * messages it queues for one subscriber beyond the in-flight window; past
 * that it drops them, although it already acknowledged them to the
 * publisher. Ingest is such a subscriber whenever the telemetry store
 * stalls (it acknowledges only after storing). Here a real mosquitto, the
 * real external consumer and a real SQLite store: the store is held shut
 * while agents' messages arrive, then opened. With the default some
 * messages are gone for good; with the recommended setting (deploy/mosquitto.conf:
 * no message-count cap, a byte cap instead) every sample is stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlantFile, plantDevices } from '../contract/plant';
import { topics } from '../contract/topics';
import { createExternalGateway } from '../gateway/external-broker/external-gateway';
import type { DeadLetter } from '../gateway/ingest/dead-letter-sink';
import { createSqliteTelemetryStore } from '../gateway/telemetry-store/sqlite-telemetry-store';
import type { TelemetryStore } from '../gateway/telemetry-store/telemetry-store';
import { startMosquitto, type MosquittoOptions } from './support/mosquitto';
import { DEMO_PLANT, waitFor } from './support/system-fixture';

const MESSAGES = 2500;
const device = plantDevices(loadPlantFile(DEMO_PLANT))[0]!;
const devices = new Map([[device.id, device]]);

/** A real store whose writes wait while the gate is shut (an InfluxDB outage, a slow disk). */
function gatedStore(inner: TelemetryStore) {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const store: TelemetryStore = { ...inner, kind: inner.kind, write: async (points) => (await gate, inner.write(points)) };
  return { store, open };
}

async function publishAll(url: string): Promise<void> {
  const client: MqttClient = await new Promise((resolve, reject) => {
    const c = connect(url, { protocolVersion: 5, clientId: 'test-agent', reconnectPeriod: 0 });
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });
  const topic = topics.telemetry(device.siteId, device.lineId, device.id);
  const t0 = Date.UTC(2026, 0, 1);
  await Promise.all(
    Array.from({ length: MESSAGES }, (_, seq) => {
      const payload = JSON.stringify({ seq, samples: [{ ts: t0 + seq * 1000, temperature: 40, vibration: 2, current: 20 }] });
      return client.publishAsync(topic, payload, { qos: 1 }); // resolves on mosquitto's PUBACK
    }),
  );
  await client.endAsync();
}

async function run(options: MosquittoOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-queue-'));
  const broker = await startMosquitto(options);
  cleanups.push(async () => {
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const sqlite = createSqliteTelemetryStore({ file: join(dir, 'telemetry.db'), retentionMs: 365 * 86_400_000 });
  const { store, open } = gatedStore(sqlite);
  const deadLetters: DeadLetter[] = [];
  const gateway = await createExternalGateway({
    url: broker.url,
    clientId: 'pdm-ingest-test',
    store,
    deadLetters: { record: (l) => deadLetters.push(l) },
    devices: { get: (id) => devices.get(id), ids: () => devices.keys() },
    logger: pino({ level: 'silent' }),
  });
  cleanups.push(async () => {
    await gateway.close();
    await sqlite.close();
  });

  await publishAll(broker.url); // every message acknowledged by mosquitto while the store is shut
  open();
  // Settled: the consumer has acknowledged everything it was given and nothing new arrives.
  let last = -1;
  await waitFor('the consumer to drain', () => {
    const n = gateway.ingest.stats().samplesStored;
    const settled = n === last && gateway.ingest.stats().bufferDepth === 0;
    last = n;
    return settled ? true : undefined;
  }, 30_000, 500);
  return { stored: await sqlite.count(device.id), broker, deadLetters };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('mosquitto queue limits and a stalled ingest', () => {
  it('with the default max_queued_messages (1000), mosquitto drops acknowledged QoS 1 messages', { timeout: 60_000 }, async () => {
    const { stored, broker, deadLetters } = await run({});
    const lost = MESSAGES - stored;
    // About MESSAGES - 1000 queued - the in-flight window are gone, after mosquitto acknowledged them to the publisher.
    expect(lost).toBeGreaterThan(MESSAGES - 1000 - 200);
    expect(stored).toBeGreaterThanOrEqual(1000);
    expect(broker.log()).toMatch(/Outgoing messages are being dropped for client pdm-ingest-test/);
    expect(deadLetters).toEqual([]);
  });

  it('with the recommended setting (no count cap, a byte cap) nothing is lost', { timeout: 60_000 }, async () => {
    const { stored, broker, deadLetters } = await run({ maxQueuedMessages: 0, maxQueuedBytes: 512 * 1024 * 1024 });
    expect(stored).toBe(MESSAGES);
    expect(broker.log()).not.toMatch(/being dropped/);
    expect(deadLetters).toEqual([]);
  });
});
