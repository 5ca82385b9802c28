/** Replaying history through candidate rules. */
import { backtestRequestSchema } from '../../backtest/backtest-request';
import type { ApiFeature } from './api-operation';

export const backtestsFeature: ApiFeature = {
  tag: 'backtests',
  description: 'What current and candidate rules would have done on stored telemetry: anomalies, would-be orders, known faults caught and how early, false alarms.',
  operations: [
    {
      method: 'POST',
      path: '/api/backtests',
      summary: 'Run a backtest',
      description: 'Synchronous; one at a time. 400 names the field (a bad template, an unknown device); code backtest-too-large when the range holds more points than the cap.',
      body: backtestRequestSchema,
      response: { status: 200, schema: 'BacktestResultView', description: 'Both rule sets side by side, and their differences' },
      errors: { 429: 'Another backtest is running' },
    },
  ],
};
