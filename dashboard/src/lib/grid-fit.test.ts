import { describe, expect, it } from 'vitest';
import { fitGrid } from './grid-fit';

const opts = { gap: 12, aspect: 1.7 };

describe('fitGrid', () => {
  it('fits 56 lines on a 1920×1080 wall screen in 8 × 7 tiles', () => {
    const fit = fitGrid(56, 1920, 990, opts);
    expect([fit.cols, fit.rows]).toEqual([8, 7]);
    expect(fit.tileWidth).toBeGreaterThan(220);
    expect(fit.tileHeight).toBeGreaterThan(125);
  });
  it('uses big tiles for a small plant', () => {
    expect(fitGrid(5, 1920, 990, opts)).toMatchObject({ cols: 3, rows: 2 });
    expect(fitGrid(1, 1920, 990, opts)).toMatchObject({ cols: 1, rows: 1 });
  });
  it('stacks tiles on a tall, narrow screen', () => {
    expect(fitGrid(6, 390, 800, opts)).toMatchObject({ cols: 1, rows: 6 });
  });
  it('always fits every tile', () => {
    for (const n of [1, 7, 13, 50, 64, 120]) {
      const fit = fitGrid(n, 1920, 990, opts);
      expect(fit.cols * fit.rows).toBeGreaterThanOrEqual(n);
      expect(fit.cols * fit.tileWidth + (fit.cols - 1) * 12).toBeLessThanOrEqual(1920.0001);
      expect(fit.rows * fit.tileHeight + (fit.rows - 1) * 12).toBeLessThanOrEqual(990.0001);
    }
  });
});
