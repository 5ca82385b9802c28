/**
 * Property-based fuzzing of MQTT topics and payloads through the real broker
 * and ingest (real MQTT.js client, real SQLite files): arbitrary bytes,
 * JSON-ish values and near-valid mutations of good messages, interleaved with
 * good ones. Nothing crashes or disconnects; every bad message is exactly one
 * dead letter with a known reason (or, with logins on, a refusal by the
 * access list); nothing bad is stored; every good sample is stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { MAX_PAYLOAD_BYTES } from '../contract/telemetry';
import { topics } from '../contract/topics';
import { addAgentCredentials } from '../gateway/auth/credentials-admin';
import { loadConfig } from '../server/config';
import { DEAD_LETTER_REASONS } from '../server/db/schema';
import type { DeadLetterView, Paged } from '../server/http/api-types';
import { startSystem, type RunningSystem } from '../server/system';
import { DEMO_PLANT } from './support/system-fixture';

const plant = loadPlantFile(DEMO_PLANT);
const T0 = Date.UTC(2026, 10, 20, 6, 0, 0);
const GOOD = topics.telemetry('plant-1', 'utilities', 'P-101');
const TARGET = topics.telemetry('plant-1', 'utilities', 'P-104'); // bad payloads aimed at a real device
const sample = (seq: number) => ({ ts: T0 + seq * 1000, temperature: 45, vibration: 1.2, current: 17 });
const goodMessage = (seq: number, n = 3) => ({ seq, samples: Array.from({ length: n }, (_, i) => sample(seq + i)) });

/** Mutations of a good message that are each invalid by construction. */
const nearValid: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.nat({ max: 80 }).map((cut) => JSON.stringify(goodMessage(1)).slice(0, cut)), // truncated JSON
  fc.constantFrom<Record<string, unknown>>(
    { seq: -1 },
    { seq: 1.5 },
    { seq: '1' },
    { seq: null },
    { samples: [] },
    { samples: {} },
    { samples: [{ ...sample(1), temperature: 'hot' }] },
    { samples: [{ ...sample(1), vibration: -3 }] },
    { samples: [{ ...sample(1), current: Number.MAX_SAFE_INTEGER }] },
    { samples: [{ ...sample(1), ts: 12 }] },
    { samples: [{ ...sample(1), extra: 1 }] },
    { samples: [sample(2), sample(1)] },
    { samples: Array.from({ length: 501 }, (_, i) => sample(i)) },
    { extra: true },
  ).map((patch) => JSON.stringify({ ...goodMessage(1), ...patch })),
  fc.constant(Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20)), // oversize
  fc.constant(Buffer.from([0xef, 0xbb, 0xbf, 0x7b])), // BOM and a brace
);
const badPayload: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.json({ maxDepth: 3 }),
  nearValid,
);
/** Topics a client may PUBLISH (MQTT forbids wildcards, NUL, empty), none of them a known device's. */
const randomTopic = fc
  .string({ minLength: 1, maxLength: 80 })
  .filter((t) => !/[+#\u0000]/.test(t) && !t.startsWith('$') && t.split('/').length < 50 && !t.startsWith('pdm/v1/plant-1/utilities/'));
const nearTopic = fc.constantFrom(
  'pdm/v1/plant-1/utilities/P-104', // a segment short
  'pdm/v2/plant-1/utilities/P-104/telemetry',
  'pdm/v1/plant-1/assembly/P-104/telemetry', // wrong line
  'pdm/v1/plant-2/utilities/P-104/telemetry', // wrong site
  'pdm/v1/plant-1/utilities/P-999/telemetry', // unknown device
  'pdm/v1/plant-1/utilities/P-104/telemetry/x',
  'pdm/v1/plant-1/agent/edge-utilities/statuz',
);
const badMessage = fc.record({ topic: fc.oneof(fc.constant(TARGET), randomTopic, nearTopic), payload: badPayload });

async function startFuzzSystem(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-fuzz-'));
  const secret = env.MQTT_AUTH === 'required' ? await addAgentCredentials(join(dir, 'agent-credentials.json'), 'edge-utilities', new Date(T0)) : undefined;
  const config = loadConfig({ PORT: '0', MQTT_PORT: '0', DATA_DIR: dir, SIMULATOR: 'off', PLANT_FILE: DEMO_PLANT, LOG_LEVEL: 'silent', ...env });
  const sys = await startSystem({ config, plant, logger: pino({ level: 'silent' }), scenario: null });
  const client = await mqtt.connectAsync(sys.mqttUrl, { clientId: 'edge-utilities', username: 'edge-utilities', password: secret, reconnectPeriod: 0 });
  let disconnects = 0;
  client.on('close', () => disconnects++);
  return {
    sys,
    client,
    disconnects: () => disconnects,
    async cleanup() {
      await client.endAsync(true);
      await sys.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Publishes each bad message followed by a good one, in order; resolves once all are acknowledged. */
async function publishInterleaved(client: MqttClient, bad: { topic: string; payload: string | Buffer }[], nextSeq: number): Promise<number> {
  const acks: Promise<unknown>[] = [];
  for (const b of bad) {
    acks.push(client.publishAsync(b.topic, b.payload, { qos: 1 }));
    acks.push(client.publishAsync(GOOD, JSON.stringify(goodMessage(nextSeq)), { qos: 1 }));
    nextSeq += 3;
  }
  await Promise.all(acks);
  return nextSeq;
}

describe('fuzz: MQTT topics and payloads through the broker and ingest', () => {
  let f: Awaited<ReturnType<typeof startFuzzSystem>>;
  beforeAll(async () => {
    f = await startFuzzSystem({ MQTT_AUTH: 'off' });
  }, 30_000);
  afterAll(() => f?.cleanup());

  it('dead-letters every bad message with a reason, stores nothing of them, keeps every good sample', async () => {
    let seq = 0;
    let bad = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(badMessage, { minLength: 1, maxLength: 4 }), async (messages) => {
        const before = f.sys.gateway.stats().deadLetters;
        seq = await publishInterleaved(f.client, messages, seq);
        bad += messages.length;
        // The PUBACK comes after the store write or the dead letter, so the counts are final here.
        expect(f.sys.gateway.stats().deadLetters - before).toBe(messages.length);
        expect(await f.sys.telemetryStore.count('P-101')).toBe(seq);
        expect(f.client.connected).toBe(true);
      }),
      { numRuns: 120 },
    );
    expect(f.disconnects()).toBe(0);
    expect(await f.sys.telemetryStore.count()).toBe(seq); // nothing but the good samples
    const page = (await (
      await fetch(`${f.sys.httpUrl}/api/dead-letters?limit=1`, { headers: { authorization: `Bearer ${f.sys.adminToken}` } })
    ).json()) as Paged<DeadLetterView> & { countsByReason: Record<string, number> };
    expect(page.total).toBe(bad);
    for (const reason of Object.keys(page.countsByReason)) expect(DEAD_LETTER_REASONS).toContain(reason);
  }, 120_000);
});

describe('fuzz: arbitrary topics from a logged-in agent', () => {
  let f: Awaited<ReturnType<typeof startFuzzSystem>>;
  beforeAll(async () => {
    f = await startFuzzSystem({ MQTT_AUTH: 'required' });
  }, 30_000);
  afterAll(() => f?.cleanup());

  it('refuses (acknowledged, counted) or dead-letters every bad message and never disconnects', async () => {
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(badMessage, { minLength: 1, maxLength: 4 }), async (messages) => {
        const refusedBefore = f.sys.gateway.securityStats!()!.publishesRefused;
        const lettersBefore = f.sys.gateway.stats().deadLetters;
        seq = await publishInterleaved(f.client, messages, seq);
        // Its own device's topic reaches ingest (dead letter); every other topic is refused by the access list first.
        const own = messages.filter((m) => m.topic === TARGET).length;
        expect(f.sys.gateway.stats().deadLetters - lettersBefore).toBe(own);
        expect(f.sys.gateway.securityStats!()!.publishesRefused - refusedBefore).toBe(messages.length - own);
        expect(await f.sys.telemetryStore.count('P-101')).toBe(seq);
      }),
      { numRuns: 60 },
    );
    expect(f.disconnects()).toBe(0);
    expect(await f.sys.telemetryStore.count()).toBe(seq);
  }, 120_000);
});
