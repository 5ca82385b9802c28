/**
 * A device's stored history for a chosen window: up to 100,000 samples per
 * metric in three zoomable charts with the limits drawn. Drag to zoom (all
 * three follow), pan with the arrows, double-click or "Fit" to see it all.
 * The render time of the last load is kept on the element (data-render-ms).
 */
import type { EffectiveLimitView } from '../../../server/http/api-types';
import { describeError, isAbort } from '../api-client';
import { getTelemetryRange } from '../analysis-client';
import { CHART_METRICS, limitLines, seriesFromSamples, toPlotColumns } from '../lib/chart-data';
import { ENVELOPE_BUCKETS, envelopeNote, envelopeSamples, HISTORY_POINT_LIMIT, historyNote } from '../lib/history-range';
import { h, replaceChildren, svg } from './dom';
import { icons } from './icons';
import { metricLongLabel, METRIC_STYLE } from './metric-style';
import { errorState, loadingState } from './states';
import { createTimeChart, type TimeChart } from './time-chart';

export interface DeviceHistory {
  el: HTMLElement;
  load(window: { from: number; to: number }): Promise<void>;
  destroy(): void;
}

export function createDeviceHistory(deviceId: string): DeviceHistory {
  let syncing = false;
  const charts: TimeChart[] = [];
  const follow = (source: TimeChart) => (min: number, max: number) => {
    if (syncing) return;
    syncing = true;
    for (const c of charts) if (c !== source) c.setXView(min, max);
    syncing = false;
  };
  for (const metric of CHART_METRICS) {
    const style = METRIC_STYLE[metric];
    let chart: TimeChart | null = null;
    chart = createTimeChart({ label: style.label, unit: style.unit, color: style.color, height: 200, testId: `history-chart-${metric}`, zoom: true, syncKey: 'device-history', onXView: (a, b) => chart && follow(chart)(a, b) });
    chart.el.dataset.metric = metric;
    charts.push(chart);
  }
  const note = h('p', { class: 'muted small charts-note', 'data-testid': 'history-note' });
  const pan = (fraction: number) => {
    const view = charts[0]!.xView();
    if (!view) return;
    const shift = (view[1] - view[0]) * fraction;
    charts[0]!.setXView(view[0] + shift, view[1] + shift);
  };
  let full: [number, number] | null = null;
  const tools = h(
    'div',
    { class: 'history-tools' },
    h('button', { class: 'btn btn-secondary btn-small', type: 'button', 'aria-label': 'Pan left', 'data-testid': 'history-pan-left', on: { click: () => pan(-0.5) } }, '◀'),
    h('button', { class: 'btn btn-secondary btn-small', type: 'button', 'aria-label': 'Pan right', 'data-testid': 'history-pan-right', on: { click: () => pan(0.5) } }, '▶'),
    h('button', { class: 'btn btn-secondary btn-small', type: 'button', 'data-testid': 'history-fit', on: { click: () => full && charts[0]!.setXView(full[0], full[1]) } }, 'Fit'),
  );
  const panels = CHART_METRICS.map((metric, i) =>
    h(
      'section',
      { class: 'panel metric-panel', 'data-testid': 'history-panel', dataset: { metric } },
      h(
        'header',
        { class: 'panel-head metric-head' },
        h('span', { class: 'metric-icon', style: { color: METRIC_STYLE[metric].color } }, svg(METRIC_STYLE[metric].icon)),
        h('div', { class: 'metric-title' }, h('h2', { text: metricLongLabel(metric) }), h('span', { class: 'metric-limits muted', dataset: { role: 'limits' } })),
      ),
      charts[i]!.el,
    ),
  );
  const body = h('div', { class: 'charts' }, ...panels, h('div', { class: 'history-foot' }, note, tools));
  const el = h('div', { class: 'device-history', 'data-testid': 'device-history' }, body);
  let controller: AbortController | null = null;

  const setLimits = (limits: readonly EffectiveLimitView[]) => {
    CHART_METRICS.forEach((metric, i) => {
      const lines = limitLines(limits, metric, METRIC_STYLE[metric].unit);
      charts[i]!.setLines(lines);
      const text = panels[i]!.querySelector('[data-role="limits"]');
      if (text) text.textContent = lines.length ? lines.map((l) => l.label).join(' · ') : 'No limits configured';
    });
  };

  return {
    el,
    async load(window) {
      controller?.abort();
      controller = new AbortController();
      el.dataset.state = 'loading';
      const spinner = loadingState(`Loading samples ${new Date(window.from).toLocaleString()} – ${new Date(window.to).toLocaleString()}…`);
      replaceChildren(el, spinner);
      try {
        let t = await getTelemetryRange(deviceId, window, controller.signal);
        // More samples than one answer holds: show the whole range as min/max per slice instead of its first part.
        const more = t.points.length >= HISTORY_POINT_LIMIT && (await getTelemetryRange(deviceId, { from: t.points[t.points.length - 1]!.ts + 1, to: window.to }, controller.signal, 1)).points.length > 0;
        if (more) t = await getTelemetryRange(deviceId, window, controller.signal, HISTORY_POINT_LIMIT, ENVELOPE_BUCKETS);
        replaceChildren(el, body);
        const series = seriesFromSamples(t.downsampled ? envelopeSamples(t.downsampled) : t.points);
        const started = performance.now();
        setLimits(t.limits);
        const [xs, ...columns] = toPlotColumns(series.ts, CHART_METRICS.map((m) => series[m]));
        CHART_METRICS.forEach((_m, i) => charts[i]!.setData([xs, columns[i]!]));
        // uPlot draws on the next microtask; the frame after that shows it.
        await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
        el.dataset.renderMs = (performance.now() - started).toFixed(1);
        el.dataset.pointCount = String(series.ts.length);
        el.dataset.downsampled = String(t.downsampled !== undefined);
        el.dataset.state = 'ready';
        const last = series.ts[series.ts.length - 1] ?? null;
        full = series.ts.length ? [series.ts[0]! / 1000, last! / 1000] : null;
        note.textContent = t.downsampled ? envelopeNote(t.downsampled) : historyNote(series.ts.length, last, false);
      } catch (err) {
        if (isAbort(err)) return;
        el.dataset.state = 'error';
        replaceChildren(el, errorState(describeError(err), () => void this.load(window)));
      }
    },
    destroy() {
      controller?.abort();
      charts.forEach((c) => c.destroy());
    },
  };
}
