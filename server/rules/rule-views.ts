/** Rule rows and history rows -> API shapes. */
import type { RuleTemplate } from '../detection/types';
import type { RuleTemplateView, RuleVersionView, RuleView } from '../http/api-types';
import { ruleChanges } from './rule-history';
import { toRuleTemplate, type RuleRow, type RuleVersionRow } from './rule-repository';

/** Also reads history rows saved before kinds existed (no kind: 'threshold'). */
export function toRuleTemplateView(t: RuleTemplate): RuleTemplateView {
  return {
    kind: t.kind ?? 'threshold',
    ...(t.params ? { params: t.params } : {}),
    ...(t.flapping ? { flapping: t.flapping } : {}),
    id: t.id,
    version: t.version,
    scope: t.scope.kind === 'class' ? { kind: 'class', equipmentClass: t.scope.equipmentClass } : { kind: 'device', deviceId: t.scope.deviceId },
    metric: t.metric,
    direction: t.direction,
    basis: t.basis,
    warn: t.warn,
    alarm: t.alarm,
    clear: t.clear,
    minDurationMs: t.minDurationMs,
    clearDurationMs: t.clearDurationMs,
    failureMode: t.failureMode,
    enabled: t.enabled,
  };
}

export function toRuleView(row: RuleRow): RuleView {
  return { ...toRuleTemplateView(toRuleTemplate(row)), updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/** History rows of one rule, newest first -> views, each with its changes against the version recorded before it. */
export function toRuleVersionViews(rows: readonly RuleVersionRow[]): RuleVersionView[] {
  return rows.map((row, i) => {
    const template = toRuleTemplateView(row.template);
    const previous = rows[i + 1];
    return {
      ruleId: row.ruleId,
      version: row.version,
      author: row.author,
      reason: row.reason,
      at: row.at,
      template,
      changes: previous ? ruleChanges(toRuleTemplateView(previous.template), template) : [],
    };
  });
}
