/**
 * Turns rule templates into the ThresholdRules of one device.
 *
 * - A template applies to a device through its scope: its equipment class, or
 *   its id. For each (metric, direction), a device-scope template overrides
 *   the class-scope one.
 * - A disabled template yields no rule. A disabled device-scope template still
 *   overrides: it is how an engineer switches a class rule off for one device.
 * - Two templates of the same scope for the same device, metric and direction
 *   are a conflict (which one would apply?): resolveRules throws
 *   RuleConflictError. Stores can prevent it by keeping templateSlot unique.
 * - Limits are converted per basis (see LimitBasis in types.ts). The resolved
 *   rule keeps the template's id and version, so events point back to the
 *   template an engineer edits; detector state is kept per (device, rule id).
 */
import { INSULATION_LIMIT_C, type PlantDevice } from '../../contract/plant';
import type { LimitBasis, RuleParams, RuleTemplate, ThresholdRule, TrendToLimitParams } from './types';

/** ISO 10816-3: flexible-foundation zone boundaries are the rigid ones × 1.6. */
export const FLEXIBLE_FOUNDATION_FACTOR = 1.6;

export class RuleConflictError extends Error {
  constructor(
    readonly deviceId: string,
    readonly templateIds: [string, string],
  ) {
    super(`templates ${templateIds[0]} and ${templateIds[1]} both apply to device ${deviceId} for the same metric and direction at the same scope`);
    this.name = 'RuleConflictError';
  }
}

/** Where a template sits: two templates with the same slot conflict, enabled or not. */
export function templateSlot(t: RuleTemplate): string {
  const scope = t.scope.kind === 'class' ? `class:${t.scope.equipmentClass}` : `device:${t.scope.deviceId}`;
  return `${scope}/${kindSlot(t)}`;
}

/** The slot within a device: threshold rules keep the slot they had before kinds existed. */
export function kindSlot(t: Pick<RuleTemplate, 'kind' | 'metric' | 'direction'>): string {
  const kind = t.kind ?? 'threshold';
  return kind === 'threshold' ? `${t.metric}/${t.direction}` : `${kind}:${t.metric}/${t.direction}`;
}

/** Removes float noise from conversions (2.8 × 1.6 = 4.4799999999999995 -> 4.48). */
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Converts one template number to an absolute limit in the metric's unit for this device. */
export function resolveLimit(basis: LimitBasis, value: number, device: PlantDevice): number {
  switch (basis) {
    case 'absolute':
      return value;
    case 'rated-current':
      return tidy(value * device.ratedCurrent);
    case 'insulation-margin':
      return tidy(INSULATION_LIMIT_C[device.insulationClass] - value);
    case 'iso-10816-rigid':
      return device.foundation === 'flexible' ? tidy(value * FLEXIBLE_FOUNDATION_FACTOR) : value;
  }
}

function applies(t: RuleTemplate, device: PlantDevice): boolean {
  return t.scope.kind === 'class' ? t.scope.equipmentClass === device.class : t.scope.deviceId === device.id;
}

/** The device's rules, in the order their (metric, direction) first appears in templates. */
export function resolveRules(templates: readonly RuleTemplate[], device: PlantDevice): ThresholdRule[] {
  const slots = new Map<string, { class?: RuleTemplate; device?: RuleTemplate }>();
  for (const t of templates) {
    if (!applies(t, device)) continue;
    const key = kindSlot(t);
    const slot = slots.get(key) ?? {};
    const existing = slot[t.scope.kind];
    if (existing) throw new RuleConflictError(device.id, [existing.id, t.id]);
    slot[t.scope.kind] = t;
    slots.set(key, slot);
  }
  const deciding = [...slots.values()].map((slot) => slot.device ?? slot.class!);
  const rules: ThresholdRule[] = [];
  for (const t of deciding) {
    if (!t.enabled) continue;
    const kind = t.kind ?? 'threshold';
    const onBasis = kind === 'threshold';
    const rule: ThresholdRule = {
      id: t.id,
      version: t.version,
      deviceId: device.id,
      metric: t.metric,
      direction: t.direction,
      warn: onBasis ? resolveLimit(t.basis, t.warn, device) : t.warn,
      alarm: onBasis ? resolveLimit(t.basis, t.alarm, device) : t.alarm,
      clear: onBasis ? resolveLimit(t.basis, t.clear, device) : t.clear,
      minDurationMs: t.minDurationMs,
      clearDurationMs: t.clearDurationMs,
      failureMode: t.failureMode,
    };
    if (kind !== 'threshold') rule.kind = kind;
    if (t.params) rule.params = { ...t.params } as RuleParams;
    if (t.flapping) rule.flapping = { ...t.flapping };
    if (kind === 'trend-to-limit') {
      const limit = trendLimit(t, deciding, device);
      if (limit === null) continue;
      rule.params = { ...(t.params as TrendToLimitParams), limit };
    }
    rules.push(rule);
  }
  return rules;
}

/** A trend rule's absolute limit: its own, or the alarm level of the threshold rule in force for the metric and direction. */
function trendLimit(t: RuleTemplate, deciding: readonly RuleTemplate[], device: PlantDevice): number | null {
  const own = (t.params as TrendToLimitParams | undefined)?.limit;
  if (own !== undefined) return resolveLimit(t.basis, own, device);
  const threshold = deciding.find((d) => (d.kind ?? 'threshold') === 'threshold' && d.metric === t.metric && d.direction === t.direction);
  return threshold?.enabled ? resolveLimit(threshold.basis, threshold.alarm, device) : null;
}
