/**
 * `#/` — the work-order queue, most urgent priority first and newest first
 * within it, filtered by status and priority, patched live from 'work-order'
 * events. Re-read quietly every minute so SLA states and due times stay true.
 */
import type { Priority, ServerEvents } from '../../../server/http/api-types';
import { describeError, isAbort, listWorkOrders } from '../api-client';
import { href, type StatusFilter } from '../lib/route';
import { formatDuration } from '../lib/time-format';
import {
  appendPage,
  applyWorkOrderEvent,
  initialListState,
  summarizeQueue,
  type WorkOrderListState,
} from '../lib/work-order-list-state';
import { STATUSES, STATUS_LABEL } from '../lib/work-order-status';
import { h, flash, replaceChildren, svg } from '../ui/dom';
import { icons } from '../ui/icons';
import { kpi } from '../ui/kpi';
import { priorityFilter } from '../ui/priority-filter';
import { emptyState, errorState, skeletonRows } from '../ui/states';
import { createWorkOrderTable } from '../ui/work-order-table';
import { Disposer, type View, type ViewContext } from './view';

const PAGE = 100;

const EMPTY_TEXT = 'No work orders — detection opens them automatically when a device misbehaves';

const QUIET_REFRESH_MS = 60_000;

export function workOrdersView(ctx: ViewContext, filter: StatusFilter, priorities: Priority[] = []): View {
  const d = new Disposer();
  ctx.setTitle('Work orders');

  let state: WorkOrderListState | null = null;
  let pending: Array<ServerEvents['work-order']> = [];

  const newTable = () => createWorkOrderTable({ showDevice: true, lineName: (id) => ctx.catalog.lineName(id) });
  let table = newTable();
  const summary = h('div', { class: 'kpis', 'data-testid': 'wo-summary' });
  const content = h('div', { class: 'panel-body' });
  const footer = h('div', { class: 'table-footer' });

  const el = h(
    'section',
    { class: 'page', 'data-testid': 'view-work-orders' },
    h(
      'header',
      { class: 'page-header' },
      h(
        'div',
        null,
        h('h1', { text: 'Work orders' }),
        h('p', { class: 'page-sub', text: 'Raised by condition monitoring and by people. Most urgent first (P0), newest first within a priority.' }),
      ),
      h(
        'div',
        { class: 'page-header-side' },
        summary,
        ctx.session.can('create-order')
          ? h('a', { class: 'btn btn-primary', href: href.newWorkOrder(), 'data-testid': 'new-order-button' }, svg(icons.plus), 'New work order')
          : null,
      ),
    ),
    h('div', { class: 'filters' }, filterBar(filter, priorities), priorityFilter(filter, priorities)),
    h('div', { class: 'panel' }, content, footer),
  );

  const showLoading = () => {
    const skeleton = newTable();
    skeleton.body.replaceChildren(...skeletonRows(6, 7));
    replaceChildren(content, skeleton.el);
    footer.replaceChildren();
  };

  const render = () => {
    if (!state) return;
    renderSummary();
    if (state.items.length === 0) {
      const scope = priorities.length ? ` at ${priorities.join(', ')}` : '';
      const detail = priorities.length ? 'Try “Any priority”.' : filter === 'active' ? undefined : `Nothing is ${STATUS_LABEL_FOR(filter)} right now.`;
      const title =
        filter === 'active' || filter === 'all' ? (scope ? `No ${filter} work orders${scope}` : EMPTY_TEXT) : `No ${STATUS_LABEL_FOR(filter)} work orders${scope}`;
      replaceChildren(content, emptyState(title, detail));
      table.render([]);
      footer.replaceChildren();
      return;
    }
    if (!table.el.isConnected) replaceChildren(content, table.el);
    const result = table.render(state.items);
    renderFooter();
    return result;
  };

  const renderSummary = () => {
    if (!state || (filter !== 'active' && filter !== 'all')) {
      summary.replaceChildren();
      return;
    }
    const s = summarizeQueue(state.items);
    summary.replaceChildren(
      kpi('Active', String(s.active), 'kpi-active'),
      kpi('P0 – P1', String(s.urgent), s.urgent > 0 ? 'kpi-alarm' : '', 'P0–P1'),
      kpi('SLA breached', String(s.breached), s.breached > 0 ? 'kpi-alarm' : '', 'Breached'),
      kpi('Not acknowledged', String(s.unacknowledged), s.unacknowledged > 0 ? 'kpi-warn' : '', 'New'),
      kpi('Oldest active', s.oldestActiveAt === null ? '—' : formatDuration(Date.now() - s.oldestActiveAt), '', 'Oldest'),
    );
  };

  const renderFooter = () => {
    if (!state) return;
    const more = state.items.length < state.total;
    replaceChildren(
      footer,
      h('span', { class: 'muted', 'data-testid': 'wo-count', text: `Showing ${state.items.length} of ${state.total}` }),
      more ? h('button', { class: 'btn btn-secondary', type: 'button', 'data-testid': 'load-more', on: { click: loadMore } }, 'Load more') : null,
    );
  };

  const load = async (quiet = false) => {
    if (quiet && !state) return;
    if (!quiet) {
      showLoading();
      state = null;
      pending = [];
    }
    const signal = d.nextSignal();
    try {
      const limit = quiet && state ? Math.max(PAGE, state.items.length) : PAGE;
      const [page] = await Promise.all([listWorkOrders({ filter, priorities, limit, signal }), ctx.catalog.loadLines()]);
      state = initialListState(filter, page.items, page.total, null, priorities);
      if (!quiet) table = newTable();
      for (const ev of pending.splice(0)) state = applyWorkOrderEvent(state, ev).state;
      render();
    } catch (err) {
      if (isAbort(err) || quiet) return;
      summary.replaceChildren();
      replaceChildren(content, errorState(describeError(err), () => void load()));
    }
  };

  const loadMore = async (ev: MouseEvent) => {
    if (!state) return;
    const button = ev.currentTarget as HTMLButtonElement;
    button.disabled = true;
    button.textContent = 'Loading…';
    try {
      const page = await listWorkOrders({ filter, priorities, limit: PAGE, offset: state.items.length });
      state = appendPage(state, page.items, page.total);
      render();
    } catch (err) {
      button.disabled = false;
      button.textContent = `Load more (failed: ${describeError(err)})`;
    }
  };

  d.add(
    ctx.live.on('work-order', (ev) => {
      if (!state) {
        pending.push(ev);
        return;
      }
      const { state: next, change } = applyWorkOrderEvent(state, ev);
      if (change === 'ignored') return;
      state = next;
      const result = render();
      for (const row of result?.added ?? []) flash(row, 'row-new', 2600);
      for (const row of result?.changed ?? []) flash(row, 'row-updated', 1600);
    }),
  );
  // Keep "oldest active" honest between events, and SLA states and due times between fetches.
  d.interval(renderSummary, 30_000);
  d.interval(() => void load(true), QUIET_REFRESH_MS);

  void load();
  return { el, refresh: () => void load(), dispose: () => d.dispose() };
}

function STATUS_LABEL_FOR(filter: StatusFilter): string {
  return filter === 'active' || filter === 'all' ? filter : STATUS_LABEL[filter].toLowerCase();
}


function filterBar(current: StatusFilter, priorities: readonly Priority[]): HTMLElement {
  const options: Array<[StatusFilter, string]> = [
    ['active', 'Active'],
    ['all', 'All'],
    ...STATUSES.map((s): [StatusFilter, string] => [s, STATUS_LABEL[s]]),
  ];
  return h(
    'nav',
    { class: 'filter-bar', 'aria-label': 'Filter by status', 'data-testid': 'status-filter' },
    ...options.map(([value, label], i) =>
      h(
        'a',
        {
          class: `filter${value === current ? ' is-active' : ''}${i === 1 ? ' filter-sep' : ''}`,
          href: href.workOrders(value, priorities),
          'aria-current': value === current ? 'page' : undefined,
          'data-testid': `filter-${value}`,
        },
        value === 'active' ? svg(icons.pulse) : null,
        label,
      ),
    ),
  );
}
