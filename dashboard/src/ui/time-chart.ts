/**
 * A dark-themed uPlot time chart with horizontal reference lines (warn /
 * alarm limits) and optional vertical markers, resizing with its container.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatValue, yRange, type RefLine } from '../lib/chart-data';
import { timeAxis, valueAxis } from './chart-axes';
import { h } from './dom';

export interface TimeChartOptions {
  /** Series name in the legend, e.g. "Vibration". */
  label: string;
  unit: string;
  /** Line colour (CSS colour). */
  color: string;
  height: number;
  testId: string;
  /** Draw sample points (sparse evidence data). */
  points?: boolean;
  /** Charts with the same key share the cursor (hover one, see the same moment in all). */
  syncKey?: string;
  /** Leave room above the plot for marker labels (charts that call setMarkers). */
  markerRoom?: boolean;
  /** Drag across the plot to zoom in on x, double-click to fit the data again (history charts). */
  zoom?: boolean;
  /** Called after the visible x range changed (zoom, pan, new data), in seconds. */
  onXView?: (min: number, max: number) => void;
}

export interface Marker {
  ts: number;
  label: string;
}

export interface TimeChart {
  el: HTMLElement;
  /** xs in seconds; xRange fixes the visible window (seconds), else it fits the data. */
  setData(data: [number[], Array<number | null>], xRange?: [number, number]): void;
  setLines(lines: RefLine[]): void;
  setMarkers(markers: Marker[]): void;
  /** Shows [min, max] seconds on x (pan, zoom from outside); null until drawn. */
  setXView(min: number, max: number): void;
  xView(): [number, number] | null;
  destroy(): void;
}

const LINE_COLOR: Record<RefLine['kind'], string> = { warn: '#e3b341', alarm: '#ff6b61', clear: '#56d364' };

export function createTimeChart(options: TimeChartOptions): TimeChart {
  const el = h('div', { class: 'time-chart', 'data-testid': options.testId, dataset: { pointCount: 0 } });
  let lines: RefLine[] = [];
  let markers: Marker[] = [];
  let data: uPlot.AlignedData = [[], []];
  let xRange: [number, number] | null = null;
  let plot: uPlot | null = null;

  const opts: uPlot.Options = {
    width: 600,
    height: options.height,
    padding: [options.markerRoom ? 22 : 12, 8, 0, 0],
    cursor: {
      drag: { x: options.zoom ?? false, y: false },
      points: { size: 7 },
      ...(options.syncKey ? { sync: { key: options.syncKey } } : {}),
    },
    legend: { show: true, live: true },
    scales: {
      x: { time: true, range: (_u, min, max) => (xRange ? xRange : [min, max]) },
      y: { range: () => yRange(data[1] as Array<number | null>, lines) },
    },
    axes: [timeAxis(70), valueAxis(options.unit, 46)],
    series: [
      { value: '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}' },
      {
        label: options.label,
        stroke: options.color,
        width: 1.75,
        fill: (u) => gradient(u, options.color),
        spanGaps: false,
        points: { show: options.points ?? false, size: 4, fill: options.color },
        value: (_u, v) => (v === null || v === undefined ? '–' : `${formatValue(v)} ${options.unit}`),
      },
    ],
    hooks: {
      draw: [(u) => drawOverlays(u, lines, markers)],
      setCursor: [(u) => el.classList.toggle('has-cursor', u.cursor.idx !== null && u.cursor.idx !== undefined)],
      setScale: [
        (u, key) => {
          if (key === 'x' && options.onXView && u.scales.x?.min != null && u.scales.x.max != null) options.onXView(u.scales.x.min, u.scales.x.max);
        },
      ],
    },
  };

  const ensurePlot = () => {
    if (plot) return plot;
    const width = Math.max(240, el.clientWidth || 600);
    plot = new uPlot({ ...opts, width }, data, el);
    return plot;
  };

  const resize = new ResizeObserver(() => {
    if (!plot) return;
    const width = Math.max(240, el.clientWidth);
    if (width !== plot.width) plot.setSize({ width, height: options.height });
  });
  resize.observe(el);

  return {
    el,
    setData(next, range) {
      data = next;
      xRange = range ?? null;
      el.dataset.pointCount = String(next[0].length);
      // uPlot needs the element in the document to measure; defer creation until then.
      if (!el.isConnected) {
        queueMicrotask(() => el.isConnected && ensurePlot().setData(data));
        return;
      }
      ensurePlot().setData(data);
    },
    setLines(next) {
      lines = next;
      plot?.redraw(false, true);
    },
    setMarkers(next) {
      markers = next;
      plot?.redraw(false, true);
    },
    setXView(min, max) {
      const x = plot?.scales.x;
      if (!plot || (x && x.min === min && x.max === max)) return;
      plot.setScale('x', { min, max });
    },
    xView() {
      const x = plot?.scales.x;
      return x && x.min != null && x.max != null ? [x.min, x.max] : null;
    },
    destroy() {
      resize.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}

function gradient(u: uPlot, color: string): CanvasGradient | string {
  const { top, height } = u.bbox;
  if (!Number.isFinite(top) || height <= 0) return 'transparent';
  const g = u.ctx.createLinearGradient(0, top, 0, top + height);
  g.addColorStop(0, withAlpha(color, 0.22));
  g.addColorStop(1, withAlpha(color, 0));
  return g;
}

function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1]!, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const OVERLAY_FONT = (px: number) => `${11 * px}px ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;

function drawOverlays(u: uPlot, lines: RefLine[], markers: Marker[]): void {
  const px = devicePixelRatio || 1;
  u.ctx.save();
  u.ctx.font = OVERLAY_FONT(px);
  drawMarkers(u, markers, px);
  drawRefLines(u, lines, px);
  u.ctx.restore();
}

/** Dotted vertical lines; labels above the plot (in the top padding), pushed right so they never overlap. */
function drawMarkers(u: uPlot, markers: Marker[], px: number): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  let labelEnd = Number.NEGATIVE_INFINITY;
  for (const m of [...markers].sort((a, b) => a.ts - b.ts)) {
    const x = Math.round(u.valToPos(m.ts / 1000, 'x', true));
    if (x < left || x > left + width) continue;
    ctx.strokeStyle = 'rgba(139, 148, 158, 0.7)';
    ctx.lineWidth = px;
    ctx.setLineDash([2 * px, 3 * px]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    const tw = ctx.measureText(m.label).width;
    const lx = Math.min(Math.max(left, x - tw / 2, labelEnd + 8 * px), left + width - tw);
    labelEnd = lx + tw;
    ctx.fillStyle = '#8b949e';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText(m.label, lx, top - 5 * px);
  }
}

/** Horizontal limit lines across the plot, labels at the right end, top to bottom without overlaps. */
function drawRefLines(u: uPlot, lines: RefLine[], px: number): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const placed: Array<{ line: RefLine; y: number }> = [];
  for (const l of lines) {
    const y = Math.round(u.valToPos(l.value, 'y', true));
    if (y < top - 1 || y > top + height + 1) continue;
    ctx.strokeStyle = LINE_COLOR[l.kind];
    ctx.globalAlpha = l.crossed ? 1 : 0.85;
    ctx.lineWidth = (l.crossed ? 2 : 1.25) * px;
    ctx.setLineDash(l.crossed ? [] : [6 * px, 4 * px]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.setLineDash([]);
    placed.push({ line: l, y });
  }
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'right';
  const rowH = 15 * px;
  let lastBottom = Number.NEGATIVE_INFINITY;
  for (const { line, y } of placed.sort((a, b) => a.y - b.y)) {
    // Label sits just above its line, or below it near the top edge; never on top of the previous label.
    let ty = y - 3 * px < top + rowH ? y + rowH : y - 3 * px;
    if (ty - rowH < lastBottom) ty = lastBottom + rowH;
    lastBottom = ty;
    const text = line.crossed ? `${line.label} · crossed` : line.label;
    const tw = ctx.measureText(text).width;
    const tx = left + width - 6 * px;
    ctx.globalAlpha = 0.85;
    ctx.fillStyle = '#0d1117';
    ctx.fillRect(tx - tw - 4 * px, ty - 13 * px, tw + 8 * px, 14 * px);
    ctx.globalAlpha = 1;
    ctx.fillStyle = LINE_COLOR[line.kind];
    ctx.fillText(text, tx, ty);
  }
  ctx.restore();
}
