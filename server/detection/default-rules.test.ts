import { describe, expect, it } from 'vitest';
import { EQUIPMENT_CLASSES, type PlantDevice } from '../../contract/plant';
import type { TelemetryPoint } from '../../contract/telemetry';
import { defaultRuleTemplates } from './default-rules';
import { createDetector } from './detector';
import { resolveRules, templateSlot } from './resolve-rules';
import { ruleTemplateSchema } from './rule-template-schema';

const MIN = 60_000;

describe('default rule templates', () => {
  const templates = defaultRuleTemplates();

  it('add trend-to-limit on vibration, rate-of-change and adaptive baseline on temperature, and a device deadman, per class, with flapping suppression', () => {
    const kinds = templates.filter((t) => t.kind !== 'threshold');
    expect(kinds).toHaveLength(EQUIPMENT_CLASSES.length * 4);
    for (const cls of EQUIPMENT_CLASSES) {
      expect(templates.find((t) => t.id === `class.${cls}.vibration.trend-to-limit`)).toMatchObject({ kind: 'trend-to-limit', metric: 'vibration', failureMode: 'vibration-high' });
      expect(templates.find((t) => t.id === `class.${cls}.temperature.rate-of-change`)).toMatchObject({ kind: 'rate-of-change', metric: 'temperature', failureMode: 'overheating' });
      expect(templates.find((t) => t.id === `class.${cls}.temperature.adaptive-baseline`)).toMatchObject({ kind: 'adaptive-baseline', metric: 'temperature' });
      expect(templates.find((t) => t.id === `class.${cls}.no-data`)).toMatchObject({ kind: 'no-data', failureMode: 'no-data', warn: 300, alarm: 1200, clear: 0 });
    }
    // The trend predicts the threshold's own alarm level: no limit of its own.
    expect(kinds.find((t) => t.kind === 'trend-to-limit')!.params).not.toHaveProperty('limit');
    expect(kinds.every((t) => t.flapping !== undefined)).toBe(true);
  });

  it('cover vibration, temperature and current for every equipment class, enabled, version 1', () => {
    expect(templates.filter((t) => t.kind === 'threshold')).toHaveLength(EQUIPMENT_CLASSES.length * 3);
    for (const cls of EQUIPMENT_CLASSES) {
      for (const metric of ['vibration', 'temperature', 'current'] as const) {
        const t = templates.find((x) => x.id === `class.${cls}.${metric}`);
        expect(t, `class.${cls}.${metric}`).toMatchObject({ version: 1, enabled: true, scope: { kind: 'class', equipmentClass: cls }, metric });
      }
    }
    expect(new Set(templates.map(templateSlot)).size).toBe(templates.length);
  });

  it('use ISO 10816-3 zones for vibration, insulation margins for temperature and rated-current multiples for current', () => {
    const pump = (metric: string) => templates.find((t) => t.id === `class.pump.${metric}`)!;
    expect(pump('vibration')).toMatchObject({ basis: 'iso-10816-rigid', warn: 2.8, alarm: 4.5, clear: 2.3, failureMode: 'vibration-high' });
    expect(pump('temperature')).toMatchObject({ basis: 'insulation-margin', warn: 60, alarm: 45, clear: 65, failureMode: 'overheating' });
    expect(pump('current')).toMatchObject({ basis: 'rated-current', warn: 1.1, alarm: 1.25, clear: 1.05, failureMode: 'overcurrent' });
    expect(pump('current').minDurationMs).toBeLessThanOrEqual(MIN); // jams are fast
    expect(pump('vibration').minDurationMs).toBeGreaterThanOrEqual(MIN);
  });

  it('are valid templates by the HTTP schema', () => {
    for (const t of templates) expect(ruleTemplateSchema.safeParse(t).error?.issues, t.id).toBeUndefined();
  });

  it('returns fresh copies, so editing one does not change the defaults', () => {
    const mine = defaultRuleTemplates();
    mine[0]!.warn = 99;
    if (mine[0]!.scope.kind === 'class') mine[0]!.scope.equipmentClass = 'press';
    expect(defaultRuleTemplates()[0]).toMatchObject({ warn: 2.8, scope: { equipmentClass: 'pump' } });
  });

  it('resolve to rules the detector accepts for every class, insulation class and foundation', () => {
    const devices: PlantDevice[] = EQUIPMENT_CLASSES.flatMap((cls) =>
      (['B', 'F', 'H'] as const).flatMap((ins) =>
        (['rigid', 'flexible'] as const).map((foundation) => ({
          id: `${cls}-${ins}-${foundation}`,
          name: cls,
          class: cls,
          criticality: 'B' as const,
          ratedCurrent: 20,
          insulationClass: ins,
          foundation,
          siteId: 's',
          lineId: 'l',
          agentId: 'a',
        })),
      ),
    );
    expect(() => createDetector(devices.flatMap((d) => resolveRules(templates, d)))).not.toThrow();
  });

  it('raise a warn on a class F motor whose frame holds 96 °C for 5 minutes, not at 94 °C', () => {
    const motor: PlantDevice = {
      id: 'M-B2',
      name: 'Granulate conveyor motor',
      class: 'motor',
      criticality: 'B',
      ratedCurrent: 12,
      insulationClass: 'F',
      foundation: 'rigid',
      siteId: 'plant-1',
      lineId: 'molding-b',
      agentId: 'edge-molding-b',
    };
    const det = createDetector(resolveRules(templates, motor));
    const at = (minute: number, temperature: number): TelemetryPoint => ({
      deviceId: 'M-B2',
      seq: minute,
      ts: 1_760_000_000_000 + minute * MIN,
      temperature,
      vibration: 1.2,
      current: 10,
    });
    const events = [];
    for (let m = 0; m < 60; m++) events.push(...det.observe(at(m, 94)));
    expect(events).toEqual([]);
    for (let m = 60; m < 66; m++) events.push(...det.observe(at(m, 96)));
    expect(events.map((e) => [e.type, e.metric, e.severity, e.limit])).toEqual([['raised', 'temperature', 'warn', 95]]);
  });
});
