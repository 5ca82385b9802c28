import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, clearWorkOrderPriority, commentOnWorkOrder, getMe, getWorkOrder, listDeadLetters, listDevices, listWorkOrders, setWorkOrderPriority, transitionWorkOrder } from './api-client';
import { onUnauthorized, setToken } from './auth-store';

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
  setToken(null);
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
    await transitionWorkOrder(7, 'resolved', { note: 'done', outcome: { kind: 'no-fault-found', note: 'sensor loose' } });
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

  it('sends the priority filter and sorts by priority, then newest', async () => {
    const fetchMock = respond(200, { items: [{ id: 1, priority: 'P3', createdAt: 5 }, { id: 2, priority: 'P0', createdAt: 1 }], total: 2 });
    const page = await listWorkOrders({ filter: 'all', priorities: ['P0', 'P1'] });
    expect(new URL(fetchMock.mock.calls[0]![0], 'http://x').searchParams.get('priority')).toBe('P0,P1');
    expect(page.items.map((o) => o.id)).toEqual([2, 1]);
  });

  it('sends the hold reason with on-hold only, and never an actor', async () => {
    const fetchMock = respond(200, {});
    await transitionWorkOrder(7, 'on-hold', { holdReason: 'waiting-for-parts', note: 'bearing on order' });
    await transitionWorkOrder(7, 'in-progress', { holdReason: 'waiting-for-parts' });
    await commentOnWorkOrder(7, 'hello');
    const bodies = fetchMock.mock.calls.map((c) => JSON.parse(String(c[1]?.body)));
    expect(bodies).toEqual([{ to: 'on-hold', note: 'bearing on order', holdReason: 'waiting-for-parts' }, { to: 'in-progress' }, { text: 'hello' }]);
  });

  it('sets and clears a priority override', async () => {
    const fetchMock = respond(200, {});
    await setWorkOrderPriority(7, 'P0', 'customer line stop');
    await clearWorkOrderPriority(7);
    expect(fetchMock.mock.calls.map((c) => [c[0], c[1]?.method, c[1]?.body])).toEqual([
      ['/api/work-orders/7/priority', 'PUT', JSON.stringify({ priority: 'P0', reason: 'customer line stop' })],
      ['/api/work-orders/7/priority', 'DELETE', undefined],
    ]);
  });
});

describe('authentication', () => {
  const headerOf = (init: RequestInit | undefined) => new Headers(init?.headers).get('authorization');

  it('sends the stored token as a bearer header', async () => {
    const fetchMock = respond(200, []);
    await listDevices();
    expect(headerOf(fetchMock.mock.calls[0]![1])).toBeNull();
    setToken('pdm_secret_token');
    await listDevices();
    expect(headerOf(fetchMock.mock.calls[1]![1])).toBe('Bearer pdm_secret_token');
  });

  it('reports a 401 app-wide, so the sign-in screen shows', async () => {
    respond(401, { error: { code: 'unauthorized', message: 'the access token is unknown or revoked' } });
    const seen: string[] = [];
    const off = onUnauthorized((m) => seen.push(m));
    await expect(listDevices()).rejects.toMatchObject({ status: 401 });
    off();
    expect(seen).toEqual(['the access token is unknown or revoked']);
  });

  it('checks a token on sign-in without raising the alarm', async () => {
    const fetchMock = respond(401, { error: { code: 'unauthorized', message: 'nope' } });
    const seen: string[] = [];
    const off = onUnauthorized((m) => seen.push(m));
    await expect(getMe({ token: 'pdm_candidate' })).rejects.toMatchObject({ status: 401, message: 'nope' });
    off();
    expect(seen).toEqual([]);
    expect(headerOf(fetchMock.mock.calls[0]![1])).toBe('Bearer pdm_candidate');
  });

  it("reads who is signed in, and passes a 403 on with the server's message", async () => {
    respond(200, { name: 'Dana Ortiz', role: 'technician', can: 'works orders' });
    expect(await getMe()).toEqual({ name: 'Dana Ortiz', role: 'technician', can: 'works orders' });
    respond(403, { error: { code: 'forbidden', message: 'role display may not work-order.comment' } });
    await expect(commentOnWorkOrder(1, 'x')).rejects.toMatchObject({ status: 403, message: 'role display may not work-order.comment' });
  });
});
