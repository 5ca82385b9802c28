/**
 * Anomalies as people see them. Two independent facts per anomaly: active
 * (until the detector clears it) and acknowledged (someone has seen it, here
 * or by taking up its order). Acknowledging never clears; clearing never
 * acknowledges. A cleared anomaly stays as it is: the rule is re-armed, and
 * its next raise is a new, unacknowledged anomaly.
 */
import type { AnomalyView, Paged } from '../http/api-types';
import { notFound } from '../http/errors';
import type { ServiceDeps } from '../service-deps';
import { acknowledgeAnomaly, findAnomalyRow, listAnomalyRows, predictedBreaches, type AnomalyFilter, type AnomalyRow } from './anomaly-repository';
import { toAnomalyView } from './anomaly-views';

export type AnomalyService = ReturnType<typeof createAnomalyService>;

export function createAnomalyService({ database, bus, logger }: Pick<ServiceDeps, 'database' | 'bus' | 'logger'>) {
  const views = (rows: AnomalyRow[]): AnomalyView[] => {
    const predicted = predictedBreaches(database, rows);
    return rows.map((row) => toAnomalyView(row, predicted.get(row.id) ?? null));
  };

  return {
    list(filter: AnomalyFilter): Paged<AnomalyView> {
      const { rows, total } = listAnomalyRows(database, filter);
      return { items: views(rows), total };
    },

    /** Marks the anomaly acknowledged (idempotent); 404 for an unknown id. Publishes 'anomaly' when it changed. */
    acknowledge(id: number, by: string): AnomalyView {
      const row = findAnomalyRow(database, id);
      if (!row) throw notFound(`anomaly ${id}`);
      if (row.acknowledged) return views([row])[0]!;
      const view = views([acknowledgeAnomaly(database, id)])[0]!;
      logger.info({ anomalyId: id, by }, 'anomaly acknowledged');
      bus.publish('anomaly', view);
      return view;
    },
  };
}
