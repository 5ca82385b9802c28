import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, CreatedWebhookView, Paged, WebhookDeliveryView, WebhookView } from '../http/api-types';
import { createTestServer, deleteJson, getJson, postJson, T0, type TestServer } from '../testing/test-server';

let server: TestServer;
beforeEach(() => {
  server = createTestServer();
});
afterEach(() => server.close());

const patchJson = async <T>(path: string, body: unknown, token?: string) => {
  const res = await server.app.request(path, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
};

const register = async (body: Record<string, unknown> = {}) => {
  const res = await postJson<CreatedWebhookView>(server.app, '/api/webhooks', { url: 'https://ops.example.com/hooks/pdm', events: ['work-order.created'], ...body });
  expect(res.status).toBe(201);
  return res.body;
};

describe('POST /api/webhooks', () => {
  it('registers a webhook and shows its generated secret once', async () => {
    const created = await register({ description: 'CMMS bridge', events: ['work-order.created', 'work-order.resolved'] });
    expect(created).toMatchObject({
      url: 'https://ops.example.com/hooks/pdm',
      events: ['work-order.created', 'work-order.resolved'],
      description: 'CMMS bridge',
      active: true,
      createdAt: T0,
      createdBy: 'test-admin',
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const list = await getJson<Paged<WebhookView>>(server.app, '/api/webhooks');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    const { secret: _secret, ...withoutSecret } = created;
    expect(list.body.items[0]).toEqual(withoutSecret);
    expect(JSON.stringify(list.body)).not.toContain(created.secret);
    const one = await getJson<WebhookView>(server.app, `/api/webhooks/${created.id}`);
    expect(JSON.stringify(one.body)).not.toContain(created.secret);
    expect(one.body.url).toBe(created.url);
  });

  it('keeps a secret the caller chose (16 characters or more) and folds "*" into all events', async () => {
    const created = await register({ secret: 'my-own-secret-1234', events: ['*', 'work-order.created'] });
    expect(created.secret).toBe('my-own-secret-1234');
    expect(created.events).toEqual(['*']);
    const row = server.database.sqlite.prepare('SELECT secret FROM webhooks WHERE id = ?').get(created.id) as { secret: string };
    expect(row.secret).toBe('my-own-secret-1234');
  });

  it('answers 400 naming each bad field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ url: 'ftp://example.com/x', events: ['*'] }, 'url'],
      [{ url: 'not a url', events: ['*'] }, 'url'],
      [{ url: 'https://example.com/x', events: [] }, 'events'],
      [{ url: 'https://example.com/x', events: ['work-order.exploded'] }, 'events.0'],
      [{ url: 'https://example.com/x', events: ['*'], secret: 'short' }, 'secret'],
      [{ url: 'https://example.com/x', events: ['*'], colour: 'red' }, 'colour'],
      [{ events: ['*'] }, 'url'],
    ];
    for (const [body, field] of cases) {
      const res = await postJson<ApiError>(server.app, '/api/webhooks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid-body');
      expect(res.body.error.issues?.map((i) => i.path), JSON.stringify(body)).toContain(field);
    }
    const malformed = await postJson<ApiError>(server.app, '/api/webhooks', '{"url":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed-json');
    expect((await getJson<Paged<WebhookView>>(server.app, '/api/webhooks')).body.total).toBe(0);
  });
});

describe('PATCH and DELETE /api/webhooks/:id', () => {
  it('changes events and deactivates; an empty change or unknown id is refused', async () => {
    const created = await register();
    const changed = await patchJson<WebhookView>(`/api/webhooks/${created.id}`, { events: ['work-order.closed'], active: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: created.id, events: ['work-order.closed'], active: false, url: created.url });
    const empty = await patchJson<ApiError>(`/api/webhooks/${created.id}`, {});
    expect(empty.status).toBe(400);
    const badUrl = await patchJson<ApiError>(`/api/webhooks/${created.id}`, { url: 'javascript:alert(1)' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.issues?.[0]?.path).toBe('url');
    expect((await patchJson<ApiError>('/api/webhooks/999', { active: true })).status).toBe(404);
    expect((await patchJson<ApiError>('/api/webhooks/abc', { active: true })).status).toBe(400);
  });

  it('deletes the webhook with its delivery log', async () => {
    const created = await register();
    expect((await postJson(server.app, `/api/webhooks/${created.id}/ping`, {})).status).toBe(202);
    const removed = await deleteJson<WebhookView>(server.app, `/api/webhooks/${created.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.id).toBe(created.id);
    expect((await getJson(server.app, `/api/webhooks/${created.id}`)).status).toBe(404);
    expect(server.database.sqlite.prepare('SELECT count(*) AS n FROM webhook_deliveries').get()).toEqual({ n: 0 });
  });
});

describe('deliveries, ping and redeliver', () => {
  it('ping queues a signed test event for that webhook; redeliver queues the same body again', async () => {
    const created = await register();
    const ping = await postJson<WebhookDeliveryView>(server.app, `/api/webhooks/${created.id}/ping`, {});
    expect(ping.status).toBe(202);
    expect(ping.body).toMatchObject({ webhookId: created.id, event: 'ping', status: 'pending', attempts: 0, nextAttemptAt: T0, lastStatusCode: null });
    expect(ping.body.payload).toMatchObject({ type: 'ping', actor: 'test-admin', workOrder: null, id: ping.body.eventId });

    server.clock.now = T0 + 60_000;
    const again = await postJson<WebhookDeliveryView>(server.app, `/api/webhooks/${created.id}/deliveries/${ping.body.id}/redeliver`, {});
    expect(again.status).toBe(202);
    expect(again.body.id).not.toBe(ping.body.id);
    expect(again.body).toMatchObject({ eventId: ping.body.eventId, payload: ping.body.payload, status: 'pending', createdAt: T0 + 60_000 });

    const log = await getJson<Paged<WebhookDeliveryView>>(server.app, `/api/webhooks/${created.id}/deliveries`);
    expect(log.body.total).toBe(2);
    expect(log.body.items.map((d) => d.id)).toEqual([again.body.id, ping.body.id]);
    const paged = await getJson<Paged<WebhookDeliveryView>>(server.app, `/api/webhooks/${created.id}/deliveries?limit=1&offset=1`);
    expect(paged.body).toMatchObject({ total: 2, items: [{ id: ping.body.id }] });
    const delivered = await getJson<Paged<WebhookDeliveryView>>(server.app, `/api/webhooks/${created.id}/deliveries?status=delivered`);
    expect(delivered.body.total).toBe(0);
    const bad = await getJson<ApiError>(server.app, `/api/webhooks/${created.id}/deliveries?status=lost&limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(['limit', 'status']);
  });

  it('refuses ping and redeliver for an inactive webhook, and a delivery of another webhook', async () => {
    const a = await register();
    const b = await register();
    const ping = await postJson<WebhookDeliveryView>(server.app, `/api/webhooks/${a.id}/ping`, {});
    expect((await postJson<ApiError>(server.app, `/api/webhooks/${b.id}/deliveries/${ping.body.id}/redeliver`, {})).status).toBe(404);
    await patchJson(`/api/webhooks/${a.id}`, { active: false });
    const refused = await postJson<ApiError>(server.app, `/api/webhooks/${a.id}/ping`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('webhook-inactive');
    expect((await postJson<ApiError>(server.app, `/api/webhooks/${a.id}/deliveries/${ping.body.id}/redeliver`, {})).status).toBe(409);
  });
});

describe('who may manage webhooks', () => {
  it('admins only: technician, planner and display get 403 for reading and writing', async () => {
    const created = await register();
    for (const role of ['technician', 'planner', 'display'] as const) {
      const token = server.tokenFor(role);
      const auth = { authorization: `Bearer ${token}` };
      const list = await server.app.request('/api/webhooks', { headers: auth });
      expect(list.status, role).toBe(403);
      const log = await server.app.request(`/api/webhooks/${created.id}/deliveries`, { headers: auth });
      expect(log.status, role).toBe(403);
      const post = await server.app.request('/api/webhooks', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://evil.example.com/', events: ['*'] }),
      });
      expect(post.status, role).toBe(403);
      expect((await patchJson(`/api/webhooks/${created.id}`, { active: false }, token)).status, role).toBe(403);
      const ping = await server.app.request(`/api/webhooks/${created.id}/ping`, { method: 'POST', headers: auth });
      expect(ping.status, role).toBe(403);
    }
    const list = await getJson<Paged<WebhookView>>(server.app, '/api/webhooks');
    expect(list.body.items).toMatchObject([{ id: created.id, active: true }]);
  });
});
