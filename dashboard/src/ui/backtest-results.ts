/**
 * A backtest's outcome on the tuning page: the summary table (current vs
 * candidate and the difference), the order diff, and one chart per device
 * with both sets of limits and both rows of would-be alerts.
 */
import type { BacktestResultView, TelemetryView } from '../../../server/http/api-types';
import { candidateLimits, overlayBands, summaryRows, type Limits } from '../lib/backtest-overlay';
import { toPlotData } from '../lib/chart-data';
import { isThreshold, type RuleLike } from '../lib/rule-editor';
import { createBacktestChart, BAND_STYLE, type BacktestChart } from './backtest-chart';
import { h } from './dom';
import { METRIC_STYLE } from './metric-style';

export interface BacktestResults {
  el: HTMLElement;
  destroy(): void;
}

export function createBacktestResults(result: BacktestResultView, rule: RuleLike, candidate: Record<string, unknown>, telemetry: ReadonlyMap<string, TelemetryView>): BacktestResults {
  const charts: BacktestChart[] = [];
  const metric = rule.metric;
  const style = METRIC_STYLE[metric] ?? { label: metric, unit: '', color: '#58a6ff' };
  const rows = summaryRows(result);

  const summary = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table backtest-summary', 'data-testid': 'backtest-summary' },
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: 'Over the replayed range' }), h('th', { scope: 'col', class: 'num', text: 'Current' }), h('th', { scope: 'col', class: 'num', text: 'Candidate' }), h('th', { scope: 'col', class: 'num', text: 'Difference' }))),
      h(
        'tbody',
        null,
        ...rows.map((r) =>
          h(
            'tr',
            { dataset: { row: r.key } },
            h('th', { scope: 'row', text: r.label }),
            h('td', { class: 'num', 'data-testid': `summary-current-${r.key}`, text: r.current }),
            h('td', { class: 'num', 'data-testid': `summary-candidate-${r.key}`, text: r.candidate }),
            h('td', { class: `num diff ${r.better === true ? 'is-better' : r.better === false ? 'is-worse' : ''}`, 'data-testid': `summary-diff-${r.key}`, text: r.diff }),
          ),
        ),
      ),
    ),
  );
  const c = result.diff.counts;
  const diffLine = h(
    'p',
    { class: 'muted small backtest-diff', 'data-testid': 'backtest-diff' },
    h('span', { text: `Work orders raised only by the candidate: ${c.onlyCandidate} · only by the current rules: ${c.onlyCurrent} · by both: ${c.both}` }),
    h('br'),
    h('span', { text: `${result.points.toLocaleString('en')} samples replayed through both rule sets on ${result.deviceIds.length} device${result.deviceIds.length === 1 ? '' : 's'}.` }),
  );
  const warnings = result.warnings.length ? h('ul', { class: 'backtest-warnings' }, ...result.warnings.map((w) => h('li', { text: w }))) : null;

  const legend = h(
    'div',
    { class: 'backtest-legend', 'aria-label': 'Legend' },
    h('span', { class: 'legend-item legend-current' }, h('span', { class: 'legend-swatch', 'aria-hidden': 'true' }), `${BAND_STYLE.current.label} rules: solid bars, ● at each alert, dashed limits`),
    h('span', { class: 'legend-item legend-candidate' }, h('span', { class: 'legend-swatch', 'aria-hidden': 'true' }), `${BAND_STYLE.candidate.label}: hatched bars, ▲ at each alert, solid limits`),
  );

  // Charts for the devices whose history was loaded; the summary covers every replayed device.
  const chartPanels = result.deviceIds.filter((id) => telemetry.has(id)).map((deviceId) => {
    const t = telemetry.get(deviceId);
    const chart = createBacktestChart({ label: style.label, unit: style.unit, color: '#8b949e', testId: `backtest-chart-${deviceId}` });
    charts.push(chart);
    const points = t?.points ?? [];
    chart.setData(
      toPlotData(
        points.map((p) => p.ts),
        points.map((p) => p[metric]),
      ),
      [result.from / 1000, result.to / 1000],
    );
    // Limits are levels of the metric only for threshold rules; other kinds' numbers mean something else (σ, hours, per minute).
    const resolved = isThreshold(rule) ? (t?.limits.find((l) => l.ruleId === rule.id) ?? null) : null;
    const current: Limits | null = resolved ? { warn: resolved.warn, alarm: resolved.alarm, clear: resolved.clear } : null;
    const cand = current && isThresholdLike(candidate) ? candidateLimits(current, rule, candidate) : null;
    const bands = overlayBands(result, deviceId, metric);
    chart.setOverlay({ current, candidate: cand, bands });
    return h(
      'section',
      { class: 'panel backtest-device', 'data-testid': 'backtest-device', dataset: { deviceId, currentAlerts: bands.current.length, candidateAlerts: bands.candidate.length } },
      h(
        'header',
        { class: 'panel-head' },
        h('h2', { text: deviceId }),
        h('span', { class: 'panel-head-aside', text: `${points.length.toLocaleString('en')} samples · ${bands.current.length} current / ${bands.candidate.length} candidate alerts` }),
      ),
      chart.el,
    );
  });

  const el = h(
    'div',
    { class: 'backtest-results', 'data-testid': 'backtest-results' },
    h('section', { class: 'panel' }, h('header', { class: 'panel-head' }, h('h2', { text: 'Backtest summary' })), summary, diffLine, warnings),
    legend,
    h('div', { class: 'backtest-charts' }, ...chartPanels),
  );
  return { el, destroy: () => charts.forEach((ch) => ch.destroy()) };
}

function isThresholdLike(t: Record<string, unknown>): t is { basis: RuleLike['basis']; warn: number; alarm: number; clear: number } {
  return typeof t.basis === 'string' && typeof t.warn === 'number' && typeof t.alarm === 'number' && typeof t.clear === 'number';
}
