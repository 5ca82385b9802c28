/**
 * Boots the dashboard: sign-in (a bearer token from the address bar, storage
 * or the sign-in screen), top bar, one live event stream, and a hash router
 * that mounts one view at a time. A reconnect after a lost stream re-fetches
 * the current view, since events were missed meanwhile. Any 401 brings the
 * sign-in screen back. `#/map?kiosk=1` hides the top bar (wall screens).
 */
import './styles/base.css';
import './styles/components.css';
import './styles/views.css';
import './styles/planning.css';
import './styles/map.css';
import './styles/auth.css';
import './styles/analysis.css';
import './styles/responsive.css';
import { ApiRequestError, describeError, getMe } from './api-client';
import { captureTokenFromLocation, getToken, onUnauthorized, setToken } from './auth-store';
import { Catalog } from './catalog';
import { eventsUrl } from './lib/auth-token';
import type { Me } from './lib/permissions';
import { parseRoute, routeKey, sectionOf, href, type Route } from './lib/route';
import { LiveEvents } from './live-events';
import { Session } from './session';
import { h, svg } from './ui/dom';
import { icons } from './ui/icons';
import { startAgoTicker } from './ui/relative-time';
import { createSignIn } from './ui/sign-in';
import { emptyState, errorState, loadingState } from './ui/states';
import { createTopBar } from './ui/top-bar';
import { deadLettersView } from './views/dead-letters-view';
import { deviceDetailView } from './views/device-detail-view';
import { devicesView } from './views/devices-view';
import { kpisView } from './views/kpis-view';
import { lineMapView } from './views/line-map-view';
import { newWorkOrderView } from './views/new-work-order-view';
import { ruleTuningView } from './views/rule-tuning-view';
import { rulesView } from './views/rules-view';
import type { View, ViewContext } from './views/view';
import { workOrderDetailView } from './views/work-order-detail-view';
import { workOrdersView } from './views/work-orders-view';

const PRODUCT = 'PdM Console';
const RETRY_MS = 10_000;

function createView(route: Route, ctx: ViewContext): View {
  switch (route.name) {
    case 'work-orders':
      return workOrdersView(ctx, route.filter, route.priorities);
    case 'work-order':
      return workOrderDetailView(ctx, route.id);
    case 'new-work-order':
      return newWorkOrderView(ctx, route.deviceId);
    case 'map':
      return lineMapView(ctx, route);
    case 'devices':
      return devicesView(ctx);
    case 'device':
      return deviceDetailView(ctx, route.id);
    case 'dead-letters':
      return deadLettersView(ctx);
    case 'rules':
      return rulesView(ctx);
    case 'rule':
      return ruleTuningView(ctx, route.id);
    case 'kpis':
      return kpisView(ctx, route.filter);
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
  captureTokenFromLocation();
  const live = new LiveEvents(() => eventsUrl('/api/events', getToken()));
  const catalog = new Catalog();
  const session = new Session();
  const main = h('main', { class: 'main', id: 'main' });
  let current: { key: string; view: View } | null = null;
  let retryTimer: number | null = null;

  const ctx: ViewContext = {
    live,
    catalog,
    session,
    setTitle: (title) => (document.title = `${title} · ${PRODUCT}`),
  };

  const unmount = () => {
    current?.view.dispose();
    current = null;
  };

  const setKiosk = (on: boolean) => {
    document.body.classList.toggle('kiosk', on);
    topBar.el.hidden = on;
  };

  const route = () => {
    if (!session.me) return;
    const r = parseRoute(location.hash);
    const key = routeKey(r);
    setKiosk(r.name === 'map' && r.kiosk);
    if (current?.key === key) {
      current.view.update?.(r);
      return;
    }
    unmount();
    const view = createView(r, ctx);
    current = { key, view };
    main.replaceChildren(view.el);
    main.dataset.route = r.name;
    topBar.setSection(sectionOf(r));
    window.scrollTo(0, 0);
  };

  const showSignIn = (message: string | null) => {
    unmount();
    live.stop();
    session.set(null);
    topBar.setMe(null);
    setKiosk(false);
    main.dataset.route = 'sign-in';
    ctx.setTitle('Sign in');
    main.replaceChildren(
      createSignIn({
        message,
        onSignedIn: (token, me) => {
          setToken(token);
          start(me);
        },
      }),
    );
  };

  const start = (me: Me) => {
    session.set(me);
    topBar.setMe(me);
    catalog.invalidate();
    unmount();
    live.restart();
    route();
  };

  /** Who the stored token belongs to; retried by itself while the server is unreachable (a wall screen needs nobody to click). */
  const checkSession = async () => {
    if (retryTimer !== null) window.clearTimeout(retryTimer);
    retryTimer = null;
    if (!getToken()) return showSignIn(null);
    unmount();
    main.replaceChildren(loadingState('Signing in…'));
    try {
      start(await getMe());
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 401) return; // the sign-in screen is up already
      main.replaceChildren(errorState(`${describeError(err)} Trying again in ${RETRY_MS / 1000} s.`, () => void checkSession()));
      retryTimer = window.setTimeout(() => void checkSession(), RETRY_MS);
    }
  };

  const topBar = createTopBar(() => {
    setToken(null);
    showSignIn('Signed out. This browser no longer keeps your access token.');
  });
  root.replaceChildren(topBar.el, main);

  onUnauthorized((message) => showSignIn(message));
  live.onState((state) => topBar.setLive(state));
  live.onReconnect(() => {
    catalog.invalidate();
    current?.view.refresh();
  });
  window.addEventListener('hashchange', () => {
    if (location.hash.startsWith('#token=')) {
      captureTokenFromLocation();
      void checkSession();
      return;
    }
    route();
  });
  startAgoTicker();
  void checkSession();
}

const root = document.getElementById('app');
if (root) boot(root);
