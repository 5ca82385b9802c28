/**
 * How many columns and rows give the biggest tiles when `count` tiles must
 * all fit in a box (the kiosk map: 50+ lines on one 1920×1080 screen, no
 * scrolling). A tile is only as useful as the text it can hold, so the score
 * is the width of a tile of the preferred shape that fits in a cell. Pure.
 */
export interface GridFit {
  cols: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

export interface GridFitOptions {
  /** Space between tiles (px). */
  gap: number;
  /** Preferred width / height of a tile. */
  aspect: number;
}

export function fitGrid(count: number, width: number, height: number, { gap, aspect }: GridFitOptions): GridFit {
  const n = Math.max(1, Math.floor(count));
  let best: GridFit & { score: number } = { cols: 1, rows: n, tileWidth: 0, tileHeight: 0, score: -Infinity };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    // A column count that leaves a whole row empty is never better than one fewer.
    if (cols > 1 && Math.ceil(n / (cols - 1)) === rows) continue;
    const tileWidth = (width - gap * (cols - 1)) / cols;
    const tileHeight = (height - gap * (rows - 1)) / rows;
    if (tileWidth <= 0 || tileHeight <= 0) continue;
    const score = Math.min(tileWidth, tileHeight * aspect);
    if (score > best.score) best = { cols, rows, tileWidth, tileHeight, score };
  }
  const { score: _score, ...fit } = best;
  return fit;
}
