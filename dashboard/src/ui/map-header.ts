/**
 * Headers of the disturbance map: the counts per state (icon + number +
 * word), and for the wall screen a big clock and the connection state
 * ("Live" / "Reconnecting…", with the time of the last update).
 */
import type { LineStateView } from '../../../server/http/api-types';
import { LINE_STATE_LABEL } from '../lib/line-chain';
import { countByState, countsInOrder } from '../lib/line-map';
import type { LiveState } from '../lib/live-connection';
import { h, svg } from './dom';
import { icons } from './icons';
import { LINE_STATE_ICON } from './line-state-badge';

export function stateCounts(lines: readonly LineStateView[]): HTMLElement {
  const counts = countsInOrder(countByState(lines));
  return h(
    'div',
    { class: 'map-counts', 'data-testid': 'map-counts' },
    ...counts.map(([state, n]) =>
      h(
        'span',
        { class: `map-count ls-${state}`, 'data-testid': 'map-count', dataset: { state, count: n } },
        h('span', { class: 'ls-swatch', 'aria-hidden': 'true' }),
        svg(LINE_STATE_ICON[state]),
        h('strong', { text: String(n) }),
        h('span', { text: LINE_STATE_LABEL[state] }),
      ),
    ),
  );
}

const LIVE_TEXT: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

export interface KioskHeader {
  el: HTMLElement;
  setCounts(lines: readonly LineStateView[]): void;
  setLive(state: LiveState, lastUpdate: number | null): void;
  tick(now: number): void;
}

export function createKioskHeader(): KioskHeader {
  const counts = h('div', { class: 'kiosk-counts' });
  const liveText = h('span', { class: 'kiosk-live-text' });
  const liveSub = h('span', { class: 'kiosk-live-sub' });
  const live = h('div', { class: 'kiosk-live', 'data-testid': 'kiosk-live', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), h('span', null, liveText, liveSub));
  const hm = h('span', { class: 'kiosk-hm' });
  const sec = h('span', { class: 'kiosk-sec' });
  const clock = h('time', { class: 'kiosk-clock', 'data-testid': 'kiosk-clock' }, hm, sec);
  const el = h(
    'header',
    { class: 'kiosk-header' },
    h('div', { class: 'kiosk-title' }, svg(icons.map), h('span', { text: 'Line map' })),
    counts,
    live,
    clock,
  );
  const fmt = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return {
    el,
    setCounts(lines) {
      counts.replaceChildren(stateCounts(lines));
    },
    setLive(state, lastUpdate) {
      live.dataset.state = state;
      liveText.textContent = LIVE_TEXT[state];
      liveSub.textContent = state !== 'live' && lastUpdate !== null ? ` · data from ${fmt.format(lastUpdate).slice(0, 5)}` : '';
    },
    tick(now) {
      const [h1 = '', m = '', s = ''] = fmt.format(now).split(':');
      hm.textContent = `${h1}:${m}`;
      sec.textContent = `:${s}`;
      clock.setAttribute('datetime', new Date(now).toISOString());
    },
  };
}
