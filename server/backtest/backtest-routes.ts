/**
 * POST /backtests (mounted under /api): BacktestRequest -> BacktestResultView,
 * synchronously. Read-only but costly, so it needs 'rules.edit'
 * (reliability engineers and admins), and one runs at a time (429 while one
 * is running). Between pages of telemetry the replay yields, so ingest and
 * other requests go on meanwhile.
 *
 * 400 with the field named: a bad template (`changes.0.warn`), an unknown
 * device (`deviceIds.1`), a change that conflicts with another template
 * (`changes.2`), `to` before `from`; code 'backtest-too-large' when the range
 * holds more points than the cap.
 */
import { Hono } from 'hono';
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import type { RuleTemplate } from '../detection/types';
import type { BacktestResultView } from '../http/api-types';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/validation';
import { backtestRequestSchema } from './backtest-request';
import { runBacktest } from './backtest-service';
import { BacktestInputError } from './candidate-rules';
import { BacktestTooLargeError } from './telemetry-replay';

export interface BacktestRouteDeps {
  database: Database;
  telemetryStore: TelemetryStore;
  rules: { templates: () => RuleTemplate[] };
  /** The simulator's ground-truth log; default: the one in DATA_DIR, as the server writes it (server/config.ts). */
  groundTruthFile?: () => string;
  maxPoints?: number;
}

export function backtestRoutes(deps: BacktestRouteDeps) {
  const groundTruthFile = deps.groundTruthFile ?? (() => loadConfig(process.env).groundTruthFile);
  let running = false;
  return new Hono().post('/backtests', async (c) => {
    const body = await parseBody(c, backtestRequestSchema);
    if (running) throw new HttpError(429, 'backtest-busy', 'another backtest is running; try again when it has finished');
    running = true;
    try {
      const result = await runBacktest(
        { database: deps.database, telemetryStore: deps.telemetryStore, templates: deps.rules.templates, ...(deps.maxPoints !== undefined && { maxPoints: deps.maxPoints }) },
        { ...body, groundTruthFile: body.groundTruth === 'simulator' ? groundTruthFile() : null },
      );
      return c.json<BacktestResultView>(result);
    } catch (err) {
      if (err instanceof BacktestInputError) {
        throw new HttpError(400, 'invalid-body', `request body is invalid: ${err.path}: ${err.message}`, [{ path: err.path, message: err.message }]);
      }
      if (err instanceof BacktestTooLargeError) throw new HttpError(400, 'backtest-too-large', err.message);
      throw err;
    } finally {
      running = false;
    }
  });
}
