/** Maintenance KPIs. */
import { kpiQuery } from '../../kpis/kpi-routes';
import type { ApiFeature } from './api-operation';

const window = 'from/to: epoch ms or ISO 8601; default the 30 days ending now; at most 366 days. An unknown site, line or device is a 400 naming the parameter.';

export const kpisFeature: ApiFeature = {
  tag: 'kpis',
  description: 'MTTA, MTTR, MTBF, SLA attainment, backlog and rule precision (definitions in server/kpis/kpi-compute.ts).',
  operations: [
    { method: 'GET', path: '/api/kpis', summary: 'Maintenance KPIs', description: window, query: kpiQuery, response: { status: 200, schema: 'KpiView', description: 'The KPIs' } },
    { method: 'GET', path: '/api/kpis.csv', summary: 'Maintenance KPIs as CSV', description: `Columns metric, scope, value, unit; sent as an attachment. ${window}`, query: kpiQuery, response: { status: 200, contentType: 'text/csv', description: 'CSV' } },
  ],
};
