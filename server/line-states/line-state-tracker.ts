/**
 * The disturbance map's service: recomputes every line's state from the
 * database when told something changed (`refresh(now)`: after anomaly events,
 * work-order changes, feed edits and the liveness tick), keeps since when each
 * line is in its state, records changes in line_state_changes and publishes
 * 'line-state' for each line whose view changed. Nothing changed: nothing is
 * written or published.
 *
 * A record is written when the state changes, or when it stays but its
 * primary root cause changes (another order now holds the line down), so
 * downtime can be attributed. An event goes out for any visible change
 * (an order's status in the chain included). `since` survives restarts: the
 * first refresh picks up the last record of each line.
 */
import type { Database } from '../db/database';
import { inTransaction } from '../db/transaction';
import type { EventBus } from '../events/event-bus';
import type { LineDowntimeReportView, LineHistoryView, LineRootCause, LineStateView } from '../http/api-types';
import { notFound } from '../http/errors';
import { deriveLineStates, rootRef, type LinePolicy } from './line-state-derivation';
import {
  deviceConditionsReader,
  insertLineStateChanges,
  latestLineStates,
  lineFacts,
  lineStateChangesReader,
  parseReasons,
  readLineRoster,
  silentDevicesReader,
  silentKey,
  type DeviceConditionsReader,
  type LineRoster,
  type LineStateChangesReader,
  type NewLineStateChangeRow,
  type SilentDevicesReader,
} from './line-state-repository';
import { toLineDowntimeView, toLineStateChangeView } from './line-state-views';

export interface LineStateTrackerDeps {
  database: Database;
  bus: EventBus;
  /** Per-line propagation policy; lines not named here use DEFAULT_LINE_POLICY. */
  policies?: ReadonlyMap<string, Partial<LinePolicy>>;
}

/** The roster (lines, feeds, devices) is re-read at least this often, and at once with `graphChanged`. */
export const ROSTER_MAX_AGE_MS = 60_000;

export interface LineStateTracker {
  /**
   * Recomputes every line as of `now`; records and publishes what changed;
   * returns the views that changed. Pass `graphChanged` after lines, feeds or
   * devices were edited (PUT feeds); other data is read on every call.
   */
  refresh(now: number, options?: { graphChanged?: boolean }): LineStateView[];
  /**
   * Whether a refresh at `now` could show something the last one did not,
   * without work-order or anomaly changes (those come as events): a device
   * went silent or came back, or the roster is due to be re-read. One small
   * query (the silent devices); the liveness tick refreshes only when true.
   */
  livenessChanged(now: number): boolean;
  /** Refreshes, then every line in line order. */
  states(now: number): LineStateView[];
  /**
   * states(now) as JSON text. Serialised once per visible change, not per
   * request: the map is polled by every dashboard, and its JSON (about 1.3 MB
   * for 200 lines with chains) cost more than everything else in the request.
   */
  statesJson(now: number): string;
  /** Refreshes, then the line's records in [from, min(to, now)). 404 for an unknown line. */
  history(lineId: string, from: number, to: number, now: number): LineHistoryView;
  /** Refreshes, then downtime per line in [from, min(to, now)). */
  downtime(from: number, to: number, now: number): LineDowntimeReportView;
}

interface Known {
  view: LineStateView;
  /** What the view shows, to publish only on change. */
  shown: string;
  /** Primary root cause ("work-order:WO-2026-000087"), null while running. */
  causeKey: string | null;
}

/** Same lines in the same order (a refresh that changes no view can still add, drop or reorder lines). */
function sameLines(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  const keys = a.keys();
  for (const key of b.keys()) if (keys.next().value !== key) return false;
  return true;
}

const causeKeyOf = (cause: LineRootCause | null, ref: string | null) => (cause === null ? null : `${cause}:${ref ?? ''}`);

export function createLineStateTracker({ database, bus, policies }: LineStateTrackerDeps): LineStateTracker {
  let readConditions: DeviceConditionsReader | undefined;
  let roster: { value: LineRoster; readAt: number } | undefined;
  let known: Map<string, Known> | undefined;
  let changesOf: LineStateChangesReader | undefined;
  let readSilent: SilentDevicesReader | undefined;
  const totalChanges = database.sqlite.prepare<[], { n: number }>('SELECT total_changes() AS n');
  const changeMark = () => `${database.sqlite.pragma('data_version', { simple: true })}:${totalChanges.get()!.n}`;
  /** changeMark as of the last refresh (this connection's own record writes included). */
  let refreshedMark: string | undefined;
  /** silentKey of the last refresh. */
  let refreshedSilent: string | undefined;
  /** The views in line order and their JSON, kept until a refresh changes what the map shows. */
  let listed: { views: LineStateView[]; json?: string } | undefined;
  const changesBetween: LineStateChangesReader = (lineId, from, to) => (changesOf ??= lineStateChangesReader(database))(lineId, from, to);

  const rosterDue = (now: number) => !roster || now - roster.readAt >= ROSTER_MAX_AGE_MS || now < roster.readAt;

  function currentRoster(now: number, graphChanged: boolean): LineRoster {
    if (!roster || graphChanged || rosterDue(now)) roster = { value: readLineRoster(database), readAt: now };
    return roster.value;
  }

  /** The last record of each line, so `since` and change detection survive a restart. */
  function loadKnown(): Map<string, Known> {
    const map = new Map<string, Known>();
    for (const [lineId, { row, since }] of latestLineStates(database)) {
      const reasons = parseReasons(row);
      const view: LineStateView = { id: lineId, name: '', siteId: '', state: row.to, since, reasons, chain: reasons[0]?.chain ?? [] };
      map.set(lineId, { view, shown: '', causeKey: causeKeyOf(row.cause, row.causeRef) });
    }
    return map;
  }

  function refresh(now: number, options: { graphChanged?: boolean } = {}): LineStateView[] {
    readConditions ??= deviceConditionsReader(database);
    const previous = (known ??= loadKnown());
    const version = database.sqlite.pragma('data_version', { simple: true });
    const conditions = readConditions(now);
    refreshedSilent = silentKey(conditions.silent);
    const facts = lineFacts(currentRoster(now, options.graphChanged ?? false), conditions);
    const derived = deriveLineStates(policies ? facts.map((f) => ({ ...f, policy: policies.get(f.id) })) : facts);
    const next = new Map<string, Known>();
    const records: NewLineStateChangeRow[] = [];
    const changed: LineStateView[] = [];
    facts.forEach((line, i) => {
      const { state, reasons } = derived[i]!;
      const primary = reasons[0];
      const cause = primary?.cause ?? null;
      const causeRef = primary ? rootRef(primary) : null;
      const causeKey = causeKeyOf(cause, causeRef);
      const before = previous.get(line.id);
      const stateChanged = before?.view.state !== state;
      const view: LineStateView = { id: line.id, name: line.name, siteId: line.siteId, state, since: stateChanged ? now : before.view.since, reasons, chain: primary?.chain ?? [] };
      const shown = reasons.length ? JSON.stringify([line.name, line.siteId, state, reasons]) : `${line.name}\u0000${line.siteId}\u0000${state}`;
      if (stateChanged || before.causeKey !== causeKey) {
        records.push({ lineId: line.id, at: now, from: before?.view.state ?? null, to: state, cause, causeRef, reasons: JSON.stringify(reasons) });
      }
      if (stateChanged || before.shown !== shown) changed.push(view);
      next.set(line.id, { view, shown, causeKey });
    });
    if (records.length) inTransaction(database, () => insertLineStateChanges(database, records));
    // Read before the facts (a commit elsewhere after that forces the next refresh), own writes counted after ours.
    refreshedMark = `${version}:${totalChanges.get()!.n}`;
    // A view left out of `changed` shows exactly what it showed before (same state and `since`, same
    // `shown`, which covers name, site and reasons, and so the chain): the listed views still hold.
    if (changed.length > 0 || !sameLines(previous, next)) listed = undefined;
    known = next;
    for (const view of changed) bus.publish('line-state', view);
    return changed;
  }

  /**
   * Refreshes unless nothing it reads can have changed since the last
   * refresh: no write on this connection (total_changes), no commit by
   * another one (data_version), no device gone silent or back. The map is
   * polled by every dashboard; between changes it is served as it stands.
   */
  function states(now: number): LineStateView[] {
    return [...currentList(now).views];
  }

  function currentList(now: number): { views: LineStateView[]; json?: string } {
    if (!known || refreshedMark !== changeMark() || livenessChanged(now)) refresh(now);
    return (listed ??= { views: [...known!.values()].map((k) => k.view) });
  }

  function livenessChanged(now: number): boolean {
    if (refreshedSilent === undefined || rosterDue(now)) return true;
    readSilent ??= silentDevicesReader(database);
    return silentKey(readSilent(now)) !== refreshedSilent;
  }

  return {
    refresh,
    livenessChanged,
    states,
    statesJson(now) {
      const list = currentList(now);
      return (list.json ??= JSON.stringify(list.views));
    },

    history(lineId, from, to, now) {
      refresh(now);
      const line = known!.get(lineId)?.view;
      if (!line) throw notFound(`line ${lineId}`);
      const end = Math.max(from, Math.min(to, now));
      const { before, inside } = changesBetween(lineId, from, end);
      return {
        lineId,
        from,
        to: end,
        stateAtFrom: before?.to ?? null,
        changes: inside.map(toLineStateChangeView),
        downtime: toLineDowntimeView(line, before ? [before, ...inside] : inside, from, end),
      };
    },

    downtime(from, to, now) {
      const end = Math.max(from, Math.min(to, now));
      const lines = states(now).map((line) => {
        const { before, inside } = changesBetween(line.id, from, end);
        return toLineDowntimeView(line, before ? [before, ...inside] : inside, from, end);
      });
      return { from, to: end, lines };
    },
  };
}
