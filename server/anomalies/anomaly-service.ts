import type { AnomalyView, Paged } from '../http/api-types';
import type { ServiceDeps } from '../service-deps';
import { listAnomalyRows, type AnomalyFilter } from './anomaly-repository';
import { toAnomalyView } from './anomaly-views';

export type AnomalyService = ReturnType<typeof createAnomalyService>;

export function createAnomalyService({ database }: Pick<ServiceDeps, 'database'>) {
  return {
    list(filter: AnomalyFilter): Paged<AnomalyView> {
      const { rows, total } = listAnomalyRows(database, filter);
      return { items: rows.map(toAnomalyView), total };
    },
  };
}
