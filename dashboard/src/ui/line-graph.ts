/**
 * The small line-graph panel: which line feeds which, left to right, each
 * node in its line's state (fill pattern + state word, as on the tiles).
 * A node links to the line's chain. Built as SVG nodes; text goes in as text.
 */
import type { LineState, LineStateView, LineView } from '../../../server/http/api-types';
import { LINE_STATE_LABEL } from '../lib/line-chain';
import { layoutLineGraph } from '../lib/line-graph-layout';
import { href } from '../lib/route';
import { h } from './dom';

const NS = 'http://www.w3.org/2000/svg';
const NODE_W = 172;
const NODE_H = 46;
const GAP_X = 56;
const GAP_Y = 14;
const PAD = 8;

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: Array<SVGElement | string>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function renderLineGraph(lines: readonly LineView[], states: ReadonlyMap<string, LineStateView>, selected: string | null): HTMLElement {
  const layout = layoutLineGraph(lines);
  if (layout.nodes.length === 0) return h('p', { class: 'muted pad', text: 'No lines.' });
  const width = PAD * 2 + layout.cols * NODE_W + (layout.cols - 1) * GAP_X;
  const height = PAD * 2 + layout.rows * NODE_H + (layout.rows - 1) * GAP_Y;
  const pos = new Map(layout.nodes.map((n) => [n.id, { x: PAD + n.col * (NODE_W + GAP_X), y: PAD + n.row * (NODE_H + GAP_Y) }]));

  const svg = s('svg', { class: 'line-graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'Which line feeds which' });
  svg.append(
    s(
      'defs',
      {},
      s('marker', { id: 'lg-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0 0 10 5 0 10z', class: 'lg-arrow' })),
      // The same patterns as the tiles: stripes = down, dots = starved/blocked, hatching = no data.
      s('pattern', { id: 'lg-stripes', width: 10, height: 10, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, s('rect', { width: 5, height: 10, fill: 'rgba(0,0,0,0.3)' })),
      s('pattern', { id: 'lg-dots', width: 9, height: 9, patternUnits: 'userSpaceOnUse' }, s('circle', { cx: 4.5, cy: 4.5, r: 1.6, fill: 'rgba(255,255,255,0.3)' })),
      s('pattern', { id: 'lg-hatch', width: 8, height: 8, patternUnits: 'userSpaceOnUse' }, s('path', { d: 'M0 8 8 0M0 0 8 8', stroke: 'rgba(255,255,255,0.16)', 'stroke-width': 1 })),
    ),
  );
  for (const e of layout.edges) {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x - 2;
    const y2 = b.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    svg.append(s('path', { class: 'lg-edge', d: `M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`, 'marker-end': 'url(#lg-arrow)' }));
  }
  for (const n of layout.nodes) {
    const p = pos.get(n.id)!;
    const state: LineState = states.get(n.id)?.state ?? 'no-data';
    const link = s('a', { href: href.map({ lineId: n.id }), class: `lg-node ls-${state}${n.id === selected ? ' is-selected' : ''}`, 'data-testid': 'graph-node', 'data-line-id': n.id, 'data-state': state });
    link.append(
      s('title', {}, `${n.name}: ${LINE_STATE_LABEL[state]}`),
      s('rect', { x: p.x, y: p.y, width: NODE_W, height: NODE_H, rx: 7, class: 'lg-box' }),
      s('rect', { x: p.x, y: p.y, width: NODE_W, height: NODE_H, rx: 7, class: 'lg-pattern' }),
      s('text', { x: p.x + 10, y: p.y + 19, class: 'lg-name' }, clip(n.name, 24)),
      s('text', { x: p.x + 10, y: p.y + 36, class: 'lg-state' }, LINE_STATE_LABEL[state]),
    );
    svg.append(link);
  }
  const wrap = h('div', { class: 'line-graph-wrap' });
  wrap.append(svg);
  return wrap;
}
