/** Rules of kinds other than threshold through the API: validated per kind, versioned, reloaded. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../events/event-bus';
import type { ApiError, DeviceEffectiveRulesView, RuleVersionView, RuleView } from '../http/api-types';
import { createTestServer, getJson, postJson, putJson, type TestServer } from '../testing/test-server';

const TREND = '/api/rules/class.pump.vibration.trend-to-limit';

describe('rule kinds through the API', () => {
  let server: TestServer;
  let events: ServerEvent[];
  beforeEach(() => {
    server = createTestServer();
    events = [];
    server.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => server.close());

  const rule = async (path = TREND) => (await getJson<RuleView>(server.app, path)).body;
  const history = async (path = TREND) => (await getJson<RuleVersionView[]>(server.app, `${path}/history`)).body;

  it('lists the default kinds with their params; stored threshold rules read as kind threshold', async () => {
    const { body } = await getJson<RuleView[]>(server.app, '/api/rules');
    expect(body.find((r) => r.id === 'class.pump.vibration')!.kind).toBe('threshold');
    expect(await rule()).toMatchObject({ kind: 'trend-to-limit', warn: 24, alarm: 2, clear: 30, params: { windowMs: 10_800_000, minR2: 0.8 }, flapping: { maxRaises: 3 } });
  });

  it('refuses a bad trend or adaptive edit with 400 naming the field, and saves nothing', async () => {
    const before = { trend: await rule(), history: await history() };
    const bad: Array<[string, Record<string, unknown>, string]> = [
      [TREND, { params: { windowMs: 10_800_000, buckets: 36, minPoints: 24, minR2: 1.2 }, reason: 'x' }, 'params.minR2'],
      [TREND, { params: { windowMs: 10_800_000, buckets: 36, minPoints: 24 }, reason: 'x' }, 'params.minR2'],
      [TREND, { params: { windowMs: 10_800_000, buckets: 36, minPoints: 40, minR2: 0.8 }, reason: 'x' }, 'params.minPoints'],
      [TREND, { warn: 1, reason: 'shorter horizon' }, 'warn'],
      [TREND, { params: { windowMs: 10_800_000, buckets: 36, minPoints: 24, minR2: 0.8, windowPoints: 5 }, reason: 'x' }, 'params.windowPoints'],
      [TREND, { flapping: { maxRaises: 0, windowMs: 60_000, quietMs: 60_000 }, reason: 'x' }, 'flapping.maxRaises'],
      [TREND, { kind: 'sideways', reason: 'x' }, 'kind'],
      ['/api/rules/class.pump.temperature.adaptive-baseline', { clear: 7, reason: 'x' }, 'warn'],
      ['/api/rules/class.pump.temperature.adaptive-baseline', { params: { windowPoints: 1 }, reason: 'x' }, 'params.windowPoints'],
    ];
    for (const [path, body, field] of bad) {
      const { status, body: res } = await putJson<ApiError>(server.app, path, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(res.error.issues?.map((i) => i.path), JSON.stringify(body)).toContain(field);
    }
    expect(await rule()).toEqual(before.trend);
    expect(await history()).toEqual(before.history);
    expect(events.filter((e) => e.name === 'rules-changed')).toEqual([]);
  });

  it('versions a params edit with author, reason and the change, and publishes rules-changed', async () => {
    const params = { windowMs: 7_200_000, buckets: 24, minPoints: 16, minR2: 0.75 };
    const { status, body } = await putJson<RuleView>(server.app, TREND, { params, reason: 'faster trend on pumps' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ version: 2, params });
    const [latest] = await history();
    expect(latest).toMatchObject({ version: 2, reason: 'faster trend on pumps', author: 'test-admin' });
    expect(latest!.changes.map((c) => c.field)).toEqual(['params']);
    expect(events.filter((e) => e.name === 'rules-changed').map((e) => e.data)).toEqual([{ ruleId: 'class.pump.vibration.trend-to-limit', version: 2, change: 'updated' }]);
    // Reads back from storage with its kind (the kind lives in the version in force).
    expect(await rule()).toMatchObject({ kind: 'trend-to-limit', version: 2, params });
  });

  it('creates a per-device override of a kind, copying the class rule of that kind', async () => {
    const { status, body } = await postJson<RuleView>(server.app, '/api/rules', {
      scope: { kind: 'device', deviceId: 'P-104' },
      metric: 'vibration',
      kind: 'trend-to-limit',
      warn: 48,
      clear: 60,
      reason: 'critical pump: plan further ahead',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ id: 'device.P-104.vibration.trend-to-limit', kind: 'trend-to-limit', version: 1, warn: 48, alarm: 2, clear: 60, params: { minR2: 0.8 } });
    const { body: effective } = await getJson<DeviceEffectiveRulesView[]>(server.app, '/api/rules/effective?deviceId=P-104');
    const trend = effective[0]!.rules.find((r) => r.kind === 'trend-to-limit')!;
    expect(trend).toMatchObject({ ruleId: 'device.P-104.vibration.trend-to-limit', source: 'device' });
    expect(effective[0]!.rules.find((r) => r.ruleId === 'class.pump.vibration')).toBeDefined();
  });

  it('tightens the class deadman on one device, copying what is left out, and refuses a machine failure mode on it', async () => {
    const wrong = await postJson<ApiError>(server.app, '/api/rules', {
      scope: { kind: 'device', deviceId: 'P-104' },
      metric: 'temperature',
      kind: 'no-data',
      warn: 120,
      alarm: 600,
      failureMode: 'overheating',
      reason: 'deadman',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues!.map((i) => i.path)).toEqual(['failureMode']);
    const ok = await postJson<RuleView>(server.app, '/api/rules', {
      scope: { kind: 'device', deviceId: 'P-104' },
      metric: 'temperature',
      kind: 'no-data',
      warn: 120,
      alarm: 600,
      reason: 'critical pump: know within two minutes',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ id: 'device.P-104.temperature.no-data', kind: 'no-data', failureMode: 'no-data', clear: 0, warn: 120, alarm: 600 });
    const { body: effective } = await getJson<DeviceEffectiveRulesView[]>(server.app, '/api/rules/effective?deviceId=P-104');
    const deadman = effective[0]!.rules.filter((r) => r.kind === 'no-data');
    expect(deadman.map((r) => [r.ruleId, r.source])).toEqual([['device.P-104.temperature.no-data', 'device']]);
  });
});
