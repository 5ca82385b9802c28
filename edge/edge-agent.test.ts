import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentStatusSchema, telemetryMessageSchema, toPoints, type TelemetryPoint } from '../contract/telemetry';
import { parseTopic, topics } from '../contract/topics';
import { EdgeAgent, type EdgeAgentOptions } from './edge-agent';
import { freePort, TestBroker } from './test-broker';
import { capturingLogger, FakeSource, FastClock, ManualClock, T0, until } from './test-fixtures';

const SITE = 'plant-1';
const DEVICES = [
  { id: 'P-101', lineId: 'utilities' },
  { id: 'C-201', lineId: 'utilities' },
  { id: 'IM-A1', lineId: 'molding-a' },
];

let dir: string;
let outboxPath: string;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'edge-agent-'));
  outboxPath = join(dir, 'outbox.db');
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

function startBroker(port?: number): Promise<TestBroker> {
  return TestBroker.start(port).then((b) => {
    cleanups.push(() => b.down());
    return b;
  });
}

function startAgent(options: Partial<EdgeAgentOptions> & Pick<EdgeAgentOptions, 'brokerUrl' | 'clock' | 'source'>): EdgeAgent {
  const agent = new EdgeAgent({
    agentId: 'edge-test',
    siteId: SITE,
    devices: DEVICES,
    outboxPath,
    realTickMs: 10,
    batchSize: 10,
    maxBatchDelayMs: 30,
    reconnectPeriodMs: 100,
    stopTimeoutMs: 1000,
    ...options,
  });
  cleanups.push(() => agent.stop());
  agent.start();
  return agent;
}

/** Telemetry the broker received: each message validated, expanded to points in arrival order. */
function receivedPoints(broker: TestBroker): { points: TelemetryPoint[]; batchSizes: Map<string, number[]> } {
  const points: TelemetryPoint[] = [];
  const batchSizes = new Map<string, number[]>();
  for (const m of broker.received) {
    const topic = parseTopic(m.topic);
    if (topic instanceof Error || topic.kind !== 'telemetry') continue;
    const msg = telemetryMessageSchema.parse(JSON.parse(m.payload));
    const device = DEVICES.find((d) => d.id === topic.device);
    expect(m.topic).toBe(topics.telemetry(SITE, device!.lineId, topic.device));
    points.push(...toPoints(topic.device, msg));
    batchSizes.set(topic.device, [...(batchSizes.get(topic.device) ?? []), msg.samples.length]);
  }
  return { points, batchSizes };
}

const seqsOf = (points: TelemetryPoint[], deviceId: string) => points.filter((p) => p.deviceId === deviceId).map((p) => p.seq);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('edge agent against a real broker', () => {
  it('publishes every sample, batched, on its device topic with contiguous seq from 0 and the sampled timestamps', async () => {
    const broker = await startBroker();
    const clock = new ManualClock();
    const agent = startAgent({ brokerUrl: broker.url, clock, source: new FakeSource() });
    clock.advance(34_000); // 35 sample instants, T0 .. T0+34 s
    await until(() => agent.stats.sampled === 35 * DEVICES.length, 'sampling');
    await agent.waitUntilDrained(5000);

    const { points, batchSizes } = receivedPoints(broker);
    for (const d of DEVICES) {
      const mine = points.filter((p) => p.deviceId === d.id);
      expect(mine.map((p) => p.seq)).toEqual(range(0, 35));
      expect(mine.map((p) => p.ts)).toEqual(range(0, 35).map((i) => T0 + i * 1000));
      expect(batchSizes.get(d.id)).toEqual([10, 10, 10, 5]);
    }
    expect(agent.stats).toMatchObject({ sampled: 105, acked: 105, pending: 0, inFlight: 0, publishedMessages: 12, dropped: 0 });
  });

  it('keeps a retained online status while connected, and the broker delivers the offline will when the agent crashes', async () => {
    const broker = await startBroker();
    let agentClient: MqttClient | undefined;
    const agent = startAgent({
      brokerUrl: broker.url,
      clock: new ManualClock(),
      source: new FakeSource(),
      connect: (url, opts) => (agentClient = connect(url, opts)),
    });
    await until(() => agent.stats.connected, 'agent connected');

    const statuses = async () => {
      const seen: unknown[] = [];
      const watcher = await subscribe(broker.url, topics.allStatus, seen);
      cleanups.push(() => watcher.endAsync());
      return seen;
    };
    const first = await statuses();
    await until(() => first.length > 0, 'retained status');
    expect(agentStatusSchema.parse(first[0])).toMatchObject({ state: 'online', agentId: 'edge-test', devices: DEVICES.map((d) => d.id) });

    agentClient!.end(true); // crash: the socket goes away without an MQTT DISCONNECT
    await until(() => first.length > 1, 'will delivered');
    expect(first[1]).toEqual({ state: 'offline', agentId: 'edge-test' });

    const later = await statuses(); // what a dashboard connecting now sees
    await until(() => later.length > 0, 'retained status after crash');
    expect(later[0]).toEqual({ state: 'offline', agentId: 'edge-test' });
  });

  it('continues seq after a restart on the same outbox and sends what the previous run left pending', async () => {
    const broker = await startBroker();
    const clock = new ManualClock();
    const source = new FakeSource();
    const first = startAgent({ brokerUrl: broker.url, clock, source });
    clock.advance(10_000); // instants 0..10 s
    await until(() => first.stats.sampled === 11 * DEVICES.length, 'first samples');
    await first.waitUntilDrained(5000);

    await broker.down();
    clock.advance(5_000); // instants 11..15 s: sampled while the broker is down
    await until(() => first.stats.sampled === 16 * DEVICES.length, 'samples during outage');
    await first.stop();
    expect(first.stats.pending).toBe(5 * DEVICES.length);

    await broker.up();
    clock.advance(500);
    const second = startAgent({ brokerUrl: broker.url, clock, source });
    clock.advance(3_500); // instants 16..19 s
    await until(() => second.stats.sampled === 4 * DEVICES.length, 'samples after restart');
    await second.waitUntilDrained(5000);

    const { points } = receivedPoints(broker);
    for (const d of DEVICES) {
      const mine = points.filter((p) => p.deviceId === d.id);
      expect([...new Set(mine.map((p) => p.seq))].sort((a, b) => a - b)).toEqual(range(0, 20));
      // A reused seq would pair one seq with two timestamps.
      for (const p of mine) expect(p.ts).toBe(T0 + p.seq * 1000);
    }
    expect(second.stats.acked).toBeGreaterThanOrEqual(9 * DEVICES.length);
  });

  it('survives a broker outage: every sample taken arrives, without gaps, in order of first arrival', async () => {
    const broker = await startBroker();
    const clock = new FastClock(50); // 50 samples per real second per device
    const source = new FakeSource();
    const agent = startAgent({ brokerUrl: broker.url, clock, source, batchSize: 5 });
    await until(() => agent.stats.acked > 20, 'traffic before the outage');

    broker.stall(); // the network stalls first, so batches are in flight when the broker dies
    await until(() => agent.stats.inFlight >= 3, 'unacknowledged batches');
    await broker.down();
    const sampledAtOutage = agent.stats.sampled;
    await until(() => agent.stats.sampled > sampledAtOutage + 60, 'sampling during the outage');
    expect(agent.stats.connected).toBe(false);
    await broker.up();
    await until(() => agent.stats.reconnects >= 1, 'reconnect');
    await new Promise((r) => setTimeout(r, 300));
    clock.freeze();
    await until(() => agent.stats.sampled === sumOf(source.given), 'last tick');
    await agent.waitUntilDrained(5000);

    const { points } = receivedPoints(broker);
    for (const d of DEVICES) {
      const taken = source.given.get(d.id)!;
      const firstArrivals: number[] = [];
      const seen = new Set<number>();
      for (const seq of seqsOf(points, d.id)) {
        if (!seen.has(seq)) firstArrivals.push(seq);
        seen.add(seq);
      }
      expect(firstArrivals).toEqual(range(0, taken));
      // The stalled batches never reached the broker, so resending them from the outbox
      // (and not also from MQTT.js's in-memory copy) delivers each sample exactly once.
      expect(seqsOf(points, d.id)).toHaveLength(taken);
    }
    expect(agent.stats.publishedSamples).toBeGreaterThan(agent.stats.sampled); // the stalled batches were sent again
    expect(agent.stats.dropped).toBe(0);
  });

  it('sends nothing for a device whose sensor gave no reading, without spending a seq', async () => {
    const broker = await startBroker();
    const clock = new ManualClock();
    const silent = new Set([T0 + 3000, T0 + 4000]);
    const source = new FakeSource((deviceId, ts) => deviceId === 'P-101' && silent.has(ts));
    const agent = startAgent({ brokerUrl: broker.url, clock, source });
    clock.advance(9_000);
    await until(() => agent.stats.sampled === 10 * DEVICES.length - 2, 'sampling');
    await agent.waitUntilDrained(5000);

    const { points } = receivedPoints(broker);
    const p101 = points.filter((p) => p.deviceId === 'P-101');
    expect(p101.map((p) => p.seq)).toEqual(range(0, 8));
    expect(p101.map((p) => (p.ts - T0) / 1000)).toEqual([0, 1, 2, 5, 6, 7, 8, 9]);
    expect(seqsOf(points, 'C-201')).toEqual(range(0, 10));
    expect(agent.stats.dropouts).toBe(2);
  });

  it('when the outbox is full, drops the oldest samples, counts them and logs an error; the newest still arrive', async () => {
    const port = await freePort();
    const clock = new ManualClock();
    const { logger, records } = capturingLogger();
    const agent = startAgent({ brokerUrl: `mqtt://127.0.0.1:${port}`, clock, source: new FakeSource(), maxPending: 15, logger });
    clock.advance(9_000); // 10 instants x 3 devices = 30 samples into an outbox of 15
    await until(() => agent.stats.sampled === 30, 'sampling');
    expect(agent.stats).toMatchObject({ pending: 15, dropped: 15 });
    expect(records.some((r) => r.level === 50 && /outbox full/.test(r.msg))).toBe(true);

    const broker = await startBroker(port);
    await agent.waitUntilDrained(5000);
    const { points } = receivedPoints(broker);
    for (const d of DEVICES) expect(seqsOf(points, d.id)).toEqual(range(5, 10));
  });
});

function sumOf(m: Map<string, number>): number {
  return [...m.values()].reduce((a, b) => a + b, 0);
}

async function subscribe(url: string, filter: string, into: unknown[]): Promise<MqttClient> {
  const client = await (await import('mqtt')).connectAsync(url, { reconnectPeriod: 0 });
  client.on('message', (_topic, payload) => into.push(JSON.parse(payload.toString())));
  await client.subscribeAsync(filter, { qos: 1 });
  return client;
}
