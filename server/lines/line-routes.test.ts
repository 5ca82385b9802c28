import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, LineStateView, LineView } from '../http/api-types';
import { createLineStateTestServer, sendJson, type LineStateTestServer } from '../testing/line-state-test-server';
import { getJson, T0 } from '../testing/test-server';

describe('PUT /api/lines/:id/feeds', () => {
  let server: LineStateTestServer;
  beforeEach(() => {
    server = createLineStateTestServer();
    server.services.devices.touchDevices(new Map(['P-101', 'P-104', 'C-201', 'CV-C1'].map((id) => [id, T0])));
  });
  afterEach(() => server.close());

  const lines = async () => (await getJson<LineView[]>(server.lineApp, '/api/lines')).body;
  const putFeeds = (id: string, feeds: unknown) => sendJson<ApiError>(server.lineApp, 'PUT', `/api/lines/${id}/feeds`, { feeds });

  it('rejects a cycle naming its lines and leaves the graph unchanged', async () => {
    const before = await lines();
    const res = await putFeeds('assembly', ['utilities']);
    expect(res).toEqual({
      status: 400,
      body: {
        error: {
          code: 'invalid-line-graph',
          message: 'feeds of line assembly rejected: lines form a cycle: utilities -> assembly -> utilities',
          issues: [{ path: 'feeds', message: 'lines form a cycle: utilities -> assembly -> utilities' }],
        },
      },
    });
    expect(await lines()).toEqual(before);
  });

  it('rejects a self-feed, an unknown line and a repeated line by name, saving nothing', async () => {
    const before = await lines();
    const res = await putFeeds('utilities', ['utilities', 'ghost']);
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      { path: 'feeds', message: 'line "utilities" feeds itself' },
      { path: 'feeds', message: 'line "utilities" feeds unknown line "ghost"' },
    ]);
    const twice = await putFeeds('utilities', ['assembly', 'assembly']);
    expect(twice.body.error).toMatchObject({ code: 'invalid-body', issues: [{ path: 'feeds', message: 'lists "assembly" more than once' }] });
    expect((await putFeeds('utilities', 'assembly')).status).toBe(400);
    expect(await lines()).toEqual(before);
  });

  it('answers 404 for an unknown line', async () => {
    expect(await putFeeds('nope', [])).toEqual({ status: 404, body: { error: { code: 'not-found', message: 'line nope not found' } } });
  });

  it('saves a valid change, returns the line and refreshes the disturbance map', async () => {
    server.services.workOrders.create({ type: 'emergency', deviceId: 'P-101', title: 'Pump seal' });
    server.tracker.refresh(T0);
    const states = async () => (await getJson<LineStateView[]>(server.lineApp, '/api/lines/states')).body.map((s) => [s.id, s.state]);
    expect(await states()).toEqual([['utilities', 'down'], ['assembly', 'starved']]);

    const res = await sendJson<LineView>(server.lineApp, 'PUT', '/api/lines/utilities/feeds', { feeds: [] });
    expect(res).toEqual({ status: 200, body: { id: 'utilities', siteId: 'plant-1', name: 'Utilities', feeds: [], deviceIds: ['P-101', 'P-104', 'C-201'] } });
    expect(server.lineEvents.at(-1)).toMatchObject({ id: 'assembly', state: 'running' });

    // Reversed: assembly now feeds utilities, and the down utilities line blocks it.
    expect((await putFeeds('assembly', ['utilities'])).status).toBe(200);
    expect(await states()).toEqual([['utilities', 'down'], ['assembly', 'blocked']]);
  });
});
