/**
 * Boots the dashboard: top bar, one live event stream, and a hash router that
 * mounts one view at a time. A reconnect after a lost stream re-fetches the
 * current view, since events were missed meanwhile.
 */
import './styles/base.css';
import './styles/components.css';
import './styles/views.css';
import './styles/responsive.css';
import { Catalog } from './catalog';
import { LiveEvents } from './live-events';
import { parseRoute, routeKey, sectionOf, href, type Route } from './lib/route';
import { h, svg } from './ui/dom';
import { icons } from './ui/icons';
import { startAgoTicker } from './ui/relative-time';
import { emptyState } from './ui/states';
import { createTopBar } from './ui/top-bar';
import { deadLettersView } from './views/dead-letters-view';
import { deviceDetailView } from './views/device-detail-view';
import { devicesView } from './views/devices-view';
import type { View, ViewContext } from './views/view';
import { workOrderDetailView } from './views/work-order-detail-view';
import { workOrdersView } from './views/work-orders-view';

const PRODUCT = 'PdM Console';

function createView(route: Route, ctx: ViewContext): View {
  switch (route.name) {
    case 'work-orders':
      return workOrdersView(ctx, route.filter);
    case 'work-order':
      return workOrderDetailView(ctx, route.id);
    case 'devices':
      return devicesView(ctx);
    case 'device':
      return deviceDetailView(ctx, route.id);
    case 'dead-letters':
      return deadLettersView(ctx);
    case 'not-found':
      ctx.setTitle('Not found');
      return {
        el: h(
          'section',
          { class: 'page', 'data-testid': 'view-not-found' },
          emptyState(`Nothing at ${route.path}`, 'The link may be old.', icons.inbox),
          h('p', { class: 'center' }, h('a', { class: 'btn btn-secondary', href: href.workOrders() }, svg(icons.chevronLeft), 'Back to work orders')),
        ),
        refresh() {},
        dispose() {},
      };
  }
}

function boot(root: HTMLElement): void {
  const live = new LiveEvents();
  const catalog = new Catalog();
  const topBar = createTopBar();
  const main = h('main', { class: 'main', id: 'main' });
  root.replaceChildren(topBar.el, main);

  const ctx: ViewContext = {
    live,
    catalog,
    setTitle: (title) => (document.title = `${title} · ${PRODUCT}`),
  };

  let current: { key: string; view: View } | null = null;
  const route = () => {
    const r = parseRoute(location.hash);
    const key = routeKey(r);
    if (current?.key === key) return;
    current?.view.dispose();
    const view = createView(r, ctx);
    current = { key, view };
    main.replaceChildren(view.el);
    main.dataset.route = r.name;
    topBar.setSection(sectionOf(r));
    window.scrollTo(0, 0);
  };

  live.onState((state) => topBar.setLive(state));
  live.onReconnect(() => {
    catalog.invalidate();
    current?.view.refresh();
  });
  window.addEventListener('hashchange', route);
  route();
  live.start();
  startAgoTicker();
}

const root = document.getElementById('app');
if (root) boot(root);
