/**
 * One device's history for a backtest: the metric, the current limits
 * (dashed) and the candidate's (solid), and above the plot two rows of the
 * alerts each rule set would have raised. The rows differ in colour and in
 * shape, for colour-blind readers: current = solid blue bars starting with a
 * circle, candidate = hatched orange bars starting with a triangle.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AlertBand, Limits } from '../lib/backtest-overlay';
import { formatValue, yRange, type RefLine } from '../lib/chart-data';
import { timeAxis, valueAxis } from './chart-axes';
import { h } from './dom';

export const BAND_STYLE = {
  current: { color: '#58a6ff', label: 'Current', shape: 'circle' },
  candidate: { color: '#f0883e', label: 'Candidate', shape: 'triangle' },
} as const;

export interface BacktestChart {
  el: HTMLElement;
  setData(data: [number[], Array<number | null>], xRange: [number, number]): void;
  setOverlay(overlay: { current: Limits | null; candidate: Limits | null; bands: { current: AlertBand[]; candidate: AlertBand[] } }): void;
  destroy(): void;
}

const LIMIT_COLOR = { warn: '#e3b341', alarm: '#ff6b61' } as const;
const ROW_H = 12;
const TOP_ROOM = 44;

export function createBacktestChart(options: { label: string; unit: string; color: string; testId: string; height?: number }): BacktestChart {
  const el = h('div', { class: 'time-chart backtest-chart', 'data-testid': options.testId, dataset: { pointCount: 0 } });
  let data: uPlot.AlignedData = [[], []];
  let xRange: [number, number] = [0, 1];
  let overlay: Parameters<BacktestChart['setOverlay']>[0] = { current: null, candidate: null, bands: { current: [], candidate: [] } };
  let plot: uPlot | null = null;
  const height = options.height ?? 240;

  const lines = (): RefLine[] => {
    const out: RefLine[] = [];
    for (const [which, l] of [['current', overlay.current], ['candidate', overlay.candidate]] as const) {
      if (!l) continue;
      out.push({ value: l.warn, kind: 'warn', label: `${which} warn ${formatValue(l.warn)}` }, { value: l.alarm, kind: 'alarm', label: `${which} alarm ${formatValue(l.alarm)}` });
    }
    return out;
  };

  const opts: uPlot.Options = {
    width: 600,
    height,
    padding: [TOP_ROOM, 8, 0, 0],
    cursor: { drag: { x: true, y: false }, points: { size: 6 } },
    legend: { show: true, live: true },
    scales: {
      x: { time: true },
      y: { range: () => yRange(data[1] as Array<number | null>, lines()) },
    },
    axes: [timeAxis(80), valueAxis(options.unit, 84)],
    series: [
      { value: '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}' },
      { label: options.label, stroke: options.color, width: 1.25, spanGaps: false, points: { show: false }, value: (_u, v) => (v === null || v === undefined ? '–' : `${formatValue(v)} ${options.unit}`) },
    ],
    hooks: { draw: [(u) => drawOverlay(u, overlay)] },
  };

  const ensurePlot = () => {
    plot ??= new uPlot({ ...opts, width: Math.max(260, el.clientWidth || 600) }, data, el);
    return plot;
  };
  const resize = new ResizeObserver(() => {
    if (plot && el.clientWidth && el.clientWidth !== plot.width) plot.setSize({ width: Math.max(260, el.clientWidth), height });
  });
  resize.observe(el);

  return {
    el,
    setData(next, range) {
      data = next;
      xRange = range;
      el.dataset.pointCount = String(next[0].length);
      const show = () => {
        const p = ensurePlot();
        p.setData(data);
        p.setScale('x', { min: xRange[0], max: xRange[1] });
      };
      if (!el.isConnected) queueMicrotask(() => el.isConnected && show());
      else show();
    },
    setOverlay(next) {
      overlay = next;
      el.dataset.currentAlerts = String(next.bands.current.length);
      el.dataset.candidateAlerts = String(next.bands.candidate.length);
      plot?.redraw(false, true);
    },
    destroy() {
      resize.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}

function drawOverlay(u: uPlot, overlay: Parameters<BacktestChart['setOverlay']>[0]): void {
  const px = devicePixelRatio || 1;
  const { ctx } = u;
  ctx.save();
  ctx.font = `${11 * px}px ui-sans-serif, system-ui, sans-serif`;
  drawLimits(u, overlay.current, false, px);
  drawLimits(u, overlay.candidate, true, px);
  drawRow(u, overlay.bands.current, 'current', 0, px);
  drawRow(u, overlay.bands.candidate, 'candidate', 1, px);
  ctx.restore();
}

function drawLimits(u: uPlot, limits: Limits | null, candidate: boolean, px: number): void {
  if (!limits) return;
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const kind of ['warn', 'alarm'] as const) {
    const y = Math.round(u.valToPos(limits[kind], 'y', true));
    if (y < top || y > top + height) continue;
    ctx.strokeStyle = LIMIT_COLOR[kind];
    ctx.lineWidth = (candidate ? 2 : 1.25) * px;
    ctx.setLineDash(candidate ? [] : [6 * px, 4 * px]);
    ctx.globalAlpha = candidate ? 1 : 0.8;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    const text = `${candidate ? 'candidate' : 'current'} ${kind} ${formatValue(limits[kind])}`;
    const tw = ctx.measureText(text).width;
    const tx = candidate ? left + width - tw - 8 * px : left + 6 * px;
    ctx.setLineDash([]);
    ctx.globalAlpha = 0.9;
    ctx.fillStyle = '#0d1117';
    // Above its line, or below it near the top edge.
    const ty = y - 16 * px < top ? y + 15 * px : y - 3 * px;
    ctx.fillRect(tx - 3 * px, ty - 12 * px, tw + 6 * px, 13 * px);
    ctx.globalAlpha = 1;
    ctx.fillStyle = LIMIT_COLOR[kind];
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'left';
    ctx.fillText(text, tx, ty);
  }
  ctx.restore();
}

function drawRow(u: uPlot, bands: AlertBand[], which: 'current' | 'candidate', row: number, px: number): void {
  const { ctx } = u;
  const { left, top, width } = u.bbox;
  const style = BAND_STYLE[which];
  const rowH = ROW_H * px;
  const y = top - (TOP_ROOM - 6) * px + row * (rowH + 5 * px);
  ctx.fillStyle = 'rgba(240, 246, 252, 0.04)';
  ctx.fillRect(left, y, width, rowH);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, y - 2 * px, width, rowH + 4 * px);
  ctx.clip();
  for (const b of bands) {
    const x0 = u.valToPos(b.from / 1000, 'x', true);
    const x1 = Math.max(x0 + 3 * px, u.valToPos(b.to / 1000, 'x', true));
    if (x1 < left || x0 > left + width) continue;
    if (which === 'current') {
      ctx.fillStyle = style.color;
      ctx.globalAlpha = b.severity === 'alarm' ? 0.95 : 0.6;
      ctx.fillRect(x0, y + 2 * px, x1 - x0, rowH - 4 * px);
      ctx.globalAlpha = 1;
      ctx.beginPath();
      ctx.arc(x0, y + rowH / 2, 4.5 * px, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.fillStyle = hatch(ctx, style.color, px);
      ctx.fillRect(x0, y + 1 * px, x1 - x0, rowH - 2 * px);
      ctx.strokeStyle = style.color;
      ctx.lineWidth = px;
      ctx.strokeRect(x0, y + 1 * px, x1 - x0, rowH - 2 * px);
      ctx.fillStyle = style.color;
      ctx.beginPath();
      ctx.moveTo(x0 - 5 * px, y + rowH);
      ctx.lineTo(x0 + 5 * px, y + rowH);
      ctx.lineTo(x0, y);
      ctx.closePath();
      ctx.fill();
    }
  }
  ctx.restore();
  ctx.fillStyle = style.color;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  ctx.fillText(`${style.label} ${bands.length}`, left - 6 * px, y + rowH / 2);
  ctx.textAlign = 'left';
}

function hatch(ctx: CanvasRenderingContext2D, color: string, px: number): CanvasPattern | string {
  const size = Math.round(6 * px);
  const c = document.createElement('canvas');
  c.width = size;
  c.height = size;
  const g = c.getContext('2d');
  if (!g) return color;
  g.strokeStyle = color;
  g.lineWidth = 1.5 * px;
  g.beginPath();
  g.moveTo(0, size);
  g.lineTo(size, 0);
  g.stroke();
  return ctx.createPattern(c, 'repeat') ?? color;
}
