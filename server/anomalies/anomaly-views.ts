import type { AnomalyView } from '../http/api-types';
import type { AnomalyRow } from './anomaly-repository';

/** predictedBreachAt: for trend-to-limit anomalies, when the limit is predicted to be reached. */
export function toAnomalyView(row: AnomalyRow, predictedBreachAt: number | null = null): AnomalyView {
  return {
    id: row.id,
    deviceId: row.deviceId,
    metric: row.metric,
    ruleId: row.ruleId,
    failureMode: row.failureMode,
    severity: row.severity,
    active: row.active,
    acknowledged: row.acknowledged,
    startedAt: row.startedAt,
    lastEventAt: row.lastEventAt,
    clearedAt: row.clearedAt,
    lastValue: row.lastValue,
    workOrderId: row.workOrderId,
    predictedBreachAt,
  };
}
