/**
 * Backtests: replay stored telemetry through the current rules and a
 * candidate set with the live detector and the live work-order dedupe; and a
 * benchmark of the rules over the simulator's fault scenarios.
 */
export { backtestRoutes, type BacktestRouteDeps } from './backtest-routes';
export { runBacktest, type BacktestDeps, type BacktestParams } from './backtest-service';
export { BacktestInputError } from './candidate-rules';
export { BacktestTooLargeError, DEFAULT_MAX_POINTS, type BacktestProgress } from './telemetry-replay';
export { DEFAULT_TIME_TO_CLOSE_MS } from './order-replay';
export { runFaultBenchmark, type FaultBenchmarkOptions, type FaultBenchmarkResult } from './fault-benchmark';
