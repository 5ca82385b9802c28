/**
 * The composition root: wires gateway, detection, work orders, HTTP and (by
 * default) a simulated plant into one running system. `main.ts` runs it;
 * the journeys in test/ start it on random ports.
 */
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import type { EdgeAgent, EdgeAgentSettings } from '../edge/edge-agent';
import { agentGroups, startPlantAgents } from '../edge/plant-agents';
import { brokerSecurityMetrics, createBrokerSecurity } from '../gateway/auth';
import { plantDevices, type Plant } from '../contract/plant';
import { createExternalGateway } from '../gateway/external-broker/external-gateway';
import { StoredSeriesFollower } from '../gateway/external-broker/stored-series-follower';
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
import { createMaintenancePlanMonitor } from './maintenance-plans';
import { createServices, type Services } from './services';
import { createWebhookDispatcher, createWebhookService, startWebhookIntake, webhookMetrics } from './webhooks';

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
  /** With a share group of ingest workers, detection reads the stored series back per device (null otherwise). */
  detectionFollower: StoredSeriesFollower | null;
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
  const { feedsReset, ...loaded } = sync;
  logger.info({ plant: plant.name, ...loaded }, 'plant loaded');
  if (feedsReset) logger.warn({ plant: plant.name }, feedsReset);

  const bus = createEventBus((err, event) => logger.error({ err, event: event.name }, 'event listener failed'));
  const services = createServices({ database, bus, now, logger }, { autoAssignOnAcknowledge: config.AUTO_ASSIGN_ON_ACK });
  const bootstrap = ensureBootstrapToken(services.tokens, config.adminTokenFile);
  if (bootstrap?.created) logger.info({ file: config.adminTokenFile }, 'created the bootstrap admin token');
  const telemetryStore = await openTelemetryStore(config, logger);
  // SLA clocks, warnings, escalations and stall flags, checked once a minute.
  const slaMonitor = createSlaMonitor({ database, bus, now, logger: logger.child({ part: 'sla' }) });
  slaMonitor.start(60_000);
  // Preventive orders from maintenance plans (calendar or running hours), checked once a minute.
  const planMonitor = createMaintenancePlanMonitor({ database, bus, now, logger: logger.child({ part: 'maintenance-plans' }), workOrders: services.workOrders });
  planMonitor.start(60_000);
  // Line states for the disturbance map: after order/anomaly events and once a second.
  const lineUpdates = startLineStateUpdates({ tracker: services.lineStates, bus, now, onError: (err) => logger.error({ err }, 'line-state refresh failed') });
  // Outgoing webhooks: work-order changes are queued as delivery rows; the dispatcher sends what is due (also after a restart).
  const webhookLogger = logger.child({ part: 'webhooks' });
  const webhooks = createWebhookService({ database, now, onQueued: () => webhookDispatcher.wake() });
  const webhookIntake = startWebhookIntake({ database, bus, webhooks, onError: (err) => webhookLogger.error({ err }, 'queueing webhook deliveries failed') });
  const webhookDispatcher = createWebhookDispatcher({ database, now, logger: webhookLogger, beforeRun: () => webhookIntake.sweep() });
  webhookDispatcher.start();

  const devices = new Map(plantDevices(plant).map((d) => [d.id, d]));
  // The simulated plant's clock (SIM_SPEED times the wall clock); detection time runs on it while simulating.
  const clock: SimClock | null = config.SIMULATOR ? new SimClock({ startAt: now(), speed: config.SIM_SPEED }) : null;
  const live = new LiveTelemetry({
    rules: services.rules.allEffectiveRules(),
    onAnomaly: (event) => services.workOrders.handleAnomalyEvent(event),
    onSeen: (seen) => services.devices.touchDevices(seen),
    onLatest: (points) => bus.publish('telemetry', { points }),
    // Running hours for running-hours maintenance plans: one batch update per tick.
    ratedCurrentOf: (id) => devices.get(id)?.ratedCurrent,
    onRunning: (runningMs) => services.devices.addRunningTime(runningMs),
    onError: (err, where) => logger.error({ err, where }, 'live telemetry handler failed'),
    now,
    detectionClock: clock ? () => clock.now() : now,
  });

  // Saved rule edits and overrides take effect in live detection at once.
  const unsubscribeRules = bus.subscribe((event) => {
    if (event.name === 'rules-changed') live.setRules(services.rules.allEffectiveRules());
  });

  const gatewayParts = {
    store: telemetryStore,
    deadLetters: services.deadLetters,
    devices: { get: (id: string) => devices.get(id), ids: () => devices.keys() },
    onAgentStatus: (status: { agentId: string; state: string }) => logger.info({ agentId: status.agentId, state: status.state }, 'edge agent status'),
    logger,
  };
  // Shared subscriptions split a device's batches over workers: detection then follows the stored series instead of this worker's share.
  const detectionFollower = config.INGEST_SHARE_GROUP
    ? new StoredSeriesFollower({
        store: telemetryStore,
        deviceIds: () => devices.keys(),
        onPoints: (points) => live.observe(points),
        onError: (err) => logger.error({ err }, 'reading stored telemetry for detection failed'),
      })
    : null;
  // Agent logins and the plant-file access list on the embedded broker (README "Security").
  const brokerAuth =
    config.MQTT_MODE === 'embedded' && config.mqttAuth.required
      ? createBrokerSecurity({
          credentialsFile: config.agentCredentialsFile,
          agents: agentGroups(plant),
          limits: { burst: config.MQTT_CONNECT_BURST, perSecond: config.MQTT_CONNECT_PER_SECOND, maxClients: config.MQTT_MAX_CLIENTS },
          logger: logger.child({ part: 'mqtt-security' }),
          // Connection rates are wall-clock rates: the real clock, even when the server's `now` is simulated.
        })
      : null;
  if (config.MQTT_MODE === 'embedded') {
    // A broken credentials file stops the start here, with the file and the problem named.
    const withCredentials = brokerAuth?.authenticator.fileAgents().length ?? 0;
    logger.info(
      { required: config.mqttAuth.required, because: config.mqttAuth.because, credentialsFile: config.agentCredentialsFile, agentsWithCredentials: withCredentials },
      config.mqttAuth.required ? 'MQTT agent logins required' : 'MQTT agent logins are off (loopback-only broker); add agent credentials with gateway/auth/cli.ts to require them',
    );
  }
  const gateway =
    config.MQTT_MODE === 'external'
      ? await createExternalGateway({
          ...gatewayParts,
          url: config.MQTT_URL!,
          clientId: config.MQTT_CLIENT_ID,
          username: config.MQTT_USERNAME,
          password: config.MQTT_PASSWORD,
          shareGroup: config.INGEST_SHARE_GROUP,
          ...(!detectionFollower && { onStored: (points) => live.observe(points) }),
        })
      : await createGateway({
          ...gatewayParts,
          mqttPort: config.MQTT_PORT,
          mqttHost: config.MQTT_HOST,
          onStored: (points) => live.observe(points),
          ...(brokerAuth && { security: brokerAuth.security }),
          ...(config.mqttTls && { mqttTls: config.mqttTls }),
        });
  await detectionFollower?.start();

  const app = createApp({
    database,
    bus,
    now,
    logger,
    telemetryStore,
    services,
    dashboardDir: options.dashboardDir ?? 'dashboard/dist',
    health: () => systemHealth(),
    webhooks,
    metrics: () =>
      renderPrometheus([
        ...collectMetrics({ gateway, live, agents, database, now }),
        ...webhookMetrics(database, webhookDispatcher.stats(), now()),
        ...brokerSecurityMetrics(gateway.securityStats?.() ?? null),
      ]),
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
      broker: gateway.broker(),
      storeFailingSince: g.storeFailingSince,
      lastStoreError: g.lastWriteError,
      bufferDepth: g.bufferDepth,
      telemetryStore: telemetryStore.kind,
      databaseOk: databaseError === undefined,
      ...(databaseError !== undefined && { databaseError }),
    });
  };
  const http = await listen(app.fetch, config.HOST, config.PORT, config.httpTls);
  const httpPort = (http.address() as AddressInfo).port;
  const httpUrl = `${config.httpTls ? 'https' : 'http'}://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${httpPort}`;

  const retention = setInterval(() => {
    telemetryStore.applyRetention(now()).then(
      (deleted) => deleted && logger.info({ deleted }, 'telemetry retention applied'),
      (err) => logger.error({ err }, 'telemetry retention failed'),
    );
  }, HOUR_MS);
  retention.unref();

  let simulator: PlantSimulator | null = null;
  let agents: EdgeAgent[] = [];
  if (clock) {
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
      // The simulated agents run in this process: a fresh random secret each per start, held only in memory.
      ...(brokerAuth && { password: (agentId: string) => brokerAuth.authenticator.issueInProcessSecret(agentId) }),
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
    detectionFollower,
    simulator,
    clock,
    agents,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(retention);
      await Promise.all(agents.map((a) => a.stop()));
      await gateway.close();
      await detectionFollower?.stop();
      unsubscribeRules();
      live.stop();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections?.();
      });
      slaMonitor.stop();
      planMonitor.stop();
      lineUpdates.stop();
      webhookIntake.stop();
      await webhookDispatcher.stop();
      await telemetryStore.close();
      database.close();
    },
  };
}

type NodeServer = ServerType & { closeAllConnections?: () => void; address(): AddressInfo | string | null };

function listen(fetch: Parameters<typeof serve>[0]['fetch'], hostname: string, port: number, tls: Config['httpTls']): Promise<NodeServer> {
  return new Promise((resolve, reject) => {
    const options = tls ? { fetch, hostname, port, createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } } : { fetch, hostname, port };
    const server = serve(options, () => resolve(server as NodeServer)) as NodeServer;
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`HTTP port ${port} is in use; set PORT to a free port`) : err),
    );
  });
}

/** The embedded SQLite store by default; InfluxDB when configured (checked at start, so a wrong URL fails fast). */
export async function openTelemetryStore(config: Config, logger: Logger): Promise<TelemetryStore> {
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
