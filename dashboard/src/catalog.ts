/** Slow-changing reference data (lines) fetched once and shared by views. */
import type { LineView } from '../../server/http/api-types';
import { listLines } from './api-client';
import { lineName } from './lib/device-grouping';

export class Catalog {
  private linesPromise: Promise<LineView[]> | null = null;
  private lines: LineView[] = [];

  /** Lines, fetched on first use; a failure yields [] (views fall back to line ids). */
  loadLines(): Promise<LineView[]> {
    this.linesPromise ??= listLines()
      .then((lines) => (this.lines = lines))
      .catch(() => {
        this.linesPromise = null;
        return this.lines;
      });
    return this.linesPromise;
  }

  lineName(lineId: string): string {
    return lineName(this.lines, lineId);
  }

  invalidate(): void {
    this.linesPromise = null;
  }
}
