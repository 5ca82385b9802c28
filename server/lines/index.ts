export { checkFeedsChange, type GraphLine } from './line-graph';
export { lineRoutes, type LineRouteOptions } from './line-routes';
export { createLineService, type LineService } from './line-service';
