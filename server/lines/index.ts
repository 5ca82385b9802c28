export { lineRoutes } from './line-routes';
export { createLineService, type LineService } from './line-service';
