/**
 * The rules list, pure: class rules grouped by equipment class (metrics in a
 * fixed order), device overrides last, each with its precision.
 */
import type { RulePrecisionView } from '../../../server/http/api-types';
import type { RuleLike } from './rule-editor';

export interface RuleGroup {
  key: string;
  title: string;
  rules: Array<{ rule: RuleLike; precision: RulePrecisionView | null }>;
}

const METRIC_ORDER = ['vibration', 'temperature', 'current'];

export function groupRules(rules: readonly RuleLike[], precision: readonly RulePrecisionView[]): RuleGroup[] {
  const byId = new Map(precision.map((p) => [p.ruleId, p]));
  const groups = new Map<string, RuleGroup>();
  const sorted = rules.slice().sort((a, b) => {
    const m = metricIndex(a.metric) - metricIndex(b.metric);
    return m || a.direction.localeCompare(b.direction) || a.id.localeCompare(b.id);
  });
  for (const rule of sorted) {
    const key = rule.scope.kind === 'class' ? `class:${rule.scope.equipmentClass}` : 'device';
    const title = rule.scope.kind === 'class' ? capitalize(rule.scope.equipmentClass.replace(/-/g, ' ')) : 'Device overrides';
    const group = groups.get(key) ?? { key, title, rules: [] };
    group.rules.push({ rule, precision: byId.get(rule.id) ?? null });
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.key === 'device' ? 1 : b.key === 'device' ? -1 : a.title.localeCompare(b.title)));
}

/** "3 of 4 confirmed" style text for a precision entry. */
export function precisionText(p: RulePrecisionView | null): { value: string; detail: string } {
  if (!p || p.precision === null) return { value: '–', detail: p?.open ? `${p.open} open, no outcome yet` : 'No outcomes yet' };
  return { value: `${Math.round(p.precision * 100)} %`, detail: `${p.confirmed} confirmed · ${p.noFaultFound} no fault${p.open ? ` · ${p.open} open` : ''}` };
}

function metricIndex(metric: string): number {
  const i = METRIC_ORDER.indexOf(metric);
  return i < 0 ? METRIC_ORDER.length : i;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
