/**
 * `#/kpis` — maintenance KPIs for a period and scope (site, line, device):
 * MTTA, MTTR, MTBF, SLA attainment, the backlog with its trend, and rule
 * precision; the same figures as CSV (fetched with the token, saved as a file).
 */
import type { DeviceView, KpiView, LineView } from '../../../server/http/api-types';
import { describeError, isAbort, listDevices, listLines } from '../api-client';
import { downloadKpiCsv, getKpis, type KpiQuery } from '../analysis-client';
import { backlogChange, backlogTrend, kpiTiles, percent, periodWindow, precisionRows } from '../lib/kpi-tiles';
import { PRIORITIES } from '../lib/priority';
import { href, KPI_PERIODS, type KpiFilter } from '../lib/route';
import { signed } from '../lib/backtest-overlay';
import { throttle } from '../lib/throttle';
import { h, replaceChildren, svg } from '../ui/dom';
import { icons } from '../ui/icons';
import { emptyState, errorState, loadingState } from '../ui/states';
import { createTimeChart, type TimeChart } from '../ui/time-chart';
import { Disposer, type View, type ViewContext } from './view';

const PERIOD_LABEL: Record<KpiFilter['period'], string> = { '7d': '7 days', '30d': '30 days', '90d': '90 days' };

export function kpisView(ctx: ViewContext, filter: KpiFilter): View {
  const d = new Disposer();
  ctx.setTitle('KPIs');
  let chart: TimeChart | null = null;
  d.add(() => chart?.destroy());

  const q = (): KpiQuery => ({ ...periodWindow(filter.period, Date.now()), siteId: filter.siteId, lineId: filter.lineId, deviceId: filter.deviceId });
  const csvProblem = h('span', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'kpi-csv-problem' });
  const csvButton = h('button', { class: 'btn btn-secondary', type: 'button', 'data-testid': 'kpi-csv' }, svg(icons.arrowDown), 'Download CSV');
  csvButton.addEventListener('click', async () => {
    csvButton.disabled = true;
    csvProblem.hidden = true;
    try {
      csvButton.dataset.file = await downloadKpiCsv(q());
    } catch (err) {
      csvProblem.hidden = false;
      csvProblem.textContent = describeError(err);
    } finally {
      csvButton.disabled = false;
    }
  });

  const filters = h('div', { class: 'kpi-filters', 'data-testid': 'kpi-filters' });
  const content = h('div', { class: 'stack' }, loadingState('Loading KPIs…'));
  const el = h(
    'section',
    { class: 'page', 'data-testid': 'view-kpis' },
    h(
      'header',
      { class: 'page-header' },
      h('div', null, h('h1', { text: 'KPIs' }), h('p', { class: 'page-sub', text: `Maintenance performance over the last ${PERIOD_LABEL[filter.period]}, from work-order timelines.` })),
      h('div', { class: 'head-actions' }, csvButton, csvProblem),
    ),
    filters,
    content,
  );

  const go = (next: Partial<KpiFilter>) => (location.hash = href.kpis({ ...filter, ...next }));

  const renderFilters = (lines: LineView[], devices: DeviceView[]) => {
    const sites = [...new Set(lines.map((l) => l.siteId))];
    const select = (testId: string, label: string, value: string | null, options: Array<[string, string]>, onChange: (v: string | null) => void) =>
      h(
        'label',
        { class: 'field field-inline' },
        h('span', { class: 'field-label', text: label }),
        h(
          'select',
          { class: 'input', 'data-testid': testId, on: { change: (e) => onChange((e.target as HTMLSelectElement).value || null) } },
          h('option', { value: '', text: `All` }),
          ...options.map(([v, t]) => h('option', { value: v, text: t, selected: v === value })),
        ),
      );
    const inLine = filter.lineId ? devices.filter((x) => x.lineId === filter.lineId) : filter.siteId ? devices.filter((x) => x.siteId === filter.siteId) : devices;
    replaceChildren(
      filters,
      h(
        'div',
        { class: 'segmented', role: 'radiogroup', 'aria-label': 'Period' },
        ...KPI_PERIODS.map((p) =>
          h('label', { class: 'segment' }, h('input', { type: 'radio', name: 'kpi-period', value: p, checked: p === filter.period, 'data-testid': `kpi-period-${p}`, on: { change: () => go({ period: p }) } }), h('span', { text: PERIOD_LABEL[p] })),
        ),
      ),
      select('kpi-site', 'Site', filter.siteId, sites.map((s) => [s, s]), (v) => go({ siteId: v, lineId: null, deviceId: null })),
      select('kpi-line', 'Line', filter.lineId, (filter.siteId ? lines.filter((l) => l.siteId === filter.siteId) : lines).map((l) => [l.id, l.name]), (v) => go({ lineId: v, deviceId: null })),
      select('kpi-device', 'Device', filter.deviceId, inLine.map((x) => [x.id, `${x.id} · ${x.name}`]), (v) => go({ deviceId: v })),
    );
  };

  const render = (view: KpiView) => {
    chart?.destroy();
    chart = null;
    const nothing = view.mtta.count === 0 && view.mttr.count === 0 && view.backlog.open === 0 && view.mtbf.failures === 0 && view.backlog.trend.every((p) => p.open === 0);
    if (nothing) {
      replaceChildren(content, emptyState('No work orders in this period and scope', 'KPIs appear once orders are raised and worked. Try a longer period or a wider scope.', icons.inbox));
      return;
    }
    const tiles = h(
      'div',
      { class: 'kpi-tiles', 'data-testid': 'kpi-tiles' },
      ...kpiTiles(view).map((t) =>
        h(
          'div',
          { class: `kpi-tile tone-${t.tone}`, 'data-testid': `kpi-tile-${t.key}` },
          h('span', { class: 'kpi-tile-label', text: t.label }),
          h('span', { class: 'kpi-tile-value', 'data-testid': 'kpi-value', text: t.value }),
          h('span', { class: 'kpi-tile-detail', text: t.detail }),
        ),
      ),
    );
    chart = createTimeChart({ label: 'Open orders', unit: 'orders', color: '#58a6ff', height: 220, testId: 'kpi-backlog-chart', points: true });
    const change = backlogChange(view);
    const byPriority = h(
      'div',
      { class: 'priority-counts' },
      ...PRIORITIES.map((p) => h('span', { class: `chip prio-chip${view.backlog.byPriority[p] ? ` prio-${p}` : ' is-zero'}`, 'data-testid': `backlog-${p}` }, h('strong', { text: p }), ` ${view.backlog.byPriority[p] ?? 0}`)),
    );
    const rows = precisionRows(view.rulePrecision);
    const precision = rows.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table precision-table', 'data-testid': 'kpi-precision' },
            h('thead', null, h('tr', null, ...['Rule', 'Precision', 'Confirmed', 'No fault', 'Open'].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : undefined, text: c })))),
            h(
              'tbody',
              null,
              ...rows.map((r) =>
                h(
                  'tr',
                  { dataset: { ruleId: r.ruleId } },
                  h('td', null, h('a', { class: 'mono', href: href.rule(r.ruleId), text: r.ruleId })),
                  h('td', { class: 'num', text: percent(r.precision) }),
                  h('td', { class: 'num', text: String(r.confirmed) }),
                  h('td', { class: 'num', text: String(r.noFaultFound) }),
                  h('td', { class: 'num', text: String(r.open) }),
                ),
              ),
            ),
          ),
        )
      : emptyState('No rule has raised an order yet', undefined, icons.bell);
    replaceChildren(
      content,
      tiles,
      h(
        'div',
        { class: 'kpi-grid' },
        h(
          'section',
          { class: 'panel', 'data-testid': 'kpi-backlog' },
          h('header', { class: 'panel-head' }, h('h2', { text: 'Backlog' }), h('span', { class: 'panel-head-aside', 'data-testid': 'kpi-backlog-change', text: change === null ? '' : `${signed(change)} over the period` })),
          byPriority,
          chart.el,
        ),
        h('section', { class: 'panel', 'data-testid': 'kpi-rule-precision' }, h('header', { class: 'panel-head' }, h('h2', { text: 'Rule precision' }), h('span', { class: 'panel-head-aside', text: 'Confirmed faults of all outcomes' })), precision),
      ),
    );
    chart.setData(backlogTrend(view), [view.from / 1000, view.to / 1000]);
  };

  const load = async (spinner: boolean) => {
    if (spinner) replaceChildren(content, loadingState('Loading KPIs…'));
    const signal = d.nextSignal();
    try {
      const [view, lines, devices] = await Promise.all([getKpis(q(), signal), listLines(signal), listDevices(signal)]);
      renderFilters(lines, devices);
      render(view);
    } catch (err) {
      if (isAbort(err)) return;
      replaceChildren(content, errorState(describeError(err), () => void load(true)));
    }
  };

  // Orders change often on a busy plant: refetch at most every 5 s.
  const reload = throttle(() => void load(false), 5000);
  d.add(() => reload.cancel());
  d.add(ctx.live.on('work-order', () => reload()));
  void load(true);
  return { el, refresh: () => void load(false), dispose: () => d.dispose() };
}
