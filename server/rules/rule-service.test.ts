import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRuleTemplates } from '../detection/default-rules';
import type { RuleView } from '../http/api-types';
import { createTestServer, getJson, T0, type TestServer } from '../testing/test-server';
import { insertMissingRules } from './rule-repository';

describe('rules', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  it('lists the stored templates over HTTP', async () => {
    const { status, body } = await getJson<RuleView[]>(server.app, '/api/rules');
    expect(status).toBe(200);
    expect(body).toHaveLength(defaultRuleTemplates().length);
    expect(body.find((r) => r.id === 'class.pump.vibration')).toEqual({
      kind: 'threshold',
      id: 'class.pump.vibration',
      version: 1,
      scope: { kind: 'class', equipmentClass: 'pump' },
      metric: 'vibration',
      direction: 'above',
      basis: 'iso-10816-rigid',
      warn: 2.8,
      alarm: 4.5,
      clear: 2.3,
      minDurationMs: 300_000,
      clearDurationMs: 600_000,
      failureMode: 'vibration-high',
      enabled: true,
      updatedAt: T0,
      updatedBy: 'defaults',
    });
  });

  it('resolves the effective rules of every device for the detector', () => {
    const rules = server.services.rules.allEffectiveRules();
    expect(new Set(rules.map((r) => r.deviceId))).toEqual(new Set(['P-101', 'P-104', 'C-201', 'CV-C1']));
    expect(rules.filter((r) => r.deviceId === 'P-104').map((r) => r.metric).sort()).toEqual(['current', 'temperature', 'temperature', 'temperature', 'temperature', 'vibration', 'vibration']);
    expect(rules.find((r) => r.deviceId === 'C-201' && r.metric === 'vibration')).toMatchObject({ warn: 4.48, alarm: 7.2 });
  });

  it('lets a device-scope template override the class one for that device only', () => {
    insertMissingRules(
      server.database,
      [
        {
          kind: 'threshold',
          id: 'device.P-104.vibration',
          version: 1,
          scope: { kind: 'device', deviceId: 'P-104' },
          metric: 'vibration',
          direction: 'above',
          basis: 'absolute',
          warn: 3.5,
          alarm: 5,
          clear: 3,
          minDurationMs: 60_000,
          clearDurationMs: 60_000,
          failureMode: 'vibration-high',
          enabled: true,
        },
      ],
      { at: T0, by: 'engineer' },
    );
    const { rules } = server.services;
    expect(rules.effectiveRules('P-104').find((r) => r.metric === 'vibration')).toMatchObject({ id: 'device.P-104.vibration', warn: 3.5 });
    expect(rules.effectiveRules('P-101').find((r) => r.metric === 'vibration')).toMatchObject({ id: 'class.pump.vibration', warn: 2.8 });
  });
});
