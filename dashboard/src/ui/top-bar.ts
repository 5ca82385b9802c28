/** Product name, navigation, who is signed in, and the live indicator driven by the event stream. */
import type { LiveState } from '../lib/live-connection';
import { LIVE_LABEL } from '../lib/live-connection';
import type { Me } from '../lib/permissions';
import { href, type Section } from '../lib/route';
import { h, svg } from './dom';
import { icons } from './icons';
import { createSessionBadge } from './session-badge';

export interface TopBar {
  el: HTMLElement;
  setSection(section: Section | null): void;
  setLive(state: LiveState): void;
  /** Who is signed in; null hides the navigation (sign-in screen). */
  setMe(me: Me | null): void;
}

const NAV: Array<[Section, string, string]> = [
  ['work-orders', 'Work orders', href.workOrders()],
  ['map', 'Line map', href.map()],
  ['devices', 'Devices', href.devices()],
  ['rules', 'Rules', href.rules()],
  ['kpis', 'KPIs', href.kpis()],
  ['dead-letters', 'Dead letters', href.deadLetters()],
];

const LIVE_TITLE: Record<LiveState, string> = {
  connecting: 'Connecting to the live event stream…',
  live: 'Receiving live updates from the plant',
  reconnecting: 'Connection lost. Reconnecting; data will refresh when it is back.',
};

export function createTopBar(onSignOut: () => void): TopBar {
  const links = NAV.map(([section, label, link]) =>
    h('a', { class: 'nav-link', href: link, 'data-testid': `nav-${section}`, dataset: { section } }, label),
  );
  const liveText = h('span', { class: 'live-text' });
  const live = h(
    'div',
    { class: 'live', 'data-testid': 'live-indicator', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'live-dot', 'aria-hidden': 'true' }),
    liveText,
  );
  const nav = h('nav', { class: 'nav', 'aria-label': 'Main' }, ...links);
  const session = h('div', { class: 'session-slot' });
  const el = h(
    'header',
    { class: 'topbar' },
    h(
      'a',
      { class: 'brand', href: href.workOrders(), 'aria-label': 'PdM Console, home' },
      svg(icons.logo, 'icon brand-mark'),
      h('span', { class: 'brand-name' }, 'PdM Console'),
      h('span', { class: 'brand-sub', text: 'Predictive maintenance' }),
    ),
    nav,
    h('div', { class: 'topbar-right' }, h('a', { class: 'nav-link', href: '/docs', target: '_blank', rel: 'noopener', 'data-testid': 'api-docs-link', title: 'API reference (opens in a new tab)' }, 'API'), session, live),
  );

  return {
    el,
    setSection(section) {
      for (const a of links) {
        const on = a.dataset.section === section;
        a.classList.toggle('is-active', on);
        if (on) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
    setLive(state) {
      live.dataset.state = state;
      live.title = LIVE_TITLE[state];
      liveText.textContent = LIVE_LABEL[state];
    },
    setMe(me) {
      nav.hidden = me === null;
      live.hidden = me === null;
      session.replaceChildren(...(me ? [createSessionBadge(me, onSignOut)] : []));
    },
  };
}
