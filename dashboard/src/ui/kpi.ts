/** A headline number with a label, for page headers. */
import { h } from './dom';

export type KpiTone = '' | 'kpi-ok' | 'kpi-warn' | 'kpi-alarm' | 'kpi-active';

/** `short` replaces the label on narrow screens. */
export function kpi(label: string, value: string, tone: KpiTone = '', short?: string): HTMLElement {
  return h(
    'div',
    { class: `kpi ${tone}`, title: label },
    h('span', { class: 'kpi-value', text: value }),
    h('span', { class: short ? 'kpi-label kpi-label-long' : 'kpi-label', text: label }),
    short ? h('span', { class: 'kpi-label kpi-label-short', text: short }) : null,
  );
}
