/** The sensor evidence behind a potential-fault order: what crossed which limit, and the chart. */
import type { EvidenceView } from '../../../server/http/api-types';
import { evidenceData, evidenceLines, formatValue } from '../lib/chart-data';
import { formatDuration } from '../lib/time-format';
import { fact } from './facts';
import { h, svg } from './dom';
import { icons } from './icons';
import { metricLongLabel, METRIC_STYLE } from './metric-style';
import { emptyState } from './states';
import { createTimeChart, type TimeChart } from './time-chart';

export interface EvidencePanel {
  el: HTMLElement;
  update(evidence: EvidenceView | null): void;
  destroy(): void;
}

export function createEvidencePanel(): EvidencePanel {
  const el = h('section', { class: 'panel evidence', 'data-testid': 'evidence' });
  let chart: TimeChart | null = null;
  let shown: EvidenceView | null | undefined;

  const destroyChart = () => {
    chart?.destroy();
    chart = null;
  };

  return {
    el,
    update(evidence) {
      // Evidence is a snapshot taken at detection; re-render only when it changes.
      if (shown !== undefined && JSON.stringify(shown) === JSON.stringify(evidence)) return;
      shown = evidence;
      destroyChart();
      if (!evidence) {
        el.replaceChildren(
          panelHead('Evidence'),
          emptyState('No sensor evidence', 'This order was raised by a person, not by condition monitoring.', icons.comment),
        );
        return;
      }
      const style = METRIC_STYLE[evidence.metric];
      const above = evidence.rule.direction === 'above';
      chart = createTimeChart({
        label: style.label,
        unit: evidence.unit,
        color: style.color,
        height: 260,
        testId: 'evidence-chart',
        points: evidence.recent.length <= 120,
        markerRoom: true,
      });
      el.replaceChildren(
        panelHead(`Evidence · ${metricLongLabel(evidence.metric)}`, style.icon),
        h(
          'p',
          { class: 'evidence-summary' },
          h('strong', { class: `sev-text-${evidence.severity}`, text: `${formatValue(evidence.value)} ${evidence.unit}` }),
          ` ${above ? 'reached' : 'fell to'} the ${evidence.severity} limit of `,
          h('strong', { text: `${formatValue(evidence.limit)} ${evidence.unit}` }),
          ` and stayed ${above ? 'above' : 'below'} it for at least ${formatDuration(evidence.rule.minDurationMs)}.`,
        ),
        h(
          'dl',
          { class: 'facts facts-inline' },
          fact('Rule', `${evidence.ruleId} v${evidence.ruleVersion}`),
          fact('Warn / alarm', `${formatValue(evidence.rule.warn)} / ${formatValue(evidence.rule.alarm)} ${evidence.unit}`),
          fact(above ? 'Clears below' : 'Clears above', `${formatValue(evidence.rule.clear)} ${evidence.unit}`),
          fact('Condition held', formatDuration(evidence.detectedAt - evidence.startedAt)),
        ),
        chart.el,
      );
      chart.setLines(evidenceLines(evidence));
      chart.setMarkers([
        { ts: evidence.startedAt, label: 'condition started' },
        { ts: evidence.detectedAt, label: 'detected' },
      ]);
      chart.setData(evidenceData(evidence));
    },
    destroy: destroyChart,
  };
}

function panelHead(title: string, icon?: string): HTMLElement {
  return h('header', { class: 'panel-head' }, icon ? svg(icon) : null, h('h2', { text: title }));
}

