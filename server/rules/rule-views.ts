import type { RuleView } from '../http/api-types';
import { toRuleTemplate, type RuleRow } from './rule-repository';

export function toRuleView(row: RuleRow): RuleView {
  const { enabled, ...template } = toRuleTemplate(row);
  return { ...template, enabled, updatedAt: row.updatedAt };
}
