/** Loading, empty and error placeholders, the same everywhere. */
import { h, svg } from './dom';
import { icons } from './icons';

export function loadingState(text = 'Loading…'): HTMLElement {
  return h(
    'div',
    { class: 'state state-loading', 'data-testid': 'loading-state', role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('span', { text }),
  );
}

export function emptyState(title: string, detail?: string, icon: string = icons.inbox): HTMLElement {
  return h(
    'div',
    { class: 'state state-empty', 'data-testid': 'empty-state' },
    svg(icon, 'icon state-icon'),
    h('p', { class: 'state-title', text: title }),
    detail ? h('p', { class: 'state-detail', text: detail }) : null,
  );
}

export function errorState(message: string, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'state state-error', 'data-testid': 'error-state', role: 'alert' },
    svg(icons.alertCircle, 'icon state-icon'),
    h('p', { class: 'state-title', text: 'Could not load this view' }),
    h('p', { class: 'state-detail', text: message }),
    retry ? h('button', { class: 'btn btn-secondary', type: 'button', on: { click: retry } }, svg(icons.refresh), 'Try again') : null,
  );
}

/** Skeleton rows for tables while loading. */
export function skeletonRows(count: number, columns: number): HTMLElement[] {
  return Array.from({ length: count }, () =>
    h('tr', { class: 'skeleton-row', 'aria-hidden': 'true' }, ...Array.from({ length: columns }, () => h('td', null, h('span', { class: 'skeleton' })))),
  );
}
