/** `#/work-orders/new` (`?deviceId=` preselects) — report a fault or plan work. Opens the new order when created. */
import { createWorkOrder, describeError, isAbort, listDevices } from '../api-client';
import { ACTION_ROLES, ROLE_LABEL } from '../lib/permissions';
import { href } from '../lib/route';
import { h, replaceChildren, svg } from '../ui/dom';
import { icons } from '../ui/icons';
import { createNewOrderForm } from '../ui/new-order-form';
import { emptyState, errorState, loadingState } from '../ui/states';
import { Disposer, type View, type ViewContext } from './view';

export function newWorkOrderView(ctx: ViewContext, deviceId: string | null): View {
  const d = new Disposer();
  ctx.setTitle('New work order');
  const back = deviceId ? href.device(deviceId) : href.workOrders();
  const content = h('div', null, loadingState('Loading devices…'));
  const el = h(
    'section',
    { class: 'page page-narrow', 'data-testid': 'view-new-work-order' },
    h('a', { class: 'back-link', href: back }, svg(icons.chevronLeft), deviceId ? deviceId : 'Work orders'),
    h(
      'header',
      { class: 'page-header' },
      h('div', null, h('h1', { text: 'New work order' }), h('p', { class: 'page-sub', text: 'Report a fault you found, or plan maintenance or an inspection. Condition monitoring raises its own orders.' })),
    ),
    content,
  );

  const load = async () => {
    const role = ctx.session.me?.role;
    if (!ctx.session.can('create-order')) {
      replaceChildren(
        content,
        emptyState(
          `Signed in as ${role ? ROLE_LABEL[role].toLowerCase() : 'nobody'}: you cannot create work orders`,
          `${ACTION_ROLES['create-order'].map((r) => ROLE_LABEL[r]).join(', ')} can.`,
          icons.key,
        ),
      );
      return;
    }
    replaceChildren(content, loadingState('Loading devices…'));
    const signal = d.nextSignal();
    try {
      const [devices, lines] = await Promise.all([listDevices(signal), ctx.catalog.loadLines()]);
      if (devices.length === 0) {
        replaceChildren(content, emptyState('No devices to choose from', 'The plant file lists none, or the server has not loaded it.', icons.device));
        return;
      }
      const known = deviceId !== null && devices.some((x) => x.id === deviceId);
      replaceChildren(
        content,
        deviceId !== null && !known ? h('p', { class: 'form-error', role: 'alert', text: `No device "${deviceId}"; choose one below.` }) : null,
        createNewOrderForm({
          devices,
          lines,
          deviceId: known ? deviceId : null,
          cancelHref: back,
          submit: async (request) => {
            const created = await createWorkOrder(request);
            location.hash = href.workOrder(created.id);
          },
        }),
      );
    } catch (err) {
      if (isAbort(err)) return;
      replaceChildren(content, errorState(describeError(err), () => void load()));
    }
  };

  void load();
  // The form keeps what was typed; a reconnect need not reload it.
  return { el, refresh: () => {}, dispose: () => d.dispose() };
}
