/** Priority toggles for the queue (P0..P4, several at once); links, so the filter lives in the URL. */
import type { Priority } from '../../../server/http/api-types';
import { PRIORITIES, PRIORITY_LABEL, togglePriority } from '../lib/priority';
import { href, type StatusFilter } from '../lib/route';
import { h, svg } from './dom';
import { icons } from './icons';

const ICON: Record<Priority, string> = { P0: icons.p0, P1: icons.p1, P2: icons.p2, P3: icons.p3, P4: icons.p4 };

export function priorityFilter(status: StatusFilter, current: readonly Priority[]): HTMLElement {
  return h(
    'nav',
    { class: 'filter-bar prio-filter', 'aria-label': 'Filter by priority', 'data-testid': 'priority-filter' },
    h('a', { class: `filter${current.length === 0 ? ' is-active' : ''}`, href: href.workOrders(status, []), 'data-testid': 'priority-filter-all', 'aria-current': current.length === 0 ? 'true' : undefined }, 'Any priority'),
    ...PRIORITIES.map((p) => {
      const on = current.includes(p);
      return h(
        'a',
        {
          class: `filter prio-toggle prio-${p}${on ? ' is-active' : ''}`,
          href: href.workOrders(status, togglePriority(current, p)),
          title: `${p}: ${PRIORITY_LABEL[p]}${on ? ' (shown; click to remove)' : ''}`,
          'aria-pressed': on ? 'true' : 'false',
          'data-testid': `priority-filter-${p}`,
        },
        svg(ICON[p]),
        p,
      );
    }),
  );
}
