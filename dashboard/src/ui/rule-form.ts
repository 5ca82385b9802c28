/**
 * The rule's editable fields as inputs with units, hints and a problem line
 * each (ours as typed, or the API's 400 field errors). Read-only roles see
 * the same numbers, disabled.
 */
import { initialDraft, type RuleDraft, type RuleFieldSpec, type RuleLike } from '../lib/rule-editor';
import { h } from './dom';

export interface RuleForm {
  el: HTMLElement;
  draft(): RuleDraft;
  /** Shows problems by field key; fields not named are cleared. */
  setErrors(byField: Record<string, string>): void;
  /** Back to the rule's stored values. */
  reset(rule: RuleLike): void;
}

export function createRuleForm(rule: RuleLike, fields: readonly RuleFieldSpec[], options: { readOnly: boolean; onInput(): void }): RuleForm {
  const inputs = new Map<string, HTMLInputElement>();
  const problems = new Map<string, HTMLElement>();
  const initial = initialDraft(rule, fields);
  const el = h(
    'div',
    { class: 'field-grid rule-fields', 'data-testid': 'rule-form' },
    ...fields.map((f) => {
      const input = h('input', {
        class: 'input',
        type: 'text',
        inputmode: 'decimal',
        value: initial[f.key] ?? '',
        name: f.key,
        disabled: options.readOnly,
        'aria-describedby': `rule-field-${f.key}-problem`,
        'data-testid': `rule-field-${f.key}`,
        on: { input: () => options.onInput() },
      });
      const problem = h('span', { class: 'field-problem', id: `rule-field-${f.key}-problem`, role: 'alert', hidden: true, 'data-testid': `rule-problem-${f.key}` });
      inputs.set(f.key, input);
      problems.set(f.key, problem);
      return h(
        'label',
        { class: 'field' },
        h('span', { class: 'field-label', text: f.label }),
        h('span', { class: 'input-with-unit' }, input, f.unit ? h('span', { class: 'input-unit', text: f.unit }) : null),
        f.hint ? h('span', { class: 'hint', text: f.hint }) : null,
        problem,
      );
    }),
  );

  return {
    el,
    draft() {
      const d: RuleDraft = {};
      for (const [k, input] of inputs) d[k] = input.value;
      return d;
    },
    setErrors(byField) {
      for (const [k, p] of problems) {
        const msg = byField[k];
        p.hidden = !msg;
        p.textContent = msg ?? '';
        inputs.get(k)?.setAttribute('aria-invalid', msg ? 'true' : 'false');
      }
    },
    reset(next) {
      const d = initialDraft(next, fields);
      for (const [k, input] of inputs) input.value = d[k] ?? '';
    },
  };
}
