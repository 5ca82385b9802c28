import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anomalyEvent, createTestServer, type TestServer } from '../testing/test-server';
import type { ServerEvents } from './api-types';

/** Reads SSE events from a response body until `until` accepts one; returns everything read. */
async function readEvents(body: ReadableStream<Uint8Array>, until: (e: { event: string; data: unknown }) => boolean) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const seen: Array<{ event: string; data: unknown }> = [];
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`stream ended; saw ${seen.map((e) => e.event).join(', ')}`);
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (!event) continue; // comment (connected, heartbeat)
        const parsed = { event, data: JSON.parse(data) as unknown };
        seen.push(parsed);
        if (until(parsed)) return seen;
      }
    }
  } finally {
    await reader.cancel();
  }
}

describe('GET /api/events', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer({ sseHeartbeatMs: 50 });
  });
  afterEach(() => server.close());

  it('streams the work order a new anomaly creates, and unsubscribes when the client goes away', async () => {
    const res = await server.app.request('/api/events');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(server.bus.listenerCount()).toBe(1);

    const created = server.services.workOrders.handleAnomalyEvent(anomalyEvent())!.workOrder!;
    const seen = await readEvents(res.body!, (e) => e.event === 'work-order');

    expect(seen.map((e) => e.event)).toEqual(['anomaly', 'work-order']);
    const data = seen[1]!.data as ServerEvents['work-order'];
    expect(data).toEqual({ change: 'created', workOrder: created });
    expect(data.workOrder.title).toBe('Vibration 3.1 mm/s above warn 2.8 mm/s on P-104 Cooling water pump 2');

    await expect.poll(() => server.bus.listenerCount()).toBe(0);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const res = await server.app.request('/api/events');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(': heartbeat')) text += decoder.decode((await reader.read()).value, { stream: true });
    await reader.cancel();
    expect(text.startsWith(': connected\n\n')).toBe(true);
  });

  it('unsubscribes when a real HTTP client disconnects', async () => {
    const http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    try {
      await new Promise<void>((resolve) => (http.listening ? resolve() : http.once('listening', () => resolve())));
      const { port } = http.address() as AddressInfo;
      const client = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/api/events?access_token=${server.adminToken}`, { signal: client.signal });
      const reader = res.body!.getReader();
      await reader.read(); // ': connected'
      expect(server.bus.listenerCount()).toBe(1);
      client.abort();
      await expect.poll(() => server.bus.listenerCount()).toBe(0);
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
