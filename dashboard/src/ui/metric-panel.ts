/** One metric of one device: latest value against its limits, and a live chart of the window. */
import type { Metric } from '../../../contract/metrics';
import type { EffectiveLimitView } from '../../../server/http/api-types';
import { formatValue, limitLines, limitState, toPlotData, type TelemetrySeries } from '../lib/chart-data';
import { h, svg } from './dom';
import { metricLongLabel, METRIC_STYLE } from './metric-style';
import { createTimeChart, type TimeChart } from './time-chart';

export interface MetricPanel {
  el: HTMLElement;
  setLimits(limits: readonly EffectiveLimitView[]): void;
  draw(series: TelemetrySeries, window: [from: number, to: number]): void;
  destroy(): void;
}

const STATE_TEXT = { ok: 'Within limits', warn: 'Above warn', alarm: 'Above alarm' } as const;

export function createMetricPanel(metric: Metric): MetricPanel {
  const style = METRIC_STYLE[metric];
  const chart: TimeChart = createTimeChart({
    label: style.label,
    unit: style.unit,
    color: style.color,
    height: 190,
    testId: `device-chart-${metric}`,
    syncKey: 'device-telemetry',
  });
  chart.el.dataset.metric = metric;
  const value = h('span', { class: 'metric-value', 'data-testid': `metric-value-${metric}`, text: '–' });
  const state = h('span', { class: 'metric-state' });
  const limitsText = h('span', { class: 'metric-limits muted' });
  let limits: readonly EffectiveLimitView[] = [];

  const el = h(
    'section',
    { class: 'panel metric-panel', 'data-testid': 'device-chart', dataset: { metric } },
    h(
      'header',
      { class: 'panel-head metric-head' },
      h('span', { class: 'metric-icon', style: { color: style.color } }, svg(style.icon)),
      h('div', { class: 'metric-title' }, h('h2', { text: metricLongLabel(metric) }), limitsText),
      h('div', { class: 'metric-readout' }, value, h('span', { class: 'metric-unit', text: style.unit }), state),
    ),
    chart.el,
  );

  return {
    el,
    setLimits(next) {
      limits = next;
      const lines = limitLines(next, metric, style.unit);
      chart.setLines(lines);
      limitsText.textContent = lines.length ? lines.map((l) => l.label).join(' · ') : 'No limits configured';
    },
    draw(series, [from, to]) {
      chart.setData(toPlotData(series.ts, series[metric]), [from / 1000, to / 1000]);
      const last = series[metric][series[metric].length - 1];
      if (last === undefined) {
        value.textContent = '–';
        state.replaceChildren();
        el.dataset.state = 'none';
        return;
      }
      value.textContent = formatValue(last);
      const s = limitState(last, limits, metric);
      el.dataset.state = s;
      const below = s !== 'ok' && limits.some((l) => l.metric === metric && l.direction === 'below' && last <= l.warn);
      state.className = `metric-state state-${s}`;
      state.textContent = below ? STATE_TEXT[s].replace('Above', 'Below') : STATE_TEXT[s];
    },
    destroy: () => chart.destroy(),
  };
}
