/**
 * Streams stored telemetry through both rule sets of a backtest: device by
 * device (detector state is per device, so this gives the same events as an
 * interleaved replay), in pages of at most `pageSize` points read with the
 * store's ordinary range query, so memory stays constant per series however
 * long the range. Each page goes through the current and the candidate set
 * before the next is read.
 *
 * The store interface has no range count, so the size of a run is estimated
 * from each device's stored count and stored span (uniform rate assumed);
 * the estimate drives progress and the up-front size check, and the real
 * count is enforced while streaming.
 */
import type { TelemetryPoint } from '../../contract/telemetry';
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import type { AnomalyEvent, ThresholdRule } from '../detection/types';
import { createRuleSetReplay, type RuleSetReplayResult } from './rule-set-replay';

export const DEFAULT_PAGE_SIZE = 10_000;
/** Most points one backtest replays (a week of 8 devices at 1 Hz). */
export const DEFAULT_MAX_POINTS = 5_000_000;

export class BacktestTooLargeError extends Error {
  constructor(
    readonly points: number,
    readonly maxPoints: number,
    estimated: boolean,
  ) {
    super(
      `the backtest would replay ${estimated ? 'about ' : 'more than '}${points.toLocaleString('en-US')} points, more than the ${maxPoints.toLocaleString('en-US')} allowed; narrow the time range or choose fewer devices`,
    );
    this.name = 'BacktestTooLargeError';
  }
}

export interface BacktestProgress {
  deviceId: string;
  pointsDone: number;
  /** An estimate; never below pointsDone. */
  pointsTotal: number;
}

export interface TelemetryReplayOptions {
  store: TelemetryStore;
  deviceIds: readonly string[];
  /** Inclusive, epoch ms of sample time. */
  from: number;
  to: number;
  current: readonly ThresholdRule[];
  candidate: readonly ThresholdRule[];
  timeToCloseMs?: number;
  pageSize?: number;
  maxPoints?: number;
  /** Points per device from estimatePoints; read when absent. */
  estimate?: ReadonlyMap<string, number>;
  onProgress?: (progress: BacktestProgress) => void;
  onEvent?: (set: 'current' | 'candidate', event: AnomalyEvent) => void;
}

export interface TelemetryReplayResult {
  points: number;
  /** Points replayed per device, in deviceIds order. */
  pointsByDevice: Map<string, number>;
  current: RuleSetReplayResult;
  candidate: RuleSetReplayResult;
}

/** Estimated points per device in [from, to]: stored count × the share of the stored span the range covers. */
export async function estimatePoints(store: TelemetryStore, deviceIds: readonly string[], from: number, to: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const deviceId of deviceIds) {
    const [first] = await store.query({ deviceId, from: 0, to, limit: 1 });
    const last = first ? await store.latest(deviceId) : null;
    if (!first || !last || last.ts < from) {
      out.set(deviceId, 0);
      continue;
    }
    const count = await store.count(deviceId);
    const span = last.ts - first.ts;
    const covered = Math.min(to, last.ts) - Math.max(from, first.ts);
    out.set(deviceId, span <= 0 ? count : Math.ceil((count * Math.max(0, covered)) / span));
  }
  return out;
}

/** Reads one device's points in [from, to] page by page, oldest first; a page never splits one timestamp. */
export async function* readPages(store: TelemetryStore, deviceId: string, from: number, to: number, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<TelemetryPoint[]> {
  if (!(Number.isInteger(pageSize) && pageSize >= 2)) throw new RangeError(`pageSize must be an integer >= 2 (got ${pageSize})`);
  let cursor = from;
  for (;;) {
    const page = await store.query({ deviceId, from: cursor, to, limit: pageSize });
    if (page.length < pageSize) {
      if (page.length) yield page;
      return;
    }
    // The page is full: points sharing its last timestamp may continue in the
    // next one, so they are left for it. A page of one timestamp only (more
    // than pageSize samples at the same ms) is taken whole and the rest of
    // that ms skipped: the detector ignores points not newer than the last.
    const lastTs = page[page.length - 1]!.ts;
    let keep = page.length;
    while (keep > 0 && page[keep - 1]!.ts === lastTs) keep--;
    if (keep === 0) {
      yield page;
      cursor = lastTs + 1;
    } else {
      yield page.slice(0, keep);
      cursor = lastTs;
    }
    if (cursor > to) return;
  }
}

export async function replayTelemetry(options: TelemetryReplayOptions): Promise<TelemetryReplayResult> {
  const { store, deviceIds, from, to, onProgress, onEvent } = options;
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  const estimate = options.estimate ?? (await estimatePoints(store, deviceIds, from, to));
  let pointsTotal = [...estimate.values()].reduce((a, b) => a + b, 0);
  const replayOptions = (set: 'current' | 'candidate') => ({
    timeToCloseMs: options.timeToCloseMs,
    ...(onEvent && { onEvent: (e: AnomalyEvent) => onEvent(set, e) }),
  });
  const current = createRuleSetReplay(options.current, replayOptions('current'));
  const candidate = createRuleSetReplay(options.candidate, replayOptions('candidate'));
  const pointsByDevice = new Map<string, number>();
  let pointsDone = 0;
  for (const deviceId of deviceIds) {
    // The estimate of a device is replaced by its real count once it is done.
    const deviceEstimate = estimate.get(deviceId) ?? 0;
    let devicePoints = 0;
    for await (const page of readPages(store, deviceId, from, to, options.pageSize)) {
      if (pointsDone + page.length > maxPoints) throw new BacktestTooLargeError(maxPoints, maxPoints, false);
      for (let i = 0; i < page.length; i++) {
        current.observe(page[i]!);
        candidate.observe(page[i]!);
      }
      pointsDone += page.length;
      devicePoints += page.length;
      onProgress?.({ deviceId, pointsDone, pointsTotal: Math.max(pointsTotal + devicePoints - deviceEstimate, pointsTotal, pointsDone) });
      // The SQLite store reads synchronously: let ingest and HTTP run between pages.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    pointsTotal += devicePoints - deviceEstimate;
    pointsByDevice.set(deviceId, devicePoints);
  }
  return { points: pointsDone, pointsByDevice, current: current.finish(to), candidate: candidate.finish(to) };
}
