/**
 * `#/map` — the disturbance map: every production line as a tile from
 * GET /api/lines/states, patched live from 'line-state' events and re-read
 * after a reconnect. On a desk a tile opens the line's blocking chain
 * (`?line=`), and a small graph shows which line feeds which.
 *
 * `#/map?kiosk=1` — the wall-screen variant: no navigation, every tile on one
 * screen (the grid is sized to fit 50+ lines on 1920×1080), big type, a clock
 * and the connection state; it needs nobody to click: it retries a failed
 * load by itself and re-reads everything every few minutes.
 */
import type { LineStateView, LineView, ServerEvents } from '../../../server/http/api-types';
import { describeError, isAbort, listLineStates } from '../api-client';
import { fitGrid } from '../lib/grid-fit';
import { applyLineState, orderTiles, timeInState } from '../lib/line-map';
import { href, type Route, type TileOrder } from '../lib/route';
import { createReconciler, flash, h, replaceChildren, svg } from '../ui/dom';
import { icons } from '../ui/icons';
import { renderChainPanel } from '../ui/line-chain-panel';
import { renderLineGraph } from '../ui/line-graph';
import { renderLineTile } from '../ui/line-tile';
import { createKioskHeader, stateCounts } from '../ui/map-header';
import { emptyState, errorState, loadingState } from '../ui/states';
import { Disposer, type View, type ViewContext } from './view';

type MapRoute = Extract<Route, { name: 'map' }>;

const TICK_MS = 5_000;
const KIOSK_RETRY_MS = 10_000;
const KIOSK_RELOAD_MS = 5 * 60_000;
const KIOSK_GAP = 10;
const KIOSK_ASPECT = 1.75;

export function lineMapView(ctx: ViewContext, route: MapRoute): View {
  const d = new Disposer();
  const kiosk = route.kiosk;
  let selected = route.lineId;
  let order: TileOrder = route.order;
  let lines: LineStateView[] | null = null;
  let graphLines: LineView[] = [];
  const pending: Array<ServerEvents['line-state']> = [];
  let lastUpdate: number | null = null;
  ctx.setTitle(kiosk ? 'Line map (wall screen)' : 'Line map');

  const grid = h('div', { class: `map-grid${kiosk ? ' map-grid-kiosk' : ''}`, 'data-testid': 'line-map', role: 'list', 'aria-label': 'Production lines' });
  let reconcile = newReconciler();
  const content = h('div', { class: 'map-content' }, loadingState('Loading the line map…'));
  const side = h('aside', { class: 'map-side', 'aria-live': 'polite' });
  const graphSlot = h('div', { class: 'panel-body' });
  const counts = h('div', { class: 'map-head-counts' });
  const orderLink = h('a', { class: 'btn btn-secondary', 'data-testid': 'map-order' });
  const kioskHeader = kiosk ? createKioskHeader() : null;

  function newReconciler() {
    return createReconciler<LineStateView>(
      grid,
      (l) => l.id,
      (l) => {
        const tile = renderLineTile(l, { now: Date.now(), kiosk, selected: l.id === selected });
        tile.setAttribute('role', 'listitem');
        return tile;
      },
    );
  }

  const el = kiosk
    ? h('section', { class: 'map-kiosk', 'data-testid': 'view-map', dataset: { kiosk: 'true' } }, kioskHeader!.el, content)
    : h(
        'section',
        { class: 'page', 'data-testid': 'view-map', dataset: { kiosk: 'false' } },
        h(
          'header',
          { class: 'page-header' },
          h('div', null, h('h1', { text: 'Line map' }), h('p', { class: 'page-sub', text: 'Every production line, live. Open a line to see what holds it up, down to the work order.' })),
          h('div', { class: 'page-header-side' }, counts, orderLink, h('a', { class: 'btn btn-secondary', href: href.map({ kiosk: true }), 'data-testid': 'map-kiosk-link', title: 'Full-screen view for a shop-floor screen' }, svg(icons.monitor), 'Wall screen')),
        ),
        h('div', { class: 'map-layout' }, content, side),
        h('section', { class: 'panel graph-panel', 'data-testid': 'line-graph' }, h('header', { class: 'panel-head' }, svg(icons.line), h('h2', { text: 'Which line feeds which' }), h('span', { class: 'panel-head-aside', text: 'Material flows left to right' })), graphSlot),
      );

  const renderSide = () => {
    if (kiosk) return;
    const line = selected ? lines?.find((l) => l.id === selected) : undefined;
    el.classList.toggle('has-selection', !!line);
    if (line) replaceChildren(side, renderChainPanel(line, Date.now()));
    else
      replaceChildren(
        side,
        h(
          'div',
          { class: 'panel chain-hint', 'data-testid': 'chain-hint' },
          svg(icons.arrowRight, 'icon state-icon'),
          h('p', { class: 'state-title', text: selected ? `No line "${selected}"` : 'Open a line' }),
          h('p', { class: 'state-detail', text: 'Its chain shows what holds it up: line → line → device → work order, with status, assignee and expected finish.' }),
        ),
      );
  };

  const renderGraph = () => {
    if (kiosk || !lines) return;
    const byId = new Map(lines.map((l) => [l.id, l]));
    const known = graphLines.length ? graphLines : lines.map((l) => ({ id: l.id, siteId: l.siteId, name: l.name, feeds: [], deviceIds: [] }));
    replaceChildren(graphSlot, renderLineGraph(known, byId, selected));
  };

  const fit = () => {
    if (!kiosk || !lines || lines.length === 0) return;
    const box = content.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const f = fitGrid(lines.length, box.width, box.height, { gap: KIOSK_GAP, aspect: KIOSK_ASPECT });
    grid.style.setProperty('--cols', String(f.cols));
    grid.style.setProperty('--rows', String(f.rows));
    grid.dataset.cols = String(f.cols);
  };

  const render = (changedIds: ReadonlySet<string> = new Set()) => {
    if (!lines) return;
    kioskHeader?.setCounts(lines);
    replaceChildren(counts, stateCounts(lines));
    orderLink.replaceChildren(svg(order === 'state' ? icons.line : icons.alarm), order === 'state' ? 'Line order' : 'Problems first');
    orderLink.setAttribute('href', href.map({ lineId: selected, order: order === 'state' ? 'line' : 'state' }));
    if (lines.length === 0) {
      replaceChildren(content, emptyState('No production lines', 'The plant file defines none, so there is nothing to map.', icons.line));
      return;
    }
    if (!grid.isConnected) replaceChildren(content, grid);
    const result = reconcile(orderTiles(lines, order));
    for (const tile of result.changed) if (changedIds.has(tile.dataset.lineId ?? '')) flash(tile, 'tile-changed', 2400);
    fit();
    renderSide();
    renderGraph();
  };

  const load = async (spinner: boolean) => {
    if (spinner) replaceChildren(content, loadingState('Loading the line map…'));
    const signal = d.nextSignal();
    try {
      const [states, catalogLines] = await Promise.all([listLineStates(signal), kiosk ? Promise.resolve([]) : ctx.catalog.loadLines()]);
      lines = states;
      graphLines = catalogLines;
      for (const ev of pending.splice(0)) lines = applyLineState(lines, ev);
      lastUpdate = Date.now();
      kioskHeader?.setLive(ctx.live.state, lastUpdate);
      grid.replaceChildren();
      reconcile = newReconciler();
      render();
    } catch (err) {
      if (isAbort(err)) return;
      if (lines && !spinner) return; // keep showing what we have; the next reload or event catches up
      const again = kiosk ? ` Trying again in ${KIOSK_RETRY_MS / 1000} s.` : '';
      replaceChildren(content, errorState(`${describeError(err)}${again}`, () => void load(true)));
      if (kiosk) d.timeout(() => void load(!lines), KIOSK_RETRY_MS);
    }
  };

  d.add(
    ctx.live.on('line-state', (ev) => {
      lastUpdate = Date.now();
      if (!lines) {
        pending.push(ev);
        return;
      }
      lines = applyLineState(lines, ev);
      render(new Set([ev.id]));
    }),
  );
  if (kioskHeader) {
    d.add(
      ctx.live.onState((state) => {
        kioskHeader.setLive(state, lastUpdate);
        // Tiles dim while the stream is down: what they show may be old.
        el.classList.toggle('is-stale', state === 'reconnecting');
      }),
    );
    kioskHeader.tick(Date.now());
    d.interval(() => kioskHeader.tick(Date.now()), 1000);
    d.interval(() => void load(false), KIOSK_RELOAD_MS);
    const observer = new ResizeObserver(() => fit());
    observer.observe(content);
    d.add(() => observer.disconnect());
  }
  // Time in state ticks on every tile without re-rendering it.
  d.interval(() => {
    const now = Date.now();
    el.querySelectorAll<HTMLElement>('[data-since]').forEach((t) => {
      const text = timeInState(Number(t.dataset.since), now);
      if (t.textContent !== text) t.textContent = text;
    });
  }, TICK_MS);

  void load(true);
  return {
    el,
    refresh: () => void load(false),
    dispose: () => d.dispose(),
    update(next) {
      if (next.name !== 'map') return;
      const orderChanged = next.order !== order;
      if (next.lineId === selected && !orderChanged) return;
      selected = next.lineId;
      order = next.order;
      grid.replaceChildren();
      reconcile = newReconciler();
      render();
      if (selected && !kiosk && window.matchMedia('(max-width: 1100px)').matches) side.scrollIntoView({ block: 'start', behavior: 'smooth' });
    },
  };
}
