import type { LineDowntimeView, LineStateChangeView, LineStateView } from '../http/api-types';
import { lineDowntime } from './line-downtime';
import { parseReasons, type LineStateChangeRow } from './line-state-repository';

export function toLineStateChangeView(row: LineStateChangeRow): LineStateChangeView {
  return { id: row.id, lineId: row.lineId, at: row.at, from: row.from, to: row.to, cause: row.cause, causeRef: row.causeRef, reasons: parseReasons(row) };
}

/** Downtime of one line in [from, to) from its records (the one in force at `from` first, if any). */
export function toLineDowntimeView(line: Pick<LineStateView, 'id' | 'name' | 'siteId'>, rows: readonly LineStateChangeRow[], from: number, to: number): LineDowntimeView {
  return { lineId: line.id, name: line.name, siteId: line.siteId, ...lineDowntime(rows, from, to) };
}
