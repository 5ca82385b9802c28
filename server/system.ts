/**
 * The composition root: wires gateway, detection, work orders, HTTP and (by
 * default) a simulated plant into one running system. `main.ts` runs it;
 * the journeys in test/ start it on random ports.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import type { EdgeAgent, EdgeAgentSettings } from '../edge/edge-agent';
import { startPlantAgents } from '../edge/plant-agents';
import { plantDevices, type Plant } from '../contract/plant';
import { createGateway, type Gateway } from '../gateway/gateway';
import { createInfluxTelemetryStore } from '../gateway/telemetry-store/influx-telemetry-store';
import { createSqliteTelemetryStore } from '../gateway/telemetry-store/sqlite-telemetry-store';
import type { TelemetryStore } from '../gateway/telemetry-store/telemetry-store';
import { createSimulator, SimClock, type PlantSimulator, type Scenario } from '../simulators/simulator';
import type { Config } from './config';
import { openDatabase, type Database } from './db/database';
import { createEventBus, type EventBus } from './events/event-bus';
import { ensureBootstrapToken } from './auth/bootstrap-token';
import { createApp } from './http/app';
import { startLineStateUpdates } from './line-states';
import { LiveTelemetry } from './live-telemetry';
import { healthReport } from './observability/health';
import { renderPrometheus } from './observability/prometheus';
import { collectMetrics } from './observability/system-metrics';
import { syncPlant } from './plant-sync';
import { syncSiteCalendars } from './sla/site-calendars';
import { createSlaMonitor } from './work-orders';
import { createServices, type Services } from './services';

export interface SystemOptions {
  config: Config;
  plant: Plant;
  logger: Logger;
  /** Scripted faults: a scenario, a scenario file, or null for none; default: config.SIM_SCENARIO. */
  scenario?: Scenario | string | null;
  /** Overrides of the simulated agents' settings (batch size, ticks). */
  agentSettings?: Partial<EdgeAgentSettings>;
  dashboardDir?: string;
  now?: () => number;
}

export interface RunningSystem {
  httpUrl: string;
  /** The bootstrap admin token (null once revoked), and a dashboard link that signs in with it. */
  adminToken: string | null;
  dashboardUrl: string;
  mqttUrl: string;
  database: Database;
  bus: EventBus;
  services: Services;
  telemetryStore: TelemetryStore;
  gateway: Gateway;
  live: LiveTelemetry;
  simulator: PlantSimulator | null;
  clock: SimClock | null;
  agents: EdgeAgent[];
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const { config, plant, logger } = options;
  const now = options.now ?? Date.now;

  const database = openDatabase(config.appDbFile);
  const sync = syncPlant(database, plant, now());
  syncSiteCalendars(database, plant);
  logger.info({ plant: plant.name, ...sync }, 'plant loaded');

  const bus = createEventBus((err, event) => logger.error({ err, event: event.name }, 'event listener failed'));
  const services = createServices({ database, bus, now, logger });
  const bootstrap = ensureBootstrapToken(services.tokens, config.adminTokenFile);
  if (bootstrap?.created) logger.info({ file: config.adminTokenFile }, 'created the bootstrap admin token');
  const telemetryStore = await openTelemetryStore(config, logger);
  // SLA clocks, warnings, escalations and stall flags, checked once a minute.
  const slaMonitor = createSlaMonitor({ database, bus, now, logger: logger.child({ part: 'sla' }) });
  slaMonitor.start(60_000);
  // Line states for the disturbance map: after order/anomaly events and once a second.
  const lineUpdates = startLineStateUpdates({ tracker: services.lineStates, bus, now, onError: (err) => logger.error({ err }, 'line-state refresh failed') });

  const live = new LiveTelemetry({
    rules: services.rules.allEffectiveRules(),
    onAnomaly: (event) => services.workOrders.handleAnomalyEvent(event),
    onSeen: (seen) => services.devices.touchDevices(seen),
    onLatest: (points) => bus.publish('telemetry', { points }),
    onError: (err, where) => logger.error({ err, where }, 'live telemetry handler failed'),
    now,
  });

  // Saved rule edits and overrides take effect in live detection at once.
  const unsubscribeRules = bus.subscribe((event) => {
    if (event.name === 'rules-changed') live.setRules(services.rules.allEffectiveRules());
  });

  const devices = new Map(plantDevices(plant).map((d) => [d.id, d]));
  const gateway = await createGateway({
    mqttPort: config.MQTT_PORT,
    mqttHost: config.MQTT_HOST,
    store: telemetryStore,
    deadLetters: services.deadLetters,
    devices: { get: (id) => devices.get(id), ids: () => devices.keys() },
    onStored: (points) => live.observe(points),
    onAgentStatus: (status) => logger.info({ agentId: status.agentId, state: status.state }, 'edge agent status'),
    logger,
  });

  const app = createApp({
    database,
    bus,
    now,
    logger,
    telemetryStore,
    services,
    dashboardDir: options.dashboardDir ?? 'dashboard/dist',
    health: () => systemHealth(),
    metrics: () => renderPrometheus(collectMetrics({ gateway, live, agents, database, now })),
  });
  const systemHealth = () => {
    const g = gateway.stats();
    let databaseError: string | undefined;
    try {
      database.sqlite.prepare('SELECT 1').get();
    } catch (err) {
      databaseError = (err as Error).message;
    }
    return healthReport({
      now: now(),
      brokerRunning: g.brokerRunning,
      storeFailingSince: g.storeFailingSince,
      lastStoreError: g.lastWriteError,
      bufferDepth: g.bufferDepth,
      telemetryStore: telemetryStore.kind,
      databaseOk: databaseError === undefined,
      ...(databaseError !== undefined && { databaseError }),
    });
  };
  const http = await listen(app.fetch, config.HOST, config.PORT);
  const httpPort = (http.address() as AddressInfo).port;
  const httpUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${httpPort}`;

  const retention = setInterval(() => {
    telemetryStore.applyRetention(now()).then(
      (deleted) => deleted && logger.info({ deleted }, 'telemetry retention applied'),
      (err) => logger.error({ err }, 'telemetry retention failed'),
    );
  }, HOUR_MS);
  retention.unref();

  let simulator: PlantSimulator | null = null;
  let clock: SimClock | null = null;
  let agents: EdgeAgent[] = [];
  if (config.SIMULATOR) {
    clock = new SimClock({ startAt: now(), speed: config.SIM_SPEED });
    const scenario = options.scenario === undefined ? config.SIM_SCENARIO : options.scenario;
    simulator = createSimulator({
      plant,
      seed: config.SIM_SEED,
      startAt: clock.startAt,
      ...(scenario !== null && { scenario }),
      ...(config.SIM_RANDOM_FAULTS_PER_DEVICE_DAY > 0 && { randomFaults: { perDeviceDay: config.SIM_RANDOM_FAULTS_PER_DEVICE_DAY } }),
      groundTruthFile: config.groundTruthFile,
    });
    agents = startPlantAgents({
      plant,
      source: simulator,
      clock,
      brokerUrl: gateway.mqttUrl,
      outboxDir: config.outboxDir,
      settings: { sampleIntervalMs: config.SIM_SAMPLE_SECONDS * 1000, ...options.agentSettings },
      logger: logger.child({ part: 'edge' }),
    });
  }

  let stopped = false;
  return {
    httpUrl,
    adminToken: bootstrap?.token ?? null,
    dashboardUrl: bootstrap ? `${httpUrl}/#token=${bootstrap.token}` : `${httpUrl}/`,
    mqttUrl: gateway.mqttUrl,
    database,
    bus,
    services,
    telemetryStore,
    gateway,
    live,
    simulator,
    clock,
    agents,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(retention);
      await Promise.all(agents.map((a) => a.stop()));
      await gateway.close();
      unsubscribeRules();
      live.stop();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections?.();
      });
      slaMonitor.stop();
      lineUpdates.stop();
      await telemetryStore.close();
      database.close();
    },
  };
}

type NodeServer = ServerType & { closeAllConnections?: () => void; address(): AddressInfo | string | null };

function listen(fetch: Parameters<typeof serve>[0]['fetch'], hostname: string, port: number): Promise<NodeServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server as NodeServer)) as NodeServer;
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`HTTP port ${port} is in use; set PORT to a free port`) : err),
    );
  });
}

/** The embedded SQLite store by default; InfluxDB when configured (checked at start, so a wrong URL fails fast). */
async function openTelemetryStore(config: Config, logger: Logger): Promise<TelemetryStore> {
  if (!config.influx) return createSqliteTelemetryStore({ file: config.telemetryDbFile, retentionMs: config.retentionMs });
  const store = createInfluxTelemetryStore({ ...config.influx, retentionMs: config.retentionMs, onWarning: (m) => logger.warn(m) });
  try {
    await store.verify();
  } catch (err) {
    await store.close();
    throw new Error(`cannot use InfluxDB at ${config.influx.url}: ${(err as Error).message}. Check INFLUX_URL and the credentials, or unset TELEMETRY_STORE to use the embedded store.`);
  }
  logger.info({ url: config.influx.url }, 'telemetry store: InfluxDB');
  return store;
}
