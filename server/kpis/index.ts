export { computeKpis, dayEnds, type KpiInput, type KpiOrder, type KpiStatusEvent } from './kpi-compute';
export { kpisToCsv, csvFilename } from './kpi-csv';
export { kpiRoutes, type KpiRouteDeps } from './kpi-routes';
