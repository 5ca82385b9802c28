/** Pure: what changed between two versions of a rule, field by field. */
import { RULE_FIELDS, type RuleField, type RuleFieldChange, type RuleTemplateView } from '../http/api-types';

// RULE_FIELDS must list every editable field.
true satisfies [RuleField] extends [(typeof RULE_FIELDS)[number]] ? true : false;

const scopeKey = (s: RuleTemplateView['scope']): string => (s.kind === 'class' ? `class:${s.equipmentClass}` : `device:${s.deviceId}`);

function sameValue(field: RuleField, previous: RuleTemplateView, next: RuleTemplateView): boolean {
  return field === 'scope' ? scopeKey(previous.scope) === scopeKey(next.scope) : previous[field] === next[field];
}

/** The fields whose values differ, in RULE_FIELDS order. */
export function ruleChanges(previous: RuleTemplateView, next: RuleTemplateView): RuleFieldChange[] {
  return RULE_FIELDS.filter((field) => !sameValue(field, previous, next)).map((field) => ({ field, from: previous[field], to: next[field] }) as RuleFieldChange);
}
