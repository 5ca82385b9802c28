/**
 * GET /events (mounted under /api): server-sent events. Each bus event goes
 * out as an SSE event named after its ServerEvents key with JSON data; a
 * comment line every heartbeatMs keeps proxies from closing an idle stream.
 * The subscription ends when the client goes away.
 */
import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { EventBus } from '../events/event-bus';

/** A client that lets this many events pile up unread is dropped. */
const MAX_UNSENT = 1000;

export function eventStreamRoutes({ bus, heartbeatMs = 15_000 }: { bus: EventBus; heartbeatMs?: number }) {
  return new Hono().get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const gone = untilAborted(stream);
      c.req.raw.signal.addEventListener('abort', () => stream.abort(), { once: true });
      let unsent = 0;
      const unsubscribe = bus.subscribe(({ name, data }) => {
        if (++unsent > MAX_UNSENT) return stream.abort();
        void stream.writeSSE({ event: name, data: JSON.stringify(data) }).finally(() => unsent--);
      });
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), heartbeatMs);
      try {
        await stream.write(': connected\n\n');
        await gone;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    }),
  );
}

function untilAborted(stream: SSEStreamingApi): Promise<void> {
  return new Promise((resolve) => {
    if (stream.aborted) resolve();
    else stream.onAbort(resolve);
  });
}
