import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { topics } from '../contract/topics';
import type { DeadLetter } from './ingest/dead-letter-sink';
import { IngestPipeline } from './ingest/ingest-pipeline';
import { startMqttBroker, type RunningBroker } from './mqtt-broker';
import { createSqliteTelemetryStore } from './telemetry-store/sqlite-telemetry-store';
import type { TelemetryStore } from './telemetry-store/telemetry-store';

const devices = new Map([['P-1', { siteId: 's1', lineId: 'l1' }]]);
const directory = { get: (id: string) => devices.get(id), ids: () => devices.keys() };
const T0 = Date.UTC(2026, 10, 1);
const msg = (seq: number, n = 3) =>
  JSON.stringify({ seq, samples: Array.from({ length: n }, (_, i) => ({ ts: T0 + (seq + i) * 1000, temperature: 40, vibration: 1.1, current: 12 })) });

describe('MQTT broker with ingest', () => {
  let dir: string;
  let store: TelemetryStore;
  let ingest: IngestPipeline;
  let broker: RunningBroker;
  let client: MqttClient;
  let stored: number[];
  const letters: DeadLetter[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pdm-broker-'));
    store = createSqliteTelemetryStore({ file: join(dir, 't.db') });
    stored = [];
    letters.length = 0;
    ingest = new IngestPipeline({
      store,
      deadLetters: { record: (l) => letters.push(l) },
      devices: directory,
      logger: pino({ level: 'silent' }),
      onStored: (points) => stored.push(...points.map((p) => p.seq)),
    });
    await ingest.start();
    broker = await startMqttBroker({ port: 0, ingest, logger: pino({ level: 'silent' }) });
    client = await mqtt.connectAsync(broker.url, { clientId: 'edge-test', reconnectPeriod: 0 });
  });

  afterEach(async () => {
    await client.endAsync(true);
    await broker.close();
    await ingest.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges a QoS 1 message only once its samples are stored', async () => {
    await client.publishAsync(topics.telemetry('s1', 'l1', 'P-1'), msg(0), { qos: 1 });
    // No waiting: the PUBACK itself is the promise that the data is stored.
    expect(await store.count('P-1')).toBe(3);
    expect(stored).toEqual([0, 1, 2]);
  });

  it('stores a replay once and hands each sample on once', async () => {
    const t = topics.telemetry('s1', 'l1', 'P-1');
    await client.publishAsync(t, msg(0), { qos: 1 });
    await client.publishAsync(t, msg(0), { qos: 1 });
    await client.publishAsync(t, msg(2), { qos: 1 }); // overlaps seq 2
    expect(await store.count('P-1')).toBe(5);
    expect(stored).toEqual([0, 1, 2, 3, 4]);
    expect(ingest.stats()).toMatchObject({ samplesDuplicate: 4, samplesStored: 5 });
  });

  it('dead-letters bad messages with reasons, keeps the agent connected and stores the good ones around them', async () => {
    const t = topics.telemetry('s1', 'l1', 'P-1');
    const bad: Array<[string, string | Buffer]> = [
      [t, '{not json'],
      [t, JSON.stringify({ seq: 'x', samples: [] })],
      ['pdm/v1/s1/l1/P-404/telemetry', msg(0)],
      ['pdm/v1/s1/wrong-line/P-1/telemetry', msg(0)],
      [t, Buffer.alloc(100_000, 120)],
      ['pdm/v1/s1/l1/P-1/bogus', msg(0)],
      [topics.status('s1', 'edge-test'), '{"state":"sleepy"}'],
    ];
    await client.publishAsync(t, msg(0), { qos: 1 });
    for (const [topic, payload] of bad) await client.publishAsync(topic, payload, { qos: 1 });
    await client.publishAsync(t, msg(3), { qos: 1 });

    expect(client.connected).toBe(true);
    expect(await store.count('P-1')).toBe(6);
    expect(letters.map((l) => l.reason)).toEqual([
      'malformed-json',
      'schema',
      'unknown-device',
      'device-line-mismatch',
      'oversize',
      'bad-topic',
      'schema',
    ]);
    expect(letters.every((l) => l.clientId === 'edge-test' && l.detail.length > 0)).toBe(true);
    expect(ingest.stats().deadLettersByReason).toMatchObject({ schema: 2, oversize: 1 });
  });

  it('resumes dedupe from the store after a restart', async () => {
    const t = topics.telemetry('s1', 'l1', 'P-1');
    await client.publishAsync(t, msg(0), { qos: 1 });
    const again = new IngestPipeline({
      store,
      deadLetters: { record: (l) => letters.push(l) },
      devices: directory,
      logger: pino({ level: 'silent' }),
    });
    await again.start();
    await again.handleTelemetry(t, Buffer.from(msg(0)), 'edge-test');
    await again.handleTelemetry(t, Buffer.from(msg(3)), 'edge-test');
    expect(again.stats()).toMatchObject({ samplesDuplicate: 3, samplesAccepted: 3 });
    await again.close();
  });
});
