/**
 * Parsers for NAB's CSV files (pure: text in, columns out). Every error names
 * the file and the line, because a corpus has 58 files and "bad number" alone
 * helps nobody.
 */
import { parseNabTimestamp } from './nab-time';

export class NabFormatError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'NabFormatError';
  }
}

export interface SeriesColumns {
  /** Epoch ms (UTC), non-decreasing (a few NAB files repeat a timestamp). */
  timestamps: Float64Array;
  values: Float64Array;
}

export interface ResultColumns extends SeriesColumns {
  /** The detector's anomaly score per row, in [0, 1]. */
  scores: Float64Array;
}

interface Table {
  header: string[];
  rows: string[][];
  /** 1-based line number of each row, for error messages. */
  lines: number[];
}

function readTable(text: string, source: string): Table {
  const all = text.split(/\r?\n/);
  const headerLine = all[0];
  if (headerLine === undefined || headerLine.trim() === '') throw new NabFormatError(source, 'empty file (no header)');
  const header = headerLine.split(',').map((h) => h.trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < all.length; i++) {
    const line = all[i]!;
    if (line.trim() === '') continue;
    rows.push(line.split(','));
    lines.push(i + 1);
  }
  if (rows.length === 0) throw new NabFormatError(source, 'no data rows');
  return { header, rows, lines };
}

function column(table: Table, name: string, source: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) throw new NabFormatError(source, `missing column "${name}" (header: ${table.header.join(',')})`);
  return index;
}

function readColumns(table: Table, source: string): SeriesColumns & { cell: (row: number, col: number) => string } {
  const tsCol = column(table, 'timestamp', source);
  const valueCol = column(table, 'value', source);
  const n = table.rows.length;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  const cell = (row: number, col: number): string => {
    const text = table.rows[row]![col];
    if (text === undefined) throw new NabFormatError(source, `line ${table.lines[row]}: expected ${table.header.length} columns`);
    return text.trim();
  };
  for (let r = 0; r < n; r++) {
    const tsText = cell(r, tsCol);
    const ts = parseNabTimestamp(tsText);
    if (ts === null) throw new NabFormatError(source, `line ${table.lines[r]}: bad timestamp "${tsText}"`);
    // Not strictly increasing: NAB's AWS files repeat 03:00:00 where a clock went back (DST).
    if (r > 0 && ts < timestamps[r - 1]!) throw new NabFormatError(source, `line ${table.lines[r]}: timestamp ${tsText} is before the previous row`);
    timestamps[r] = ts;
    const valueText = cell(r, valueCol);
    const value = Number(valueText);
    if (valueText === '' || !Number.isFinite(value)) throw new NabFormatError(source, `line ${table.lines[r]}: bad value "${valueText}"`);
    values[r] = value;
  }
  return { timestamps, values, cell };
}

/** A corpus data file: `timestamp,value`. */
export function parseSeriesCsv(text: string, source: string): SeriesColumns {
  const { timestamps, values } = readColumns(readTable(text, source), source);
  return { timestamps, values };
}

/** A results file: `timestamp,value,anomaly_score[,label,...]` (extra columns are ignored). */
export function parseResultsCsv(text: string, source: string): ResultColumns {
  const table = readTable(text, source);
  const { timestamps, values, cell } = readColumns(table, source);
  const scoreCol = column(table, 'anomaly_score', source);
  const scores = new Float64Array(table.rows.length);
  for (let r = 0; r < scores.length; r++) {
    const text = cell(r, scoreCol);
    const score = Number(text);
    if (text === '' || !Number.isFinite(score) || score < 0 || score > 1) {
      throw new NabFormatError(source, `line ${table.lines[r]}: anomaly_score "${text}" is not a number in [0, 1]`);
    }
    scores[r] = score;
  }
  return { timestamps, values, scores };
}
