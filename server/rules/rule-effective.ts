/**
 * Pure: the rules in force per device, as the rule-tuning view shows them
 * (where each comes from, which slots are switched off), and the check every
 * save runs: do the rules still resolve on every device the saved rule touches?
 */
import type { PlantDevice } from '../../contract/plant';
import { kindSlot, resolveRules, RuleConflictError } from '../detection/resolve-rules';
import type { RuleTemplate, ThresholdRule } from '../detection/types';
import type { DeviceEffectiveRulesView } from '../http/api-types';
import { HttpError } from '../http/errors';

const appliesTo = (t: RuleTemplate, device: PlantDevice): boolean =>
  t.scope.kind === 'class' ? t.scope.equipmentClass === device.class : t.scope.deviceId === device.id;

/** The devices a template's scope covers. */
export function devicesInScope(t: RuleTemplate, devices: readonly PlantDevice[]): PlantDevice[] {
  return devices.filter((d) => appliesTo(t, d));
}

export function deviceEffectiveRules(templates: readonly RuleTemplate[], device: PlantDevice): DeviceEffectiveRulesView {
  const base = { deviceId: device.id, equipmentClass: device.class };
  let resolved: ThresholdRule[];
  try {
    resolved = resolveRules(templates, device);
  } catch (err) {
    if (err instanceof RuleConflictError) return { ...base, rules: [], disabled: [], conflict: err.message };
    throw err;
  }
  const byId = new Map(templates.map((t) => [t.id, t]));
  // The template that decides each (metric, direction) slot: a device override wins over the class rule (as in resolveRules).
  const deciding = new Map<string, RuleTemplate>();
  for (const t of templates) {
    const slot = kindSlot(t);
    if (appliesTo(t, device) && (!deciding.has(slot) || t.scope.kind === 'device')) deciding.set(slot, t);
  }
  return {
    ...base,
    rules: resolved.map((r) => ({
      ruleId: r.id,
      version: r.version,
      kind: r.kind ?? 'threshold',
      source: byId.get(r.id)!.scope.kind,
      metric: r.metric,
      direction: r.direction,
      warn: r.warn,
      alarm: r.alarm,
      clear: r.clear,
      minDurationMs: r.minDurationMs,
      clearDurationMs: r.clearDurationMs,
      failureMode: r.failureMode,
    })),
    disabled: [...deciding.values()]
      .filter((t) => !t.enabled)
      .map((t) => ({ ruleId: t.id, source: t.scope.kind, metric: t.metric, direction: t.direction })),
    conflict: null,
  };
}

/** Throws 409 'rule-conflict' naming the two rules when the templates do not resolve on one of the devices. */
export function assertResolvable(templates: readonly RuleTemplate[], devices: readonly PlantDevice[], savingId: string): void {
  for (const device of devices) {
    try {
      resolveRules(templates, device);
    } catch (err) {
      if (!(err instanceof RuleConflictError)) throw err;
      const [a, b] = err.templateIds;
      throw new HttpError(409, 'rule-conflict', `cannot save rule ${savingId}: rules ${a} and ${b} would both apply to device ${err.deviceId} for the same metric and direction at the same scope; nothing was saved`);
    }
  }
}
