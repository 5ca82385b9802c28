/** PUT /api/rules/:id: validated, versioned edits with history, conflicts refused, an event per save. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleVersions } from '../db/schema';
import type { ServerEvent } from '../events/event-bus';
import type { ApiError, DeviceEffectiveRulesView, RuleVersionView, RuleView } from '../http/api-types';
import { createTestServer, getJson, postJson, putJson, T0, type TestServer } from '../testing/test-server';

const VIBRATION = '/api/rules/class.pump.vibration';

describe('PUT /api/rules/:id', () => {
  let server: TestServer;
  let events: ServerEvent[];
  beforeEach(() => {
    server = createTestServer();
    events = [];
    server.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => server.close());

  const rule = async (id = 'class.pump.vibration') => (await getJson<RuleView>(server.app, `/api/rules/${id}`)).body;
  const history = async (id = 'class.pump.vibration') => (await getJson<RuleVersionView[]>(server.app, `/api/rules/${id}/history`)).body;
  const limits = async (deviceId: string, metric = 'vibration') => {
    const { body } = await getJson<DeviceEffectiveRulesView[]>(server.app, `/api/rules/effective?deviceId=${deviceId}`);
    const r = body[0]!.rules.find((x) => x.metric === metric)!;
    return { ruleId: r.ruleId, version: r.version, source: r.source, warn: r.warn, alarm: r.alarm, clear: r.clear };
  };
  const rulesChanged = () => events.filter((e) => e.name === 'rules-changed').map((e) => e.data);

  it('is refused for a technician, and nothing changes', async () => {
    const res = await server.rawApp.request(VIBRATION, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.tokenFor('technician')}` },
      body: JSON.stringify({ warn: 3, reason: 'try' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ApiError).error.code).toBe('forbidden');
    expect(await rule()).toMatchObject({ version: 1, warn: 2.8 });
  });

  it('refuses a bad rule with 400 naming the field; version, history, limits and events stay as they were', async () => {
    const before = { rule: await rule(), history: await history(), limits: await limits('P-101') };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ clear: 3.2, reason: 'tighter' }, 'clear'], // clear above warn 2.8 on an 'above' rule
      [{ warn: 5, reason: 'looser' }, 'alarm'], // warn above alarm 4.5
      [{ warn: 'high', reason: 'x' }, 'warn'],
      [{ minDurationMs: -1, reason: 'x' }, 'minDurationMs'],
      [{ basis: 'rated-current', reason: 'x' }, 'basis'],
      [{ warn: 3 }, 'reason'],
      [{ warn: 3, reason: '   ' }, 'reason'],
      [{ warn: 3, reason: 'x', version: 7 }, 'version'],
      [{ scope: { kind: 'class', equipmentClass: 'fan' }, reason: 'x' }, 'scope'],
    ];
    for (const [body, field] of bad) {
      const { status, body: res } = await putJson<ApiError>(server.app, VIBRATION, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(res.error.issues?.map((i) => i.path), JSON.stringify(body)).toContain(field);
    }
    expect(await rule()).toEqual(before.rule);
    expect(await history()).toEqual(before.history);
    expect(await limits('P-101')).toEqual(before.limits);
    expect(rulesChanged()).toEqual([]);
  });

  it('saves a good edit as the next version with author and reason, and moves the limits of the class, not of an overridden device', async () => {
    const override = await postJson(server.app, '/api/rules', { scope: { kind: 'device', deviceId: 'P-104' }, metric: 'vibration', warn: 3.5, alarm: 5, clear: 3, reason: 'new bearings' });
    expect(override.status).toBe(201);
    const compressor = await limits('C-201');
    server.clock.now = T0 + 60_000;

    const engineer = server.tokenFor('reliability-engineer', 'erin');
    const res = await server.rawApp.request(VIBRATION, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${engineer}` },
      body: JSON.stringify({ warn: 3.2, clear: 2.6, reason: 'too many no-fault-found orders at 2.8', expectedVersion: 1 }),
    });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as RuleView;
    expect(saved).toMatchObject({ id: 'class.pump.vibration', version: 2, warn: 3.2, alarm: 4.5, clear: 2.6, enabled: true, updatedAt: T0 + 60_000, updatedBy: 'erin' });
    expect(await rule()).toEqual(saved);

    const [latest, first] = await history();
    expect(latest).toMatchObject({ version: 2, author: 'erin', reason: 'too many no-fault-found orders at 2.8', at: T0 + 60_000 });
    expect(latest!.template).toMatchObject({ version: 2, warn: 3.2, clear: 2.6 });
    expect(first).toMatchObject({ version: 1, author: 'defaults', reason: 'default for equipment class', at: T0 });

    expect(await limits('P-101')).toEqual({ ruleId: 'class.pump.vibration', version: 2, source: 'class', warn: 3.2, alarm: 4.5, clear: 2.6 });
    expect(await limits('P-104')).toEqual({ ruleId: 'device.P-104.vibration', version: 1, source: 'device', warn: 3.5, alarm: 5, clear: 3 });
    expect(await limits('C-201')).toEqual(compressor);
    // What the live detector loads on 'rules-changed'.
    expect(server.services.rules.allEffectiveRules().filter((r) => r.id === 'class.pump.vibration')).toEqual([
      expect.objectContaining({ deviceId: 'P-101', version: 2, warn: 3.2, clear: 2.6 }),
    ]);
    expect(rulesChanged()).toEqual([
      { ruleId: 'device.P-104.vibration', version: 1, change: 'created' },
      { ruleId: 'class.pump.vibration', version: 2, change: 'updated' },
    ]);
  });

  it('answers 409 version-conflict when someone else saved since, and keeps their version', async () => {
    expect((await putJson(server.app, VIBRATION, { warn: 3, reason: 'first', expectedVersion: 1 })).status).toBe(200);
    const { status, body } = await putJson<ApiError>(server.app, VIBRATION, { warn: 3.4, reason: 'second', expectedVersion: 1 });
    expect(status).toBe(409);
    expect(body.error.code).toBe('version-conflict');
    expect(body.error.message).toContain('version 2');
    expect(await rule()).toMatchObject({ version: 2, warn: 3 });
    expect((await history()).map((v) => v.version)).toEqual([2, 1]);
    expect(rulesChanged()).toHaveLength(1);
    // Based on the version in force, the same edit goes through.
    expect((await putJson<RuleView>(server.app, VIBRATION, { warn: 3.4, reason: 'second', expectedVersion: 2 })).body.version).toBe(3);
  });

  it('answers 409 naming both rules when the edit would make two rules apply to the same slot, and saves nothing', async () => {
    const edit = { metric: 'temperature', basis: 'absolute', warn: 90, alarm: 100, clear: 85, failureMode: 'overheating', reason: 'watch the frame instead' };
    const { status, body } = await putJson<ApiError>(server.app, VIBRATION, edit);
    expect(status).toBe(409);
    expect(body.error.code).toBe('rule-conflict');
    expect(body.error.message).toContain('class.pump.temperature');
    expect(body.error.message).toContain('class.pump.vibration');
    expect(await rule()).toMatchObject({ version: 1, metric: 'vibration' });
    expect(await history()).toHaveLength(1);
    expect(rulesChanged()).toEqual([]);
  });

  it('saves nothing when nothing changes, and lets a rule be switched off for its whole class', async () => {
    const same = await putJson<RuleView>(server.app, VIBRATION, { warn: 2.8, reason: 'reviewed', expectedVersion: 1 });
    expect(same).toMatchObject({ status: 200, body: { version: 1, updatedBy: 'defaults' } });
    expect(await history()).toHaveLength(1);
    expect(rulesChanged()).toEqual([]);

    expect((await putJson<RuleView>(server.app, VIBRATION, { enabled: false, reason: 'sensors being replaced' })).body).toMatchObject({ version: 2, enabled: false });
    const { body } = await getJson<DeviceEffectiveRulesView[]>(server.app, '/api/rules/effective?deviceId=P-101');
    expect(body[0]!.rules.map((r) => r.metric)).not.toContain('vibration');
    expect(body[0]!.disabled).toEqual([{ ruleId: 'class.pump.vibration', source: 'class', metric: 'vibration', direction: 'above' }]);
  });

  it('writes rule and history row in one transaction: when the history row cannot be written, the rule keeps its version', async () => {
    // A stray history row for version 2 makes the history insert of the next save fail (primary key).
    const v1 = server.database.db.select().from(ruleVersions).where(eq(ruleVersions.ruleId, 'class.pump.vibration')).get()!;
    server.database.db.insert(ruleVersions).values({ ...v1, version: 2, reason: 'stray' }).run();
    const { status } = await putJson(server.app, VIBRATION, { warn: 3, reason: 'x', expectedVersion: 1 });
    expect(status).toBe(500);
    expect(await rule()).toMatchObject({ version: 1, warn: 2.8 });
    expect(rulesChanged()).toEqual([]);
  });

  it('answers 404 for an unknown rule', async () => {
    const { status, body } = await putJson<ApiError>(server.app, '/api/rules/class.pump.nothing', { warn: 3, reason: 'x' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not-found');
  });
});
