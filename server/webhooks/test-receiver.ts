/**
 * Test support: a real HTTP receiver on a loopback port that records each
 * request (headers, raw body) and answers with scripted statuses.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Statuses for the next requests, in order; after them every request gets `fallback`. */
  script(statuses: number[], fallback?: number): void;
  /** Milliseconds to wait before answering (to observe requests in flight), or 'never'. */
  delay: number | 'never';
  /** Requests being answered right now, and the most at once so far. */
  inFlight: number;
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startTestReceiver(): Promise<TestReceiver> {
  let queue: number[] = [];
  let fallback = 200;
  const state: TestReceiver = {
    url: '',
    received: [],
    script(statuses, otherwise = 200) {
      queue = [...statuses];
      fallback = otherwise;
    },
    delay: 0,
    inFlight: 0,
    maxInFlight: 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = queue.shift() ?? fallback;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      const answer = () => {
        state.inFlight--;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'receiver says no' : 'ok');
      };
      if (state.delay === 'never') return;
      if (state.delay > 0) setTimeout(answer, state.delay);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/pdm`;
  return state;
}

/** A loopback URL nothing listens on (a port that was free a moment ago). */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hooks/pdm`;
}
