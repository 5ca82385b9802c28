/**
 * The device page's range bar: Live, last hour/day/week (ending at the newest
 * sample), or a custom window from two date-time inputs.
 */
import { customWindow, HISTORY_LABEL, HISTORY_TITLE, presetWindow, toLocalInput, type HistoryChoice } from '../lib/history-range';
import { h } from './dom';

export interface HistoryRangeBar {
  el: HTMLElement;
}

const CHOICES: HistoryChoice[] = ['live', 'hour', 'day', 'week', 'custom'];

export function createHistoryRangeBar(options: { end(): number; onChange(choice: HistoryChoice, window: { from: number; to: number } | null): void }): HistoryRangeBar {
  const fromInput = h('input', { class: 'input', type: 'datetime-local', 'data-testid': 'history-from', 'aria-label': 'From' });
  const toInput = h('input', { class: 'input', type: 'datetime-local', 'data-testid': 'history-to', 'aria-label': 'To' });
  const problem = h('span', { class: 'field-problem', role: 'alert', hidden: true, 'data-testid': 'history-problem' });
  const apply = () => {
    const w = customWindow(fromInput.value, toInput.value);
    problem.hidden = !('error' in w);
    if ('error' in w) {
      problem.textContent = w.error;
      return;
    }
    options.onChange('custom', w);
  };
  const custom = h(
    'div',
    { class: 'history-custom', hidden: true },
    fromInput,
    h('span', { class: 'muted', text: '→' }),
    toInput,
    h('button', { class: 'btn btn-secondary btn-small', type: 'button', 'data-testid': 'history-apply', on: { click: apply } }, 'Show'),
    problem,
  );
  const select = (choice: HistoryChoice) => {
    el.dataset.choice = choice;
    custom.hidden = choice !== 'custom';
    if (choice === 'live') return options.onChange('live', null);
    if (choice === 'custom') {
      const end = options.end();
      if (!fromInput.value) fromInput.value = toLocalInput(end - 86_400_000);
      if (!toInput.value) toInput.value = toLocalInput(end);
      return;
    }
    options.onChange(choice, presetWindow(choice, options.end()));
  };
  const el = h(
    'div',
    { class: 'history-range', 'data-testid': 'history-range', dataset: { choice: 'live' } },
    h(
      'div',
      { class: 'segmented', role: 'radiogroup', 'aria-label': 'Time range' },
      ...CHOICES.map((c) =>
        h('label', { class: 'segment', title: HISTORY_TITLE[c] }, h('input', { type: 'radio', name: 'history-range', value: c, checked: c === 'live', 'data-testid': `history-${c}`, on: { change: () => select(c) } }), h('span', { text: HISTORY_LABEL[c] })),
      ),
    ),
    custom,
  );
  return { el };
}
