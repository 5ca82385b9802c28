export { deviceLiveness, ONLINE_WITHIN_MS, STALE_WITHIN_MS } from './device-liveness';
export { deviceRoutes, MAX_TELEMETRY_POINTS } from './device-routes';
export { createDeviceService, type DeviceService } from './device-service';
export { MAX_GAP_MS, RUNNING_SHARE, RunningHoursAccumulator } from './running-hours';
