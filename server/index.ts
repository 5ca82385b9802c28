/**
 * The server's public surface for the composition root (main.ts):
 *
 *   const database = openDatabase(file);
 *   syncPlant(database, plant);
 *   const bus = createEventBus((err) => logger.error({ err }, 'event listener failed'));
 *   const services = createServices({ database, bus, now: Date.now, logger });
 *   const app = createApp({ database, bus, now: Date.now, logger, services, telemetryStore, dashboardDir });
 *   // ingest: services.deadLetters (DeadLetterSink), services.devices.touchDevices(map),
 *   // detector: services.rules.allEffectiveRules(), events -> services.workOrders.handleAnomalyEvent(event)
 */
export { openDatabase, type Database } from './db/database';
export { createEventBus, type EventBus, type ServerEvent } from './events/event-bus';
export { createApp, type AppDeps, type HealthView } from './http/app';
export { syncPlant, type PlantSyncResult } from './plant-sync';
export type { ServiceDeps } from './service-deps';
export { createServices, type Services } from './services';
