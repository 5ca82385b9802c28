/**
 * One backtest, end to end: resolve both rule sets for the chosen devices,
 * gather the known faults, check the size, replay the stored telemetry, score
 * and compare. Used by POST /api/backtests and by `npm run backtest`.
 */
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import type { Database } from '../db/database';
import type { RuleTemplate } from '../detection/types';
import type { BacktestResultView } from '../http/api-types';
import { loadConfirmedOrders, loadDevices, loadGroundTruth } from './backtest-sources';
import { BacktestInputError, resolveRuleSets } from './candidate-rules';
import { DEFAULT_CONFIRMED_LOOKBACK_MS, faultsFromConfirmedOrders, faultsFromGroundTruth, mergeKnownFaults, type KnownFault } from './known-faults';
import { DEFAULT_TIME_TO_CLOSE_MS } from './order-replay';
import { diffOrders, ruleSetView } from './scoring';
import { BacktestTooLargeError, DEFAULT_MAX_POINTS, estimatePoints, replayTelemetry, type BacktestProgress } from './telemetry-replay';

export interface BacktestDeps {
  database: Database;
  telemetryStore: TelemetryStore;
  /** The stored rule templates (the current set). */
  templates: () => RuleTemplate[];
  maxPoints?: number;
  pageSize?: number;
}

export interface BacktestParams {
  /** Default: every device. */
  deviceIds?: readonly string[];
  from: number;
  to: number;
  changes: readonly RuleTemplate[];
  /** Simulator ground-truth log to score against; null for none. A missing file is a warning. */
  groundTruthFile: string | null;
  timeToCloseMs?: number;
  confirmedLookbackMs?: number;
  onProgress?: (progress: BacktestProgress) => void;
}

export async function runBacktest(deps: BacktestDeps, params: BacktestParams): Promise<BacktestResultView> {
  const { from, to } = params;
  if (to < from) throw new BacktestInputError('to', 'must not be before from');
  const timeToCloseMs = params.timeToCloseMs ?? DEFAULT_TIME_TO_CLOSE_MS;
  const devices = loadDevices(deps.database, params.deviceIds);
  const deviceIds = devices.map((d) => d.id);
  const rules = resolveRuleSets(devices, deps.templates(), params.changes);
  const warnings = [...rules.warnings];

  const range = { from, to };
  const selected = new Set(deviceIds);
  let simulatorFaults: KnownFault[] = [];
  if (params.groundTruthFile !== null) {
    const records = loadGroundTruth(params.groundTruthFile);
    if (records === null) warnings.push(`no simulator ground truth at ${params.groundTruthFile}; scored against confirmed work orders only`);
    simulatorFaults = faultsFromGroundTruth(records ?? [], range).filter((f) => selected.has(f.deviceId));
  }
  const confirmed = faultsFromConfirmedOrders(loadConfirmedOrders(deps.database), range, params.confirmedLookbackMs ?? DEFAULT_CONFIRMED_LOOKBACK_MS).filter((f) =>
    selected.has(f.deviceId),
  );
  const known = mergeKnownFaults(simulatorFaults, confirmed);

  const maxPoints = deps.maxPoints ?? DEFAULT_MAX_POINTS;
  const estimate = await estimatePoints(deps.telemetryStore, deviceIds, from, to);
  const estimated = [...estimate.values()].reduce((a, b) => a + b, 0);
  if (estimated > maxPoints) throw new BacktestTooLargeError(estimated, maxPoints, true);

  const replay = await replayTelemetry({
    store: deps.telemetryStore,
    deviceIds,
    from,
    to,
    current: rules.current,
    candidate: rules.candidate,
    timeToCloseMs,
    maxPoints,
    estimate,
    ...(deps.pageSize !== undefined && { pageSize: deps.pageSize }),
    ...(params.onProgress && { onProgress: params.onProgress }),
  });
  if (replay.points === 0) warnings.push('no stored telemetry for these devices in the range');

  const current = ruleSetView(replay.current, known, replay.pointsByDevice);
  const candidate = ruleSetView(replay.candidate, known, replay.pointsByDevice);
  return {
    from,
    to,
    deviceIds,
    timeToCloseMs,
    points: replay.points,
    changedRuleIds: params.changes.map((t) => t.id),
    knownFaults: {
      simulator: known.filter((f) => f.source === 'simulator').length,
      confirmedOrders: known.filter((f) => f.source === 'confirmed-order').length,
    },
    warnings,
    current: current.view,
    candidate: candidate.view,
    diff: diffOrders(candidate.orders, current.orders),
  };
}
