/**
 * `#/work-orders/:id` — header (priority, SLA, hold reason), next step,
 * priority with its reasons and the override, SLA targets, evidence chart,
 * SLA notifications, timeline and comments. Actions show by role.
 */
import { ApiRequestError, describeError, getWorkOrder, isAbort, type WorkOrderDetail } from '../api-client';
import { ACTION_ROLES, ROLE_LABEL } from '../lib/permissions';
import { href } from '../lib/route';
import { throttle } from '../lib/throttle';
import { createAssignPanel } from '../ui/assign-panel';
import { createCommentBox } from '../ui/comment-box';
import { flash, h, replaceChildren, svg } from '../ui/dom';
import { createEvidencePanel } from '../ui/evidence-panel';
import { icons } from '../ui/icons';
import { createNotificationsPanel } from '../ui/notifications-panel';
import { renderOutcome } from '../ui/outcome-summary';
import { createPriorityPanel } from '../ui/priority-panel';
import { createSimilarOrdersPanel } from '../ui/similar-orders-panel';
import { createSlaPanel } from '../ui/sla-panel';
import { emptyState, errorState, loadingState } from '../ui/states';
import { renderTimeline } from '../ui/timeline';
import { createTransitionActions } from '../ui/transition-actions';
import { renderWorkOrderHeader } from '../ui/work-order-header';
import { Disposer, type View, type ViewContext } from './view';

export function workOrderDetailView(ctx: ViewContext, id: number): View {
  const d = new Disposer();
  ctx.setTitle(`Work order #${id}`);

  let order: WorkOrderDetail | null = null;
  const header = h('div', { class: 'wo-header-slot' });
  const evidence = createEvidencePanel();
  const actions = createTransitionActions(() => void load(false));
  const timelineSlot = h('div', { class: 'timeline-slot' });
  const outcomeSlot = h('div', { class: 'outcome-summary-slot' });
  const comments = ctx.session.can('comment') ? createCommentBox(() => order?.id ?? null, () => void load(false)) : null;
  const priority = createPriorityPanel(() => void load(false));
  const assignment = createAssignPanel(() => void load(false));
  const sla = createSlaPanel();
  const notifications = createNotificationsPanel(id);
  const similar = createSimilarOrdersPanel(id);
  const body = h(
    'div',
    { class: 'detail-grid' },
    h(
      'div',
      { class: 'detail-main' },
      outcomeSlot,
      h('div', { class: 'planning-grid' }, sla.el, priority.el),
      evidence.el,
      similar.el,
      h('section', { class: 'panel description', 'data-testid': 'wo-description' }),
      notifications.el,
    ),
    h(
      'div',
      { class: 'detail-side' },
      actions.el,
      assignment.el,
      h('section', { class: 'panel timeline-panel' }, h('header', { class: 'panel-head' }, h('h2', { text: 'Timeline' })), timelineSlot, comments),
    ),
  );
  const role = ctx.session.me?.role;
  const readOnly = ctx.session.can('transition')
    ? null
    : `Signed in as ${role ? ROLE_LABEL[role].toLowerCase() : 'nobody'}: only ${ACTION_ROLES.transition.map((r) => `${ROLE_LABEL[r].toLowerCase()}s`).join(', ')} change the status.`;
  const content = h('div', null, loadingState('Loading work order…'));
  const el = h(
    'section',
    { class: 'page', 'data-testid': 'view-work-order', dataset: { id } },
    h('a', { class: 'back-link', href: href.workOrders() }, svg(icons.chevronLeft), 'Work orders'),
    content,
  );

  const render = (wo: WorkOrderDetail, highlight: boolean) => {
    const first = order === null;
    order = wo;
    el.dataset.status = wo.status;
    ctx.setTitle(`${wo.number} · ${wo.title}`);
    replaceChildren(header, renderWorkOrderHeader(wo, ctx.catalog.lineName(wo.lineId)));
    replaceChildren(outcomeSlot, wo.outcome ? renderOutcome(wo.outcome) : null);
    outcomeSlot.hidden = !wo.outcome;
    if (highlight) flash(header, 'flash', 1600);
    const description = body.querySelector('.description') as HTMLElement;
    description.hidden = !wo.description;
    replaceChildren(description, h('header', { class: 'panel-head' }, h('h2', { text: 'Description' })), h('p', { class: 'prose', text: wo.description }));
    actions.update({
      id: wo.id,
      status: wo.status,
      type: wo.type,
      allowed: wo.allowedTransitions ?? null,
      outcome: wo.outcome ?? null,
      failureMode: wo.failureMode ?? null,
      readOnly,
    });
    priority.update(wo, ctx.session.can('override-priority'));
    assignment.update(wo, ctx.session.can('assign'));
    sla.update(wo.sla);
    replaceChildren(timelineSlot, renderTimeline(wo.timeline));
    if (first) replaceChildren(content, header, body);
    evidence.update(wo.evidence);
  };

  const load = async (showSpinner: boolean, highlight = false) => {
    if (showSpinner) replaceChildren(content, loadingState('Loading work order…'));
    const signal = d.nextSignal();
    try {
      const [wo] = await Promise.all([getWorkOrder(id, signal), ctx.catalog.loadLines()]);
      render(wo, highlight);
      void notifications.load(signal);
      void similar.load(signal);
    } catch (err) {
      if (isAbort(err)) return;
      order = null;
      if (err instanceof ApiRequestError && err.status === 404) {
        replaceChildren(content, emptyState(`Work order #${id} does not exist`, 'It may have been removed, or the link is wrong.', icons.inbox));
      } else replaceChildren(content, errorState(describeError(err), () => void load(true)));
    }
  };

  const liveReload = throttle(() => void load(false, true), 500);
  d.add(() => liveReload.cancel());
  d.add(
    ctx.live.on('work-order', (ev) => {
      if (ev.workOrder.id === id && (!order || ev.workOrder.updatedAt >= order.updatedAt)) liveReload();
    }),
  );
  d.add(() => evidence.destroy());
  d.add(() => assignment.destroy());
  // SLA clocks move on between events: keep the panel's "left" and states true.
  d.interval(() => order && sla.update(order.sla), 30_000);

  void load(true);
  return { el, refresh: () => void load(false), dispose: () => d.dispose() };
}
