/**
 * Journey: an agent publishes a spread of malformed payloads between good
 * ones over real MQTT. Every bad one is a dead letter with its reason
 * (through the HTTP API), every good sample around them is stored, and the
 * agent is never disconnected.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../contract/topics';
import type { DeadLetterView, Paged, TelemetryView } from '../server/http/api-types';
import { startTestSystem, waitFor, type TestSystem } from './support/system-fixture';

const T0 = Date.UTC(2026, 10, 20, 6, 0, 0);
const good = (seq: number, n = 5) =>
  JSON.stringify({
    seq,
    samples: Array.from({ length: n }, (_, i) => ({ ts: T0 + (seq + i) * 1000, temperature: 45 + i / 10, vibration: 1.2, current: 17 })),
  });
const sample = { ts: T0, temperature: 45, vibration: 1.2, current: 17 };

describe('journey: malformed payloads are dead-lettered, good data around them is kept', () => {
  let sys: TestSystem;
  let agent: MqttClient;
  let disconnects = 0;

  beforeAll(async () => {
    sys = await startTestSystem({ SIMULATOR: 'off' });
    agent = await mqtt.connectAsync(sys.mqttUrl, { clientId: 'edge-utilities', reconnectPeriod: 0 });
    agent.on('close', () => disconnects++);
  });
  afterAll(async () => {
    await agent?.endAsync();
    await sys?.cleanup();
  });

  it('counts every bad message with its reason and loses no good sample', async () => {
    const t = topics.telemetry('plant-1', 'utilities', 'P-104');
    const bad: Array<{ topic: string; payload: string | Buffer; reason: string }> = [
      { topic: t, payload: '{"seq": 1, "samples": [', reason: 'malformed-json' },
      { topic: t, payload: Buffer.from([0xff, 0xfe, 0x00, 0x13]), reason: 'malformed-json' },
      { topic: t, payload: '', reason: 'malformed-json' },
      { topic: t, payload: JSON.stringify({ seq: '7', samples: [sample] }), reason: 'schema' },
      { topic: t, payload: JSON.stringify({ seq: 7, samples: [{ ...sample, temperature: 'hot' }] }), reason: 'schema' },
      { topic: t, payload: JSON.stringify({ seq: 7, samples: [{ ...sample, vibration: -3 }] }), reason: 'schema' },
      { topic: t, payload: JSON.stringify({ seq: 7, samples: [{ ...sample, current: 1e7 }] }), reason: 'schema' },
      { topic: t, payload: JSON.stringify({ seq: 7, samples: [] }), reason: 'schema' },
      { topic: t, payload: JSON.stringify({ seq: 7 }), reason: 'schema' },
      { topic: t, payload: JSON.stringify([1, 2, 3]), reason: 'schema' },
      { topic: topics.telemetry('plant-1', 'utilities', 'P-999'), payload: good(100), reason: 'unknown-device' },
      { topic: topics.telemetry('plant-1', 'assembly', 'P-104'), payload: good(100), reason: 'device-line-mismatch' },
      { topic: t, payload: Buffer.alloc(200_000, 0x20), reason: 'oversize' },
      { topic: 'pdm/v1/plant-1/utilities/P-104', payload: good(100), reason: 'bad-topic' },
      { topic: 'factory/line1/temp', payload: '21.5', reason: 'bad-topic' },
      { topic: topics.status('plant-1', 'edge-utilities'), payload: '{"state":"asleep"}', reason: 'schema' },
    ];

    // Good messages interleaved: seq 0..4, 5..9, ... one after each bad message.
    await agent.publishAsync(t, good(0), { qos: 1 });
    let nextSeq = 5;
    for (const b of bad) {
      await agent.publishAsync(b.topic, b.payload, { qos: 1 });
      await agent.publishAsync(t, good(nextSeq), { qos: 1 });
      nextSeq += 5;
    }
    expect(agent.connected).toBe(true);
    expect(disconnects).toBe(0);

    const letters = await waitFor('all dead letters', async () => {
      const page = await sys.get<Paged<DeadLetterView> & { countsByReason: Record<string, number> }>('/api/dead-letters?limit=100');
      return page.total >= bad.length ? page : undefined;
    });
    expect(letters.total).toBe(bad.length);
    const expected: Record<string, number> = {};
    for (const b of bad) expected[b.reason] = (expected[b.reason] ?? 0) + 1;
    expect(letters.countsByReason).toEqual(expected);
    for (const l of letters.items) {
      expect(l.clientId).toBe('edge-utilities');
      expect(l.detail.length).toBeGreaterThan(5);
    }
    const oversize = letters.items.find((l) => l.reason === 'oversize')!;
    expect(oversize.payloadBytes).toBe(200_000);
    expect(oversize.payloadPreview.length).toBeLessThanOrEqual(512);
    const schemaDetails = letters.items.filter((l) => l.reason === 'schema').map((l) => l.detail).join('\n');
    expect(schemaDetails).toMatch(/samples\.0\.temperature/);
    expect(schemaDetails).toMatch(/samples\.0\.vibration/);

    const stored = await sys.get<TelemetryView>(`/api/devices/P-104/telemetry?from=${T0}&to=${T0 + 3_600_000}`);
    expect(stored.points.map((p) => p.seq)).toEqual(Array.from({ length: nextSeq }, (_, i) => i));
    expect(sys.gateway.stats()).toMatchObject({ deadLetters: bad.length, samplesStored: nextSeq });
  });
});
