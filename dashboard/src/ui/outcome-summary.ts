/** The recorded outcome of an order: confirmed fault (cause, action, parts, labour), no fault found, or planned work done. */
import type { OutcomeView } from '../../../server/http/api-types';
import { failureModeLabel, formatLabour, OUTCOME_LABEL } from '../lib/work-order-outcome';
import { h, svg } from './dom';
import { fact } from './facts';
import { icons } from './icons';
import { timeAgo } from './relative-time';

export function renderOutcome(outcome: OutcomeView): HTMLElement {
  const head = h(
    'header',
    { class: 'panel-head' },
    svg(outcome.kind === 'no-fault-found' ? icons.cancelled : icons.resolved),
    h('h2', { text: `Outcome · ${OUTCOME_LABEL[outcome.kind]}` }),
    h('span', { class: 'panel-head-aside' }, `${outcome.recordedBy}, `, timeAgo(outcome.recordedAt)),
  );
  if (outcome.kind === 'no-fault-found') {
    return h('section', { class: 'panel outcome outcome-nff', 'data-testid': 'wo-outcome', dataset: { kind: outcome.kind } }, head, h('p', { class: 'prose', text: outcome.note }));
  }
  const parts = outcome.parts.length
    ? h('ul', { class: 'parts' }, ...outcome.parts.map((p) => h('li', null, h('span', { class: 'mono', text: `${p.quantity} × ${p.partNumber}` }), p.description ? ` ${p.description}` : '')))
    : h('span', { class: 'muted', text: 'none' });
  if (outcome.kind === 'completed') {
    return h(
      'section',
      { class: 'panel outcome outcome-confirmed', 'data-testid': 'wo-outcome', dataset: { kind: outcome.kind } },
      head,
      h(
        'dl',
        { class: 'facts outcome-facts' },
        fact('Labour', formatLabour(outcome.labourMinutes)),
        h('div', { class: 'fact span-all' }, h('dt', { text: 'Work done' }), h('dd', { text: outcome.action })),
        h('div', { class: 'fact span-all' }, h('dt', { text: 'Parts' }), h('dd', null, parts)),
        outcome.findings ? h('div', { class: 'fact span-all' }, h('dt', { text: 'Findings' }), h('dd', { text: outcome.findings })) : null,
      ),
    );
  }
  return h(
    'section',
    { class: 'panel outcome outcome-confirmed', 'data-testid': 'wo-outcome', dataset: { kind: outcome.kind } },
    head,
    h(
      'dl',
      { class: 'facts outcome-facts' },
      fact('Failure mode', failureModeLabel(outcome.failureMode)),
      fact('Labour', formatLabour(outcome.labourMinutes)),
      h('div', { class: 'fact span-all' }, h('dt', { text: 'Cause' }), h('dd', { text: outcome.cause })),
      h('div', { class: 'fact span-all' }, h('dt', { text: 'Action' }), h('dd', { text: outcome.action })),
      h('div', { class: 'fact span-all' }, h('dt', { text: 'Parts' }), h('dd', null, parts)),
    ),
  );
}
