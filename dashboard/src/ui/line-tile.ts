/**
 * One production line on the disturbance map: name, state word + icon +
 * pattern (stripes for down, dots for starved/blocked, hatching for no data),
 * time in state (ticking via data-since), and the root cause in one line. On
 * a desk it links to its blocking chain; on a wall screen it is just a tile.
 */
import type { LineStateView } from '../../../server/http/api-types';
import { tileText } from '../lib/line-map';
import { href } from '../lib/route';
import { h, svg } from './dom';
import { icons } from './icons';
import { LINE_STATE_ICON } from './line-state-badge';

export interface TileOptions {
  now: number;
  kiosk: boolean;
  selected: boolean;
}

export function renderLineTile(line: LineStateView, o: TileOptions): HTMLElement {
  const t = tileText(line, { now: o.now });
  const attrs = {
    class: `line-tile ls-${line.state}${o.selected ? ' is-selected' : ''}`,
    'data-testid': 'line-tile',
    dataset: { lineId: line.id, state: line.state },
    title: `${line.name}: ${t.status}${t.cause ? `. ${t.cause}` : ''}`,
  };
  const children = [
    h(
      'span',
      { class: 'tile-state' },
      svg(LINE_STATE_ICON[line.state] ?? icons.line, 'icon tile-icon'),
      h('span', { class: 'tile-word', text: t.word }),
      h('span', { class: 'tile-time', dataset: { since: line.since }, 'data-testid': 'line-time', text: t.duration }),
    ),
    h('span', { class: 'tile-name', text: line.name }),
    h('span', { class: 'tile-cause', 'data-testid': 'line-cause', text: t.cause || (line.state === 'running' ? '' : '—') }),
  ];
  if (o.kiosk) return h('div', attrs, ...children);
  return h('a', { ...attrs, href: href.map({ lineId: o.selected ? null : line.id }), 'aria-current': o.selected ? 'true' : undefined }, ...children);
}
