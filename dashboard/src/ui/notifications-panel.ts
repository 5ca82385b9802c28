/** SLA notifications of one order (warnings, escalations, stall flags), oldest first, from GET /api/work-orders/:id/notifications. */
import type { WorkOrderNotificationView } from '../../../server/http/api-types';
import { describeError, isAbort, listWorkOrderNotifications } from '../api-client';
import { h, replaceChildren, svg } from './dom';
import { icons } from './icons';
import { clockTime, timeAgo } from './relative-time';

const KIND_LABEL: Record<WorkOrderNotificationView['kind'], string> = {
  'warn-assignee': 'Warning to the assignee',
  'escalate-supervisor': 'Escalated to the supervisor',
  'flag-stalled': 'Flagged as stalled',
};

const KIND_ICON: Record<WorkOrderNotificationView['kind'], string> = {
  'warn-assignee': icons.hourglass,
  'escalate-supervisor': icons.clockAlert,
  'flag-stalled': icons.stalled,
};

export function createNotificationsPanel(orderId: number): { el: HTMLElement; load(signal?: AbortSignal): Promise<void> } {
  const body = h('div', { class: 'notif-body' }, h('p', { class: 'muted pad', text: 'Loading notifications…' }));
  const count = h('span', { class: 'panel-head-aside' });
  const el = h('section', { class: 'panel notif-panel', 'data-testid': 'notifications' }, h('header', { class: 'panel-head' }, svg(icons.bell), h('h2', { text: 'Notifications' }), count), body);

  const render = (items: WorkOrderNotificationView[]) => {
    count.textContent = items.length ? `${items.length} sent` : '';
    if (items.length === 0) {
      replaceChildren(body, h('p', { class: 'muted pad', 'data-testid': 'notifications-empty', text: 'None sent: no SLA warning, escalation or stall so far.' }));
      return;
    }
    replaceChildren(
      body,
      h(
        'ol',
        { class: 'notif-list' },
        ...items.map((n) =>
          h(
            'li',
            { class: `notif notif-${n.kind}`, 'data-testid': 'notification', dataset: { kind: n.kind, target: n.target ?? undefined } },
            h('span', { class: 'notif-icon' }, svg(KIND_ICON[n.kind] ?? icons.bell)),
            h(
              'div',
              { class: 'notif-main' },
              h('p', { class: 'notif-title' }, h('strong', { text: KIND_LABEL[n.kind] ?? n.kind }), n.target ? h('span', { class: 'muted', text: ` · ${n.target} target` }) : null),
              h('p', { class: 'notif-message', text: n.message }),
              h(
                'p',
                { class: 'notif-meta' },
                n.to.length ? `To ${n.to.join(', ')}` : 'To nobody configured',
                n.cc.length ? ` · cc ${n.cc.join(', ')}` : '',
                ' · sent ',
                clockTime(n.sentAt),
                ' (',
                timeAgo(n.sentAt),
                ')',
              ),
            ),
          ),
        ),
      ),
    );
  };

  return {
    el,
    async load(signal) {
      try {
        render(await listWorkOrderNotifications(orderId, signal));
      } catch (err) {
        if (isAbort(err)) return;
        count.textContent = '';
        replaceChildren(body, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'notifications-error', text: `Could not load notifications: ${describeError(err)}` }));
      }
    },
  };
}
