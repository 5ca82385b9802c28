/** The axes every time chart shares (uPlot): a time axis below, a value axis with the unit on the left, one dark-theme look. */
import type uPlot from 'uplot';
import { formatValue } from '../lib/chart-data';
import { formatAxisTime } from '../lib/time-format';

export const AXIS = '#8b949e';
export const GRID = 'rgba(240, 246, 252, 0.07)';
export const FONT = '11px ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Time axis; `space` is the least pixels between ticks. */
export function timeAxis(space: number): uPlot.Axis {
  return {
    stroke: AXIS,
    font: FONT,
    grid: { stroke: GRID, width: 1 },
    ticks: { stroke: GRID, width: 1, size: 4 },
    space,
    size: 30,
    values: (_u, splits, _axis, _space, incr) => splits.map((v) => formatAxisTime(v * 1000, incr * 1000)),
  };
}

/** Value axis labelled with the unit; `size` is its width in pixels. */
export function valueAxis(unit: string, size: number): uPlot.Axis {
  return {
    stroke: AXIS,
    font: FONT,
    label: unit,
    labelFont: FONT,
    labelSize: 16,
    labelGap: 2,
    size,
    grid: { stroke: GRID, width: 1 },
    ticks: { show: false },
    values: (_u, splits) => splits.map((v) => formatValue(v)),
  };
}
