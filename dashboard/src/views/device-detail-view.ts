/**
 * `#/devices/:id` — temperature, vibration and current for the last hour with
 * warn/alarm limits, sliding live from 'telemetry' events (redrawn at most
 * twice a second), the device's active work orders and maintenance plans
 * beside them. The range bar
 * switches to stored history (last hour/day/week or a custom window, up to
 * 100,000 samples per metric, zoomable).
 */
import type { DeviceView } from '../../../server/http/api-types';
import { ApiRequestError, describeError, getDevice, getTelemetry, isAbort, listMaintenancePlans, listWorkOrders } from '../api-client';
import { appendSamples, CHART_METRICS, emptySeries, seriesFromSamples, trimWindow, windowEnd, type TelemetrySeries } from '../lib/chart-data';
import { fact } from '../ui/facts';
import { href } from '../lib/route';
import { throttle } from '../lib/throttle';
import { applyWorkOrderEvent, initialListState, type WorkOrderListState } from '../lib/work-order-list-state';
import { classLabel, criticalityBadge, livenessBadge } from '../ui/badges';
import { flash, h, replaceChildren, svg } from '../ui/dom';
import { icons } from '../ui/icons';
import { createDeviceHistory } from '../ui/device-history';
import { createHistoryRangeBar } from '../ui/history-range-bar';
import { createMaintenancePlansPanel } from '../ui/maintenance-plans-panel';
import { createMetricPanel } from '../ui/metric-panel';
import { timeAgo } from '../ui/relative-time';
import { emptyState, errorState, loadingState } from '../ui/states';
import { createWorkOrderTable } from '../ui/work-order-table';
import { Disposer, type View, type ViewContext } from './view';

const WINDOW_MS = 60 * 60_000;

export function deviceDetailView(ctx: ViewContext, deviceId: string): View {
  const d = new Disposer();
  ctx.setTitle(deviceId);

  let series: TelemetrySeries = emptySeries();
  let orders: WorkOrderListState | null = null;
  let device: DeviceView | null = null;

  const panels = CHART_METRICS.map((m) => createMetricPanel(m));
  const header = h('div');
  const chartsNote = h('p', { class: 'muted small charts-note', 'data-testid': 'telemetry-note' });
  const ordersTable = createWorkOrderTable({ showDevice: false, lineName: (id) => ctx.catalog.lineName(id), testId: 'device-wo-table' });
  const ordersSlot = h('div', { class: 'panel-body' }, loadingState('Loading work orders…'));
  const liveCharts = h('div', { class: 'charts', 'data-testid': 'device-charts' }, ...panels.map((p) => p.el), chartsNote);
  const plans = createMaintenancePlansPanel();
  const history = createDeviceHistory(deviceId);
  d.add(() => history.destroy());
  const rangeBar = createHistoryRangeBar({
    end: () => windowEnd(series, Date.now()),
    onChange: (choice, window) => {
      const live = choice === 'live';
      liveCharts.hidden = !live;
      if (live) {
        history.el.remove();
        draw();
      } else {
        if (!history.el.isConnected) liveCharts.after(history.el);
        if (window) void history.load(window);
      }
    },
  });
  const body = h(
    'div',
    { class: 'device-body' },
    h('div', { class: 'device-charts-col' }, rangeBar.el, liveCharts),
    h(
      'section',
      { class: 'panel', 'data-testid': 'device-work-orders' },
      h(
        'header',
        { class: 'panel-head' },
        h('h2', { text: 'Active work orders' }),
        h(
          'span',
          { class: 'panel-head-aside head-actions' },
          ctx.session.can('create-order')
            ? h('a', { class: 'btn btn-secondary btn-small', href: href.newWorkOrder(deviceId), 'data-testid': 'new-order-button' }, svg(icons.plus), 'New work order')
            : null,
          h('a', { href: href.workOrders('all'), text: 'All work orders →' }),
        ),
      ),
      ordersSlot,
    ),
    plans.el,
  );
  const content = h('div', null, loadingState('Loading device…'));
  const el = h(
    'section',
    { class: 'page', 'data-testid': 'view-device', dataset: { deviceId } },
    h('a', { class: 'back-link', href: href.devices() }, svg(icons.chevronLeft), 'Devices'),
    content,
  );

  const draw = () => {
    const end = windowEnd(series, Date.now());
    series = trimWindow(series, WINDOW_MS, end);
    for (const p of panels) p.draw(series, [end - WINDOW_MS, end]);
    chartsNote.textContent = series.ts.length
      ? `Last hour · ${series.ts.length.toLocaleString('en')} samples · live`
      : 'No samples in the last hour. The device may be offline or not reporting yet.';
  };
  const redraw = throttle(draw, 500);
  d.add(() => redraw.cancel());

  const renderOrders = (highlight: { added: HTMLElement[]; changed: HTMLElement[] } | null = null) => {
    if (!orders) return;
    if (orders.items.length === 0) {
      ordersTable.render([]);
      replaceChildren(ordersSlot, emptyState('No active work orders for this device', 'Detection opens one when a limit is crossed for long enough.', icons.resolved));
      return;
    }
    if (!ordersTable.el.isConnected) replaceChildren(ordersSlot, ordersTable.el);
    const result = ordersTable.render(orders.items);
    if (highlight !== null) {
      for (const r of result.added) flash(r, 'row-new', 2600);
      for (const r of result.changed) flash(r, 'row-updated', 1600);
    }
  };

  // Plans are secondary: their failure shows in their panel, not over the whole page.
  const loadPlans = async (runningHours: number, signal: AbortSignal) => {
    try {
      plans.render(await listMaintenancePlans(deviceId, signal), runningHours);
    } catch (err) {
      if (!isAbort(err)) plans.fail(describeError(err), () => void loadPlans(runningHours, d.nextSignal()));
    }
  };

  const load = async (spinner: boolean) => {
    if (spinner) replaceChildren(content, loadingState('Loading device…'));
    const signal = d.nextSignal();
    try {
      const [dev, telemetry, wo] = await Promise.all([
        getDevice(deviceId, signal),
        getTelemetry(deviceId, signal),
        listWorkOrders({ filter: 'active', deviceId, signal }),
        ctx.catalog.loadLines(),
      ]);
      device = dev;
      ctx.setTitle(dev.name);
      // Keep live samples that arrived while the request was in flight.
      const fetched = seriesFromSamples(telemetry.points);
      series = appendSamples(fetched, [...rows(series)], WINDOW_MS, windowEnd(fetched, Math.max(Date.now(), telemetry.to)));
      for (const p of panels) p.setLimits(telemetry.limits);
      orders = initialListState('active', wo.items, wo.total, deviceId);
      replaceChildren(header, renderHeader(dev, ctx.catalog.lineName(dev.lineId)));
      if (!body.isConnected) replaceChildren(content, header, body);
      renderOrders();
      draw();
      void loadPlans(dev.runningHours, signal);
    } catch (err) {
      if (isAbort(err)) return;
      if (err instanceof ApiRequestError && err.status === 404) {
        replaceChildren(content, emptyState(`No device "${deviceId}"`, 'It is not in the plant file, or the link is wrong.', icons.device));
      } else replaceChildren(content, errorState(describeError(err), () => void load(true)));
    }
  };

  d.add(
    ctx.live.on('telemetry', ({ points }) => {
      const mine = (points ?? []).filter((p) => p.deviceId === deviceId);
      if (mine.length === 0) return;
      const newest = Math.max(...mine.map((p) => p.ts));
      series = appendSamples(series, mine, WINDOW_MS, Math.max(windowEnd(series, Date.now()), newest));
      // lastSeenAt is wall-clock arrival time (sample times may run ahead in a simulated plant).
      const seenAt = Date.now();
      if (device && device.liveness !== 'online') {
        device = { ...device, lastSeenAt: seenAt, liveness: 'online' };
        header.querySelector('[data-testid="device-liveness"]')?.replaceChildren(livenessBadge('online'));
      }
      header.querySelector('[data-testid="device-last-seen"]')?.replaceChildren(timeAgo(seenAt));
      if (body.isConnected && !liveCharts.hidden) redraw();
    }),
  );
  d.add(
    ctx.live.on('work-order', (ev) => {
      if (!orders) return;
      const r = applyWorkOrderEvent(orders, ev);
      if (r.change === 'ignored') return;
      orders = r.state;
      renderOrders({ added: [], changed: [] });
    }),
  );
  // Slide the window even when the device is quiet.
  d.interval(() => body.isConnected && !liveCharts.hidden && redraw(), 5000);
  d.add(() => panels.forEach((p) => p.destroy()));

  void load(true);
  return { el, refresh: () => void load(false), dispose: () => d.dispose() };
}

function* rows(s: TelemetrySeries) {
  for (let i = 0; i < s.ts.length; i++) {
    yield { ts: s.ts[i]!, temperature: s.temperature[i]!, vibration: s.vibration[i]!, current: s.current[i]! };
  }
}

function renderHeader(x: DeviceView, lineName: string): HTMLElement {
  return h(
    'header',
    { class: 'panel device-header', 'data-testid': 'device-header' },
    h(
      'div',
      { class: 'wo-header-top' },
      h('span', { 'data-testid': 'device-liveness' }, livenessBadge(x.liveness)),
      h('span', { class: 'mono muted', text: x.id }),
    ),
    h('h1', { class: 'wo-title', text: x.name }),
    h(
      'dl',
      { class: 'facts' },
      fact('Line', h('span', null, svg(icons.line), lineName)),
      fact('Class', h('span', { text: classLabel(x.class) })),
      fact('Criticality', criticalityBadge(x.criticality)),
      fact('Rated current', h('span', { text: `${x.ratedCurrent} A` })),
      fact('Running hours', h('span', { text: `${Math.round(x.runningHours).toLocaleString('en')} h` })),
      secondary(fact('Insulation', h('span', { text: `Class ${x.insulationClass}` }))),
      secondary(fact('Foundation', h('span', { text: x.foundation }))),
      fact('Last seen', h('span', { 'data-testid': 'device-last-seen' }, x.lastSeenAt === null ? 'never' : timeAgo(x.lastSeenAt))),
      secondary(fact('Agent', h('span', { class: 'mono', text: x.agentId }))),
    ),
  );
}

/** Facts a phone can do without (hidden under ~700 px). */
function secondary(el: HTMLElement): HTMLElement {
  el.classList.add('fact-secondary');
  return el;
}
