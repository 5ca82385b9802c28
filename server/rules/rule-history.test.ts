/** Rule history: seeded at plant sync, one row per save, field diffs against the version before. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rules, ruleVersions } from '../db/schema';
import { defaultRuleTemplates } from '../detection/default-rules';
import type { RuleTemplateView, RuleVersionView } from '../http/api-types';
import { syncPlant } from '../plant-sync';
import { openTestDatabase, testPlant, type TestDatabase } from '../testing/test-database';
import { createTestServer, getJson, putJson, T0, type TestServer } from '../testing/test-server';
import { ruleChanges } from './rule-history';
import { insertMissingRules, listRuleRows, toRuleTemplate } from './rule-repository';

describe('GET /api/rules/:id/history', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  it('lists every version newest first with author, reason, time and the fields that changed', async () => {
    const id = 'class.conveyor.current';
    server.clock.now = T0 + 1000;
    expect((await putJson(server.app, `/api/rules/${id}`, { warn: 1.15, alarm: 1.3, reason: 'conveyor starts under load', expectedVersion: 1 })).status).toBe(200);
    server.clock.now = T0 + 2000;
    expect((await putJson(server.app, `/api/rules/${id}`, { minDurationMs: 45_000, enabled: false, reason: 'belt being replaced', expectedVersion: 2 })).status).toBe(200);

    const { status, body } = await getJson<RuleVersionView[]>(server.app, `/api/rules/${id}/history`);
    expect(status).toBe(200);
    expect(body.map(({ template, ...v }) => v)).toEqual([
      {
        ruleId: id,
        version: 3,
        author: 'test-admin',
        reason: 'belt being replaced',
        at: T0 + 2000,
        changes: [
          { field: 'minDurationMs', from: 30_000, to: 45_000 },
          { field: 'enabled', from: true, to: false },
        ],
      },
      {
        ruleId: id,
        version: 2,
        author: 'test-admin',
        reason: 'conveyor starts under load',
        at: T0 + 1000,
        changes: [
          { field: 'warn', from: 1.1, to: 1.15 },
          { field: 'alarm', from: 1.25, to: 1.3 },
        ],
      },
      { ruleId: id, version: 1, author: 'defaults', reason: 'default for equipment class', at: T0, changes: [] },
    ]);
    expect(body[0]!.template).toEqual({ ...defaultTemplate(id), version: 3, warn: 1.15, alarm: 1.3, minDurationMs: 45_000, enabled: false });
    expect(body[2]!.template).toEqual(defaultTemplate(id));
  });

  it('answers 404 for an unknown rule', async () => {
    expect((await getJson(server.app, '/api/rules/nothing/history')).status).toBe(404);
  });
});

const defaultTemplate = (id: string): RuleTemplateView => defaultRuleTemplates().find((t) => t.id === id)!;

describe('history at plant sync', () => {
  let test: TestDatabase;
  beforeEach(() => {
    test = openTestDatabase();
  });
  afterEach(() => test.cleanup());

  const versions = () => test.database.db.select().from(ruleVersions).all();

  it('records version 1 of every default once, and nothing more on a second sync', () => {
    syncPlant(test.database, testPlant(), T0);
    const seeded = versions();
    expect(seeded).toHaveLength(defaultRuleTemplates().length);
    expect(seeded.find((v) => v.ruleId === 'class.pump.vibration')).toEqual({
      ruleId: 'class.pump.vibration',
      version: 1,
      template: defaultTemplate('class.pump.vibration'),
      author: 'defaults',
      reason: 'default for equipment class',
      at: T0,
    });
    syncPlant(test.database, testPlant(), T0 + 1000);
    expect(versions()).toEqual(seeded);
  });

  it('gives rules stored before history existed a row for the version in force', () => {
    syncPlant(test.database, testPlant(), T0);
    // A database from before rule history: rules without history rows, one of them edited.
    test.database.db.delete(ruleVersions).run();
    test.database.db.update(rules).set({ warn: 3.1, version: 4, updatedBy: 'erin', updatedAt: T0 + 500 }).where(eq(rules.id, 'class.pump.vibration')).run();
    test.database.db.update(rules).set({ updatedBy: 'default-rules' }).where(eq(rules.id, 'class.fan.current')).run();

    expect(syncPlant(test.database, testPlant(), T0 + 1000).rulesAdded).toBe(0);
    expect(versions()).toHaveLength(defaultRuleTemplates().length);
    const byRule = new Map(versions().map((v) => [v.ruleId, v]));
    expect(byRule.get('class.pump.vibration')).toMatchObject({ version: 4, author: 'erin', at: T0 + 500, reason: 'in force when rule history began' });
    expect(byRule.get('class.pump.vibration')!.template).toMatchObject({ version: 4, warn: 3.1 });
    expect(byRule.get('class.fan.current')).toMatchObject({ version: 1, author: 'default-rules', reason: 'default for equipment class' });
  });
});

describe('ruleChanges', () => {
  const base = defaultTemplate('class.pump.vibration');

  it('lists the fields that differ in field order, scope compared by value', () => {
    expect(ruleChanges(base, { ...base, version: 2, scope: { kind: 'class', equipmentClass: 'pump' } })).toEqual([]);
    expect(ruleChanges(base, { ...base, clear: 2, warn: 3, scope: { kind: 'device', deviceId: 'P-1' } })).toEqual([
      { field: 'scope', from: { kind: 'class', equipmentClass: 'pump' }, to: { kind: 'device', deviceId: 'P-1' } },
      { field: 'warn', from: 2.8, to: 3 },
      { field: 'clear', from: 2.3, to: 2 },
    ]);
  });
});

describe('rules saved before rule kinds existed', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = openTestDatabase();
  });
  afterEach(() => t.cleanup());

  it('load as threshold rules: the version row without kind, params or flapping reads as kind threshold', () => {
    const { kind: _kind, ...old } = defaultRuleTemplates().find((x) => x.id === 'class.pump.vibration')!;
    // Written as an older server wrote it: the JSON in rule_versions has no kind.
    insertMissingRules(t.database, [old as never], { at: T0, by: 'defaults' });
    const stored = t.database.db.select().from(ruleVersions).where(eq(ruleVersions.ruleId, 'class.pump.vibration')).get()!;
    expect(stored.template).not.toHaveProperty('kind');
    const template = toRuleTemplate(listRuleRows(t.database).find((r) => r.id === 'class.pump.vibration')!);
    expect(template).toMatchObject({ kind: 'threshold', warn: 2.8, alarm: 4.5 });
    expect(template).not.toHaveProperty('params');
  });
});
