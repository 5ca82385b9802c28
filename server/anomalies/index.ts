export { anomalyRoutes } from './anomaly-routes';
export { createAnomalyService, type AnomalyService } from './anomaly-service';
