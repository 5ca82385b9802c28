/**
 * The work-order queue table. Under ~700 px CSS turns each row into a card
 * (cells carry data-label for that). Rows open the detail page.
 */
import type { WorkOrderView } from '../../../server/http/api-types';
import { dueState } from '../lib/due-date';
import { href } from '../lib/route';
import { severityBadge, statusChip } from './badges';
import { holdReasonTag, priorityChip, slaChip, stalledTag } from './planning-badges';
import { createReconciler, h, svg } from './dom';
import { icons } from './icons';
import { timeAgo } from './relative-time';

export interface WorkOrderTableOptions {
  /** Show the device/line column (false on a device's own page). */
  showDevice: boolean;
  lineName: (lineId: string) => string;
  testId?: string;
}

export interface WorkOrderTable {
  el: HTMLElement;
  body: HTMLTableSectionElement;
  render(items: readonly WorkOrderView[]): { added: HTMLElement[]; changed: HTMLElement[] };
}

export function createWorkOrderTable(options: WorkOrderTableOptions): WorkOrderTable {
  const columns: Array<[key: string, label: string]> = [
    ['priority', 'Prio'],
    ['number', 'Number'],
    ['status', 'Status'],
    ['assignee', 'Assignee'],
    ['severity', 'Severity'],
    ...(options.showDevice ? [['device', 'Device · Line'] as [string, string]] : []),
    ['title', 'Title'],
    ['sla', 'SLA'],
    ['occurrences', 'Occ.'],
    ['age', 'Age'],
  ];
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'table wo-table', 'data-testid': options.testId ?? 'wo-table' },
    h('thead', null, h('tr', null, ...columns.map(([key, label]) => h('th', { scope: 'col', class: `col-${key}`, text: label })))),
    body,
  );
  const reconcile = createReconciler<WorkOrderView>(body, (o) => o.id, (o) => row(o, options));
  return { el: h('div', { class: 'table-wrap' }, table), body, render: reconcile };
}

function row(o: WorkOrderView, options: WorkOrderTableOptions): HTMLTableRowElement {
  const link = h('a', { class: 'wo-number mono', href: href.workOrder(o.id), text: o.number });
  const tr = h(
    'tr',
    {
      class: `wo-row sev-${o.severity ?? 'none'}`,
      'data-testid': 'wo-row',
      dataset: { number: o.number, id: o.id, status: o.status, severity: o.severity ?? 'none', priority: o.priority },
      on: {
        click: (ev) => {
          if ((ev.target as HTMLElement).closest('a, button')) return;
          location.hash = href.workOrder(o.id);
        },
      },
    },
    h('td', { class: 'col-priority', 'data-label': 'Priority' }, priorityChip(o.priority, { overridden: !!o.priorityOverride })),
    h('td', { class: 'col-number', 'data-label': 'Number' }, link),
    h('td', { class: 'col-status', 'data-label': 'Status' }, statusChip(o.status)),
    h('td', { class: 'col-assignee', 'data-label': 'Assignee' }, o.assignee ? h('span', { class: 'wo-assignee', 'data-testid': 'wo-assignee', text: o.assignee.name }) : h('span', { class: 'muted', text: '—' })),
    h('td', { class: 'col-severity', 'data-label': 'Severity' }, severityBadge(o.severity)),
    options.showDevice
      ? h(
          'td',
          { class: 'col-device', 'data-label': 'Device' },
          h('a', { class: 'device-link', href: href.device(o.deviceId), 'data-testid': 'wo-device-link', text: o.deviceName || o.deviceId }),
          h('span', { class: 'sub', text: options.lineName(o.lineId) }),
        )
      : null,
    h(
      'td',
      { class: 'col-title', 'data-label': 'Title' },
      h('span', { class: 'title-text', title: o.description || o.title, text: o.title }),
      rowTags(o),
    ),
    h('td', { class: 'col-sla', 'data-label': 'SLA' }, slaChip(o.sla, true)),
    h(
      'td',
      { class: 'col-occurrences num', 'data-label': 'Occurrences', title: 'Times detection saw this fault while the order was open' },
      o.occurrences > 1 ? h('span', { class: 'occ occ-many' }, svg(icons.repeat), `×${o.occurrences}`) : h('span', { class: 'occ', text: '×1' }),
    ),
    h('td', { class: 'col-age', 'data-label': 'Age' }, timeAgo(o.createdAt, 'wo-age')),
  );
  return tr;
}

/** Small flags under the title: not a detection, stops the line, on hold why, stalled, due / overdue. */
function rowTags(o: WorkOrderView): HTMLElement | null {
  const due = dueState(o.dueAt, o.status, Date.now());
  const tags = [
    o.type !== 'potential-fault' ? h('span', { class: 'tag', text: o.type.replace('-', ' ') }) : null,
    o.stopsLine ? h('span', { class: 'tag tag-alarm', 'data-testid': 'wo-stops-line' }, svg(icons.line), 'Stops line') : null,
    o.status === 'on-hold' ? holdReasonTag(o.holdReason) : null,
    o.sla?.stalled ? stalledTag() : null,
    due && due.tone !== 'later' ? h('span', { class: `tag tag-due due-${due.tone}` }, svg(icons.clock), due.text) : null,
    o.recurrenceOf ? h('span', { class: 'tag tag-warn' }, svg(icons.repeat), 'Recurrence') : null,
  ].filter((t): t is HTMLElement => t !== null);
  return tags.length ? h('span', { class: 'row-tags' }, ...tags) : null;
}
