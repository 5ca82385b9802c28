/** POST /api/rules: per-device overrides, their precedence, and GET /api/rules/effective. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, DeviceEffectiveRulesView, RuleVersionView, RuleView } from '../http/api-types';
import { createTestServer, getJson, postJson, T0, type TestServer } from '../testing/test-server';

const P104 = { kind: 'device', deviceId: 'P-104' } as const;

describe('POST /api/rules (device overrides)', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  const effective = async (deviceId: string) => (await getJson<DeviceEffectiveRulesView[]>(server.app, `/api/rules/effective?deviceId=${deviceId}`)).body[0]!;
  const ruleIds = async () => (await getJson<RuleView[]>(server.app, '/api/rules')).body.map((r) => r.id);

  it('creates an override that wins over the class rule on that device only, with its first history row', async () => {
    const engineer = server.tokenFor('reliability-engineer', 'erin');
    const res = await server.rawApp.request('/api/rules', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${engineer}` },
      body: JSON.stringify({
        scope: P104,
        metric: 'vibration',
        direction: 'above',
        basis: 'absolute',
        warn: 3.5,
        alarm: 5,
        clear: 3,
        minDurationMs: 60_000,
        clearDurationMs: 120_000,
        failureMode: 'vibration-high',
        enabled: true,
        reason: 'pump sits on a steel frame',
      }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      kind: 'threshold',
      id: 'device.P-104.vibration',
      version: 1,
      scope: P104,
      metric: 'vibration',
      direction: 'above',
      basis: 'absolute',
      warn: 3.5,
      alarm: 5,
      clear: 3,
      minDurationMs: 60_000,
      clearDurationMs: 120_000,
      failureMode: 'vibration-high',
      enabled: true,
      updatedAt: T0,
      updatedBy: 'erin',
    });
    const p104 = await effective('P-104');
    expect(p104.rules.find((r) => r.metric === 'vibration')).toEqual({
      ruleId: 'device.P-104.vibration',
      version: 1,
      kind: 'threshold',
      source: 'device',
      metric: 'vibration',
      direction: 'above',
      warn: 3.5,
      alarm: 5,
      clear: 3,
      minDurationMs: 60_000,
      clearDurationMs: 120_000,
      failureMode: 'vibration-high',
    });
    expect(p104.rules.map((r) => r.ruleId).sort()).toEqual([
      'class.pump.current',
      'class.pump.no-data',
      'class.pump.temperature',
      'class.pump.temperature.adaptive-baseline',
      'class.pump.temperature.rate-of-change',
      'class.pump.vibration.trend-to-limit',
      'device.P-104.vibration',
    ]);
    expect((await effective('P-101')).rules.find((r) => r.metric === 'vibration')).toMatchObject({ ruleId: 'class.pump.vibration', source: 'class', warn: 2.8 });
    const { body: history } = await getJson<RuleVersionView[]>(server.app, '/api/rules/device.P-104.vibration/history');
    expect(history).toEqual([expect.objectContaining({ version: 1, author: 'erin', reason: 'pump sits on a steel frame', at: T0, changes: [] })]);
  });

  it('switches a class rule off for one device with enabled false, copying the class limits', async () => {
    const { status, body } = await postJson<RuleView>(server.app, '/api/rules', { scope: P104, metric: 'vibration', enabled: false, reason: 'sensor loose, fix booked' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ id: 'device.P-104.vibration', basis: 'iso-10816-rigid', warn: 2.8, alarm: 4.5, clear: 2.3, minDurationMs: 300_000, enabled: false });
    const p104 = await effective('P-104');
    // The vibration trend rule predicts the switched-off threshold's alarm level, so it goes too.
    expect(p104.rules.map((r) => r.metric).sort()).toEqual(['current', 'temperature', 'temperature', 'temperature', 'temperature']);
    expect(p104.disabled).toEqual([{ ruleId: 'device.P-104.vibration', source: 'device', metric: 'vibration', direction: 'above' }]);
    expect((await effective('P-101')).rules.map((r) => r.metric)).toContain('vibration');
    expect(server.services.rules.allEffectiveRules().filter((r) => r.deviceId === 'P-104').map((r) => r.metric)).not.toContain('vibration');
  });

  it('refuses an unknown device with 400 naming scope.deviceId, and a class scope naming scope.kind', async () => {
    const before = await ruleIds();
    const unknown = await postJson<ApiError>(server.app, '/api/rules', { scope: { kind: 'device', deviceId: 'P-999' }, metric: 'vibration', reason: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([{ path: 'scope.deviceId', message: 'is not a known device (P-999)' }]);
    const classScope = await postJson<ApiError>(server.app, '/api/rules', { scope: { kind: 'class', equipmentClass: 'pump' }, metric: 'vibration', reason: 'x' });
    expect(classScope.status).toBe(400);
    expect(classScope.body.error.issues?.map((i) => i.path)).toContain('scope.kind');
    expect(await ruleIds()).toEqual(before);
  });

  it('validates the whole override: a bad limit or a missing field without a class rule to copy is a 400 naming it', async () => {
    const before = await ruleIds();
    const bad = await postJson<ApiError>(server.app, '/api/rules', { scope: P104, metric: 'vibration', clear: 3, reason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.path)).toEqual(['clear']);
    // No pump class rule watches current from below: nothing to copy.
    const below = await postJson<ApiError>(server.app, '/api/rules', { scope: P104, metric: 'current', direction: 'below', basis: 'rated-current', warn: 0.3, alarm: 0.2, reason: 'x' });
    expect(below.status).toBe(400);
    expect(below.body.error.issues?.map((i) => i.path)).toEqual(['clear', 'minDurationMs', 'clearDurationMs', 'failureMode']);
    const noReason = await postJson<ApiError>(server.app, '/api/rules', { scope: P104, metric: 'vibration', enabled: false });
    expect(noReason.body.error.issues?.map((i) => i.path)).toEqual(['reason']);
    expect(await ruleIds()).toEqual(before);
  });

  it('names a below rule apart, and refuses a second override of the same slot or an id taken', async () => {
    const below = { scope: P104, metric: 'current', direction: 'below', basis: 'rated-current', warn: 0.3, alarm: 0.2, clear: 0.35, minDurationMs: 60_000, clearDurationMs: 60_000, failureMode: 'undercurrent', reason: 'dry running' };
    expect((await postJson<RuleView>(server.app, '/api/rules', below)).body).toMatchObject({ id: 'device.P-104.current.below', direction: 'below', enabled: true });
    expect((await effective('P-104')).rules.find((r) => r.direction === 'below')).toMatchObject({ warn: 8.4, alarm: 5.6, clear: 9.8 });

    const taken = await postJson<ApiError>(server.app, '/api/rules', { ...below, warn: 0.25 });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('rule-exists');
    const sameSlot = await postJson<ApiError>(server.app, '/api/rules', { ...below, id: 'p104-dry-running' });
    expect(sameSlot.status).toBe(409);
    expect(sameSlot.body.error).toMatchObject({ code: 'rule-conflict' });
    expect(sameSlot.body.error.message).toContain('device.P-104.current.below');
    expect(sameSlot.body.error.message).toContain('p104-dry-running');
    expect(await ruleIds()).not.toContain('p104-dry-running');
  });
});

describe('GET /api/rules/effective', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  it('lists every device in plant order with its resolved limits, or the one asked for; 404 for an unknown one', async () => {
    const all = await getJson<DeviceEffectiveRulesView[]>(server.app, '/api/rules/effective');
    expect(all.status).toBe(200);
    expect(all.body.map((d) => [d.deviceId, d.equipmentClass, d.rules.length, d.conflict])).toEqual([
      ['P-101', 'pump', 7, null],
      ['P-104', 'pump', 7, null],
      ['C-201', 'compressor', 7, null],
      ['CV-C1', 'conveyor', 7, null],
    ]);
    // Flexible foundation: ISO 10816 limits × 1.6; rated current 95 A.
    const c201 = all.body[2]!.rules;
    expect(c201.find((r) => r.metric === 'vibration')).toMatchObject({ ruleId: 'class.compressor.vibration', source: 'class', warn: 4.48, alarm: 7.2, clear: 3.68 });
    expect(c201.find((r) => r.metric === 'current')).toMatchObject({ warn: 104.5, alarm: 118.75 });
    const one = await getJson<DeviceEffectiveRulesView[]>(server.app, '/api/rules/effective?deviceId=C-201');
    expect(one.body).toEqual([all.body[2]]);
    expect((await getJson(server.app, '/api/rules/effective?deviceId=X-1')).status).toBe(404);
  });
});
