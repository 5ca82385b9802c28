/** `#/dead-letters` — messages ingest rejected, newest first, with counts by reason. */
import type { DeadLetterView } from '../../../server/http/api-types';
import { describeError, isAbort, listDeadLetters } from '../api-client';
import { countByReason, countsFromRecord, formatBytes, prependLetter, previewText, reasonLabel } from '../lib/dead-letter-summary';
import { createReconciler, flash, h, replaceChildren, svg } from '../ui/dom';
import { icons } from '../ui/icons';
import { clockTime, timeAgo } from '../ui/relative-time';
import { emptyState, errorState, loadingState } from '../ui/states';
import { Disposer, type View, type ViewContext } from './view';

const LIMIT = 200;

export function deadLettersView(ctx: ViewContext): View {
  const d = new Disposer();
  ctx.setTitle('Dead letters');

  let letters: DeadLetterView[] = [];
  let total = 0;
  /** Server-wide counts when the API sends them; else counted from the loaded page. */
  let serverCounts: Record<string, number> | null = null;

  const counts = h('div', { class: 'reason-counts', 'data-testid': 'dead-letter-counts' });
  const content = h('div', { class: 'panel-body' }, loadingState('Loading rejected messages…'));
  const footer = h('div', { class: 'table-footer' });
  const el = h(
    'section',
    { class: 'page', 'data-testid': 'view-dead-letters' },
    h(
      'header',
      { class: 'page-header' },
      h(
        'div',
        null,
        h('h1', { text: 'Dead letters' }),
        h('p', { class: 'page-sub', text: 'Messages the gateway rejected instead of dropping silently: the reason, the detail, and the start of the payload.' }),
      ),
    ),
    counts,
    h('div', { class: 'panel' }, content, footer),
  );

  const body = h('tbody');
  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table dl-table', 'data-testid': 'dead-letter-table' },
      h('thead', null, h('tr', null, ...['Received', 'Client', 'Topic', 'Reason', 'Detail', 'Payload'].map((c) => h('th', { scope: 'col', text: c })))),
      body,
    ),
  );
  const reconcile = createReconciler<DeadLetterView>(body, (l) => l.id, letterRow);

  const render = () => {
    const c = serverCounts ? countsFromRecord(serverCounts) : countByReason(letters);
    replaceChildren(
      counts,
      h('div', { class: 'reason-chip reason-total' }, h('span', { class: 'reason-count', text: String(total) }), h('span', { text: 'rejected in total' })),
      ...c.map((r) =>
        h(
          'div',
          { class: 'reason-chip', 'data-testid': 'reason-count', dataset: { reason: r.reason } },
          h('span', { class: 'reason-count', text: String(r.count) }),
          h('span', { text: reasonLabel(r.reason) }),
        ),
      ),
      !serverCounts && letters.length < total ? h('span', { class: 'muted small', text: `Counts cover the latest ${letters.length}.` }) : null,
    );
    if (letters.length === 0) {
      replaceChildren(content, emptyState('No rejected messages', 'Every message from the edge passed validation. Nice.', icons.resolved));
      reconcile([]);
      footer.replaceChildren();
      return [];
    }
    if (!table.isConnected) replaceChildren(content, table);
    footer.replaceChildren(h('span', { class: 'muted', text: `Showing the latest ${letters.length} of ${total}` }));
    return reconcile(letters).added;
  };

  const load = async (spinner: boolean) => {
    if (spinner) replaceChildren(content, loadingState('Loading rejected messages…'));
    const signal = d.nextSignal();
    try {
      const page = await listDeadLetters(LIMIT, signal);
      letters = page.items.slice().sort((a, b) => b.receivedAt - a.receivedAt || b.id - a.id);
      total = page.total;
      serverCounts = page.countsByReason;
      render();
    } catch (err) {
      if (isAbort(err)) return;
      counts.replaceChildren();
      replaceChildren(content, errorState(describeError(err), () => void load(true)));
    }
  };

  d.add(
    ctx.live.on('dead-letter', (letter) => {
      const next = prependLetter(letters, letter, LIMIT);
      if (next.length === letters.length && next[0] === letters[0]) return;
      letters = next;
      total++;
      if (serverCounts) serverCounts = { ...serverCounts, [letter.reason]: (serverCounts[letter.reason] ?? 0) + 1 };
      for (const row of render()) flash(row, 'row-new', 2600);
    }),
  );

  void load(true);
  return { el, refresh: () => void load(false), dispose: () => d.dispose() };
}

function letterRow(l: DeadLetterView): HTMLElement {
  return h(
    'tr',
    { class: 'dl-row', 'data-testid': 'dead-letter-row', dataset: { id: l.id, reason: l.reason } },
    h('td', { class: 'col-time', 'data-label': 'Received' }, clockTime(l.receivedAt), h('span', { class: 'sub' }, timeAgo(l.receivedAt))),
    h('td', { class: 'col-client mono', 'data-label': 'Client', text: l.clientId ?? '—' }),
    h('td', { class: 'col-topic mono', 'data-label': 'Topic', title: l.topic }, ...breakable(l.topic)),
    h('td', { class: 'col-reason', 'data-label': 'Reason' }, h('span', { class: `reason reason-${l.reason}` }, svg(icons.alertCircle), reasonLabel(l.reason))),
    h('td', { class: 'col-detail', 'data-label': 'Detail', text: l.detail }),
    h(
      'td',
      { class: 'col-payload', 'data-label': 'Payload' },
      h('code', { class: 'payload', title: l.payloadPreview, text: previewText(l.payloadPreview) || '(empty)' }),
      h('span', { class: 'sub', text: formatBytes(l.payloadBytes) }),
    ),
  );
}

/** Topic text with break opportunities after each "/" so long topics wrap at levels. */
function breakable(topic: string): Array<string | HTMLElement> {
  return topic.split('/').flatMap((part, i, all) => (i < all.length - 1 ? [`${part}/`, h('wbr')] : [part]));
}
