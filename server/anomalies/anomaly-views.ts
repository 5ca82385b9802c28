import type { AnomalyView } from '../http/api-types';
import type { AnomalyRow } from './anomaly-repository';

export function toAnomalyView(row: AnomalyRow): AnomalyView {
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
  };
}
