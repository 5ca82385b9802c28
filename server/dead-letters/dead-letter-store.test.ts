import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { DeadLetter } from '../../gateway/ingest/dead-letter-sink';
import type { ApiError, DeadLetterView } from '../http/api-types';
import { createEventBus } from '../events/event-bus';
import { createTestServer, getJson, T0, type TestServer } from '../testing/test-server';
import { createDeadLetterStore, type DeadLetterPage } from './dead-letter-store';

const letter = (overrides: Partial<DeadLetter> = {}): DeadLetter => ({
  receivedAt: T0,
  clientId: 'edge-utilities',
  topic: 'pdm/v1/plant-1/utilities/P-104/telemetry',
  reason: 'schema',
  detail: 'samples.0.vibration: vibration must be within 0..200 mm/s',
  payload: Buffer.from('{"seq":1,"samples":[{"vibration":999}]}'),
  ...overrides,
});

describe('dead letters', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  it('stores a 512-byte text preview and the full size, and publishes the letter', () => {
    const published: DeadLetterView[] = [];
    server.bus.subscribe((e) => e.name === 'dead-letter' && published.push(e.data));
    const big = Buffer.from('x'.repeat(70_000));
    server.services.deadLetters.record(letter({ reason: 'oversize', detail: '70000 bytes', payload: big }));

    const page = server.services.deadLetters.list({ limit: 10, offset: 0 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ reason: 'oversize', payloadBytes: 70_000, clientId: 'edge-utilities', receivedAt: T0 });
    expect(page.items[0]!.payloadPreview).toBe('x'.repeat(512));
    expect(published).toEqual(page.items);
  });

  it('lists newest first with counts by reason over HTTP, filtered by reason', async () => {
    const { deadLetters } = server.services;
    deadLetters.record(letter({ reason: 'schema', receivedAt: T0 }));
    deadLetters.record(letter({ reason: 'malformed-json', receivedAt: T0 + 1, payload: Buffer.from('{nope') }));
    deadLetters.record(letter({ reason: 'schema', receivedAt: T0 + 2 }));

    const all = await getJson<DeadLetterPage>(server.app, '/api/dead-letters');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((d) => d.receivedAt)).toEqual([T0 + 2, T0 + 1, T0]);
    expect(all.body.countsByReason).toEqual({ schema: 2, 'malformed-json': 1 });

    const json = await getJson<DeadLetterPage>(server.app, '/api/dead-letters?reason=malformed-json');
    expect(json.body.items.map((d) => d.payloadPreview)).toEqual(['{nope']);
    expect(json.body.total).toBe(1);

    const bad = await getJson<ApiError>(server.app, '/api/dead-letters?reason=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.[0]?.path).toBe('reason');
  });

  it('never throws: a database failure is logged instead', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const store = createDeadLetterStore({ database: server.database, bus: createEventBus(), logger });
    server.database.close();
    expect(() => store.record(letter())).not.toThrow();
    expect(lines.join('')).toContain('could not store a dead letter');
  });
});
