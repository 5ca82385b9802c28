/**
 * `#/rules` — every rule template by equipment class and metric: kind,
 * limits, durations, whether it is on, and how often its orders turned out to
 * be real faults (precision). A row opens the rule's tuning page.
 */
import { describeError, isAbort } from '../api-client';
import { listRulePrecision, listRules } from '../analysis-client';
import { formatValue } from '../lib/chart-data';
import { limitUnit, ruleKind, isThreshold, type RuleLike } from '../lib/rule-editor';
import { groupRules, precisionText } from '../lib/rule-groups';
import { href } from '../lib/route';
import { formatDuration } from '../lib/time-format';
import { h, replaceChildren } from '../ui/dom';
import { icons } from '../ui/icons';
import { emptyState, errorState, loadingState } from '../ui/states';
import { Disposer, type View, type ViewContext } from './view';

export function rulesView(ctx: ViewContext): View {
  const d = new Disposer();
  ctx.setTitle('Rules');
  const canEdit = ctx.session.can('edit-rules');
  const content = h('div', { class: 'stack' }, loadingState('Loading rules…'));
  const el = h(
    'section',
    { class: 'page', 'data-testid': 'view-rules' },
    h(
      'header',
      { class: 'page-header' },
      h(
        'div',
        null,
        h('h1', { text: 'Rules' }),
        h('p', {
          class: 'page-sub',
          text: canEdit
            ? 'Detection rules by equipment class. Open one to tune its limits and replay it against history before saving.'
            : 'Detection rules by equipment class, with how often their orders were real faults. Read-only for your role.',
        }),
      ),
    ),
    content,
  );

  const load = async (spinner: boolean) => {
    if (spinner) replaceChildren(content, loadingState('Loading rules…'));
    const signal = d.nextSignal();
    try {
      const [rules, precision] = await Promise.all([listRules(signal), listRulePrecision(signal)]);
      if (rules.length === 0) {
        replaceChildren(content, emptyState('No rules yet', 'Default rules are seeded from the plant file when the server starts.', icons.bell));
        return;
      }
      replaceChildren(
        content,
        ...groupRules(rules, precision).map((g) =>
          h(
            'section',
            { class: 'panel rule-group', 'data-testid': 'rule-group', dataset: { group: g.key } },
            h('header', { class: 'panel-head' }, h('h2', { text: g.title }), h('span', { class: 'panel-head-aside', text: `${g.rules.length} rule${g.rules.length === 1 ? '' : 's'}` })),
            h(
              'div',
              { class: 'table-wrap' },
              h(
                'table',
                { class: 'table rules-table' },
                h('colgroup', null, ...['28%', '11%', '13%', '8%', '8%', '10%', '13%', '9%'].map((w) => h('col', { style: { width: w } }))),
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    ...['Rule', 'Kind', 'Warn', 'Alarm', 'Clear', 'Min duration', 'Precision', 'Version'].map((c, i) => h('th', { scope: 'col', class: i >= 2 && i <= 6 ? 'num' : undefined, text: c })),
                  ),
                ),
                h('tbody', null, ...g.rules.map(({ rule, precision: p }) => ruleRow(rule, p))),
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      if (isAbort(err)) return;
      replaceChildren(content, errorState(describeError(err), () => void load(true)));
    }
  };

  d.add(ctx.live.on('rules-changed', () => void load(false)));
  void load(true);
  return { el, refresh: () => void load(false), dispose: () => d.dispose() };
}

function ruleRow(rule: RuleLike, p: Parameters<typeof precisionText>[0]): HTMLElement {
  const threshold = isThreshold(rule);
  const unit = threshold ? limitUnit(rule) : '';
  const limit = (v: unknown) => (threshold && typeof v === 'number' ? `${formatValue(v)}` : '–');
  const pt = precisionText(p);
  const arrow = rule.direction === 'below' ? '↓' : '↑';
  return h(
    'tr',
    { class: `rule-row${rule.enabled === false ? ' is-disabled' : ''}`, 'data-testid': 'rule-row', dataset: { ruleId: rule.id } },
    h(
      'td',
      { class: 'col-title' },
      h('a', { class: 'title-text', href: href.rule(rule.id) }, `${rule.metric} ${arrow}`),
      h('div', { class: 'sub mono', text: rule.id }),
    ),
    h('td', null, h('span', { class: 'chip', text: ruleKind(rule) }), rule.enabled === false ? h('span', { class: 'chip chip-off', text: 'off' }) : null),
    h('td', { class: 'num' }, limit(rule.warn), threshold ? h('div', { class: 'sub', text: unit }) : null),
    h('td', { class: 'num', text: limit(rule.alarm) }),
    h('td', { class: 'num', text: limit(rule.clear) }),
    h('td', { class: 'num', text: typeof rule.minDurationMs === 'number' ? formatDuration(rule.minDurationMs) : '–' }),
    h('td', { class: 'num', 'data-testid': 'rule-precision' }, h('strong', { text: pt.value }), h('div', { class: 'sub', text: pt.detail })),
    h('td', null, h('span', { class: 'mono', text: `v${rule.version}` }), h('div', { class: 'sub', text: rule.updatedBy })),
  );
}
