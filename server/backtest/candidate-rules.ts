/**
 * The two rule sets of a backtest, resolved per device exactly as live
 * detection resolves them (resolveRules):
 * - current: the stored templates;
 * - candidate: the stored templates with `changes` applied: a change replaces
 *   the template with its id, or is added when the id is new.
 *
 * A device whose templates conflict gets no rules, as live (the rule service
 * logs it); the backtest says so in a warning. A conflict a change causes in
 * the candidate is the caller's mistake: BacktestInputError naming the change.
 *
 * Pure.
 */
import type { PlantDevice } from '../../contract/plant';
import { resolveRules, RuleConflictError } from '../detection/resolve-rules';
import type { RuleTemplate, ThresholdRule } from '../detection/types';

/** A request that cannot run as asked; `path` names the field (as HTTP issues do). */
export class BacktestInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'BacktestInputError';
  }
}

export function applyChanges(current: readonly RuleTemplate[], changes: readonly RuleTemplate[]): RuleTemplate[] {
  const byId = new Map(current.map((t) => [t.id, t]));
  const seen = new Map<string, number>();
  changes.forEach((t, i) => {
    const first = seen.get(t.id);
    if (first !== undefined) throw new BacktestInputError(`changes.${i}.id`, `template ${t.id} is already changed by changes.${first}; change each template once`);
    seen.set(t.id, i);
    byId.set(t.id, t);
  });
  return [...byId.values()];
}

export interface ResolvedRuleSets {
  current: ThresholdRule[];
  candidate: ThresholdRule[];
  warnings: string[];
}

export function resolveRuleSets(devices: readonly PlantDevice[], current: readonly RuleTemplate[], changes: readonly RuleTemplate[]): ResolvedRuleSets {
  const candidateTemplates = applyChanges(current, changes);
  const changeIndex = new Map(changes.map((t, i) => [t.id, i]));
  const warnings: string[] = [];
  const resolve = (templates: readonly RuleTemplate[], device: PlantDevice, set: 'current' | 'candidate'): ThresholdRule[] => {
    try {
      return resolveRules(templates, device);
    } catch (err) {
      if (!(err instanceof RuleConflictError)) throw err;
      const culprit = set === 'candidate' ? err.templateIds.find((id) => changeIndex.has(id)) : undefined;
      if (culprit !== undefined) throw new BacktestInputError(`changes.${changeIndex.get(culprit)}`, `${err.message}; replace that template (same id) instead of adding one`);
      warnings.push(`${set} rules: ${err.message}; device ${device.id} has no rules (as in live detection)`);
      return [];
    }
  };
  return {
    current: devices.flatMap((d) => resolve(current, d, 'current')),
    candidate: devices.flatMap((d) => resolve(candidateTemplates, d, 'candidate')),
    warnings,
  };
}
