/**
 * Shapes the HTTP API returns (and the dashboard reads). View functions in
 * server/ turn database rows into these; nothing else leaves the server.
 *
 * Errors always have the shape ApiError, with a 4xx/5xx status.
 *
 * One file per feature under server/http/api/; import from here.
 */
export * from './api/common';
export * from './api/devices';
export * from './api/work-orders';
export * from './api/rules';
export * from './api/telemetry';
export * from './api/dead-letters';
export * from './api/lines';
export * from './api/events';
export * from './api/backtests';
export * from './api/kpis';
export * from './api/technicians';
export * from './api/webhooks';
export * from './api/maintenance-plans';
