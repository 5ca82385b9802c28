import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, getWorkOrder, listDeadLetters, listDevices, listWorkOrders, transitionWorkOrder } from './api-client';

function respond(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' },
    }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('asks for every active status in one request', async () => {
    const fetchMock = respond(200, { items: [], total: 0 });
    await listWorkOrders({ filter: 'active', deviceId: 'P-104' });
    const url = new URL(fetchMock.mock.calls[0]![0], 'http://x');
    expect(url.pathname).toBe('/api/work-orders');
    expect(url.searchParams.get('status')).toBe('open,acknowledged,assigned,in-progress,on-hold');
    expect(url.searchParams.get('deviceId')).toBe('P-104');
  });

  it('sends no status for "all" and one status otherwise', async () => {
    const fetchMock = respond(200, []);
    await listWorkOrders({ filter: 'all', limit: 10, offset: 20 });
    await listWorkOrders({ filter: 'on-hold' });
    const [all, one] = fetchMock.mock.calls.map((c) => new URL(c[0], 'http://x').searchParams);
    expect(all!.has('status')).toBe(false);
    expect(all!.get('offset')).toBe('20');
    expect(one!.get('status')).toBe('on-hold');
  });

  it('accepts bare arrays for lists', async () => {
    respond(200, [{ id: 'P-101' }]);
    expect(await listDevices()).toEqual([{ id: 'P-101' }]);
  });

  it('posts transitions with the outcome', async () => {
    const fetchMock = respond(200, {});
    await transitionWorkOrder(7, 'resolved', 'done', { kind: 'no-fault-found', note: 'sensor loose' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/work-orders/7/transition');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ to: 'resolved', note: 'done', outcome: { kind: 'no-fault-found', note: 'sensor loose' } });
  });

  it("turns a 409 into an error carrying the server's message", async () => {
    respond(409, { error: { code: 'illegal-transition', message: 'cannot go from resolved to acknowledged' } });
    const err = await transitionWorkOrder(7, 'acknowledged').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 409, code: 'illegal-transition', message: 'cannot go from resolved to acknowledged' });
  });

  it('reports an unreachable server plainly', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    await expect(getWorkOrder(1)).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('reads server-side dead-letter counts when present', async () => {
    respond(200, { items: [], total: 3, countsByReason: { schema: 3 } });
    expect(await listDeadLetters(10)).toEqual({ items: [], total: 3, countsByReason: { schema: 3 } });
    respond(200, { items: [], total: 0 });
    expect((await listDeadLetters(10)).countsByReason).toBeNull();
  });
});
