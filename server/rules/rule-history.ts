/** Pure: what changed between two versions of a rule, field by field. */
import { RULE_FIELDS, type RuleField, type RuleFieldChange, type RuleTemplateView } from '../http/api-types';

// RULE_FIELDS must list every editable field.
true satisfies [RuleField] extends [(typeof RULE_FIELDS)[number]] ? true : false;

const scopeKey = (s: RuleTemplateView['scope']): string => (s.kind === 'class' ? `class:${s.equipmentClass}` : `device:${s.deviceId}`);

/** Objects (params, flapping) compare by content, keys in any order. */
const canonical = (v: unknown): string =>
  v !== null && typeof v === 'object' ? JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))) : String(v);

function sameValue(field: RuleField, previous: RuleTemplateView, next: RuleTemplateView): boolean {
  if (field === 'scope') return scopeKey(previous.scope) === scopeKey(next.scope);
  if (field === 'params' || field === 'flapping') return canonical(previous[field]) === canonical(next[field]);
  return previous[field] === next[field];
}

/** The fields whose values differ, in RULE_FIELDS order. */
export function ruleChanges(previous: RuleTemplateView, next: RuleTemplateView): RuleFieldChange[] {
  return RULE_FIELDS.filter((field) => !sameValue(field, previous, next)).map((field) => ({ field, from: previous[field], to: next[field] }) as RuleFieldChange);
}
