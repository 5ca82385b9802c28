/**
 * "Similar past orders": the closed or resolved orders most like this one
 * (same equipment class first), each with what was found and done, whether
 * the repair held, why it matched, and a link. GET /api/work-orders/:id/similar.
 */
import type { SimilarWorkOrderView, SimilarWorkOrdersView } from '../../../server/http/api-types';
import { describeError, isAbort, request } from '../api-client';
import { href } from '../lib/route';
import { failureModeLabel, formatLabour, OUTCOME_LABEL } from '../lib/work-order-outcome';
import { h, replaceChildren, svg } from './dom';
import { icons } from './icons';
import { timeAgo } from './relative-time';

export const SIMILAR_LIMIT = 3;

function effectiveness(item: SimilarWorkOrderView): HTMLElement {
  if (item.outcome.kind === 'no-fault-found') return h('span', { class: 'similar-effect muted', text: 'No repair' });
  if (item.repairEffective === false) return h('span', { class: 'similar-effect similar-effect-no', 'data-testid': 'similar-effective', dataset: { effective: 'false' }, text: '✗ Fault came back within 30 days' });
  if (item.repairEffective === true) return h('span', { class: 'similar-effect similar-effect-yes', 'data-testid': 'similar-effective', dataset: { effective: 'true' }, text: '✓ Repair held' });
  return h('span', { class: 'similar-effect similar-effect-yes', 'data-testid': 'similar-effective', dataset: { effective: 'unknown' }, text: '✓ No recurrence seen' });
}

function renderItem(item: SimilarWorkOrderView): HTMLElement {
  const o = item.outcome;
  const found =
    o.kind === 'confirmed'
      ? [
          h('p', { class: 'similar-line' }, h('strong', { text: 'Cause: ' }), o.cause),
          h('p', { class: 'similar-line' }, h('strong', { text: 'Action: ' }), o.action),
          h(
            'p',
            { class: 'similar-meta' },
            `${failureModeLabel(o.failureMode)} · Labour ${formatLabour(o.labourMinutes)} · `,
            o.parts.length ? `Parts: ${o.parts.map((p) => `${p.quantity} × ${p.partNumber}`).join(', ')}` : 'No parts',
          ),
        ]
      : [h('p', { class: 'similar-line' }, h('strong', { text: `${OUTCOME_LABEL[o.kind]}: ` }), o.kind === 'no-fault-found' ? o.note : o.action)];
  return h(
    'li',
    { class: 'similar-item', 'data-testid': 'similar-order', dataset: { id: item.id, kind: o.kind } },
    h(
      'p',
      { class: 'similar-title' },
      h('a', { href: href.workOrder(item.id), class: 'mono', text: item.number }),
      ` ${item.title}`,
      h('span', { class: 'similar-score', title: 'Similarity 0–100 %', text: `${Math.round(item.score * 100)} %` }),
    ),
    h('p', { class: 'similar-meta' }, `${item.deviceName} (${item.equipmentClass}) · closed `, timeAgo(item.closedAt), ' · ', effectiveness(item)),
    ...found,
    h('ul', { class: 'similar-reasons', 'aria-label': 'Why it matched' }, ...item.reasons.map((r) => h('li', { class: 'chip', dataset: { facet: r.facet }, text: r.text }))),
  );
}

export function createSimilarOrdersPanel(orderId: number): { el: HTMLElement; load(signal?: AbortSignal): Promise<void> } {
  const body = h('div', { class: 'similar-body' });
  const aside = h('span', { class: 'panel-head-aside' });
  const el = h(
    'section',
    { class: 'panel similar-panel', 'data-testid': 'similar-orders' },
    h('header', { class: 'panel-head' }, svg(icons.repeat), h('h2', { text: 'Similar past orders' }), aside),
    body,
  );

  const render = (view: SimilarWorkOrdersView) => {
    aside.textContent = `${view.candidates} compared`;
    if (view.items.length === 0) {
      replaceChildren(body, h('p', { class: 'muted pad', 'data-testid': 'similar-empty', text: 'No closed order like this one yet.' }));
      return;
    }
    replaceChildren(body, h('ol', { class: 'similar-list' }, ...view.items.map(renderItem)));
  };

  return {
    el,
    async load(signal) {
      if (!body.firstChild) replaceChildren(body, h('p', { class: 'muted pad', 'data-testid': 'similar-loading', text: 'Looking for similar orders…' }));
      try {
        render(await request<SimilarWorkOrdersView>(`/work-orders/${orderId}/similar?limit=${SIMILAR_LIMIT}`, { signal }));
      } catch (err) {
        if (isAbort(err)) return;
        aside.textContent = '';
        replaceChildren(body, h('p', { class: 'form-error pad', role: 'alert', 'data-testid': 'similar-error', text: `Could not load similar orders: ${describeError(err)}` }));
      }
    },
  };
}
