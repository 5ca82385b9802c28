/**
 * Why a line is in its state: every reason's chain, line → line → device →
 * work order, with the order's status, assignee ("unassigned" while none)
 * and expected finish; the order links to its page, a line to its own chain.
 */
import type { LineReason, LineStateView } from '../../../server/http/api-types';
import { chainSteps, LINE_STATE_LABEL, type ChainStep } from '../lib/line-chain';
import { timeInState } from '../lib/line-map';
import { href } from '../lib/route';
import { formatClock } from '../lib/time-format';
import { statusChip } from './badges';
import { h, svg } from './dom';
import { icons } from './icons';
import { lineStateBadge } from './line-state-badge';

const STEP_ICON: Record<ChainStep['kind'], string> = {
  line: icons.line,
  device: icons.device,
  'work-order': icons.comment,
  anomaly: icons.pulse,
  'device-stopped': icons.lineDown,
  'device-silent': icons.lineNoData,
};

const EFFECT_TITLE: Record<LineReason['effect'], string> = {
  down: 'Down',
  degraded: 'Degraded',
  starved: 'Starved: a line feeding it delivers nothing',
  blocked: 'Blocked: the line it feeds takes nothing',
  'no-data': 'No data',
};

function step(s: ChainStep): HTMLElement {
  const title = s.href ? h('a', { class: 'chain-title', href: s.href, text: s.title }) : h('span', { class: 'chain-title', text: s.title });
  return h(
    'li',
    { class: `chain-step chain-${s.kind}`, 'data-testid': 'chain-step', dataset: { kind: s.kind, effect: s.effect, status: s.status } },
    h('span', { class: 'chain-icon' }, svg(STEP_ICON[s.kind] ?? icons.line)),
    h(
      'div',
      { class: 'chain-body' },
      h('p', { class: 'chain-head' }, title, s.effect ? lineStateBadge(s.effect) : null, s.status ? statusChip(s.status) : null, s.stopsLine ? h('span', { class: 'tag tag-alarm' }, svg(icons.line), 'Stops the line') : null),
      s.detail && !s.effect ? h('p', { class: 'chain-detail', text: s.detail }) : null,
      s.facts.length
        ? h('dl', { class: 'chain-facts' }, ...s.facts.map(([k, v]) => h('div', { dataset: { fact: k.toLowerCase().replace(/\s+/g, '-') } }, h('dt', { text: k }), h('dd', { class: v === 'unassigned' || v === 'not set' ? 'muted' : '', text: v }))))
        : null,
    ),
  );
}

export function renderChainPanel(line: LineStateView, now: number): HTMLElement {
  const o = { now };
  return h(
    'section',
    { class: 'panel chain-panel', 'data-testid': 'chain-panel', dataset: { lineId: line.id, state: line.state } },
    h(
      'header',
      { class: 'panel-head' },
      h('h2', { text: line.name }),
      h('a', { class: 'panel-head-aside chain-close', href: href.map(), title: 'Close', 'aria-label': 'Close', 'data-testid': 'chain-close' }, svg(icons.cancelled)),
    ),
    h(
      'p',
      { class: 'chain-summary' },
      lineStateBadge(line.state),
      h('span', null, ' for ', h('span', { dataset: { since: line.since }, text: timeInState(line.since, now) }), `, since ${formatClock(line.since, now)}`),
    ),
    line.reasons.length === 0
      ? h('p', { class: 'muted pad', 'data-testid': 'chain-none', text: line.state === 'running' ? 'Running: nothing stands in its way.' : `No reason given for ${LINE_STATE_LABEL[line.state].toLowerCase()}.` })
      : h(
          'div',
          { class: 'chain-reasons' },
          ...line.reasons.map((r, i) =>
            h(
              'div',
              { class: 'chain-reason', dataset: { effect: r.effect, cause: r.cause } },
              h('p', { class: 'chain-reason-title' }, line.reasons.length > 1 ? `${i + 1}. ` : '', EFFECT_TITLE[r.effect] ?? r.effect),
              h('ol', { class: 'chain', 'data-testid': 'line-chain', dataset: { cause: r.cause } }, ...chainSteps(r.chain, o).map(step)),
            ),
          ),
        ),
  );
}
