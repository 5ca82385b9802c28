/**
 * The gateway as one unit: ingest plus the embedded broker in front of it.
 * The broker can be stopped and started again on the same port while ingest
 * (and its dedupe state and buffers) lives on, as in a broker outage.
 */
import type { Logger } from 'pino';
import type { AgentStatus, TelemetryPoint } from '../contract/telemetry';
import type { BrokerSecurity, SecurityStats } from './auth';
import type { DeadLetterSink } from './ingest/dead-letter-sink';
import { IngestPipeline, type IngestStats } from './ingest/ingest-pipeline';
import type { DeviceDirectory } from './ingest/telemetry-validator';
import { startMqttBroker, type RunningBroker } from './mqtt-broker';
import type { TelemetryStore } from './telemetry-store/telemetry-store';

export interface GatewayOptions {
  mqttPort: number;
  mqttHost?: string;
  store: TelemetryStore;
  deadLetters: DeadLetterSink;
  devices: DeviceDirectory & { ids(): Iterable<string> };
  onStored?: (points: TelemetryPoint[]) => void;
  onAgentStatus?: (status: AgentStatus) => void;
  /** Agent authentication and access list (gateway/auth); without it the broker is open. */
  security?: BrokerSecurity;
  /** MQTT over TLS on a second port. */
  mqttTls?: { port: number; cert: Buffer; key: Buffer };
  logger: Logger;
}

/**
 * The broker ingest reads from, as /api/health and /metrics report it.
 * `embedded`: the aedes broker in this process (up while it runs);
 * `external`: this process's consumer connection to another broker
 * (MQTT_MODE=external; up while connected).
 */
export interface BrokerConnection {
  mode: 'embedded' | 'external';
  /** The broker's URL, without credentials (health is public). */
  url: string;
  up: boolean;
  /** Why it is down (stopped; the broker's DISCONNECT reason or the connection error); null while up. */
  reason: string | null;
  /** Wall-clock ms since which it has been down; null while up. */
  downSince: number | null;
  /** Embedded: connected MQTT clients (agents). External: times the consumer got its connection back. */
  connectedClients?: number;
  reconnects?: number;
}

export interface Gateway {
  readonly ingest: IngestPipeline;
  /** mqtt://host:port of the embedded broker (stable across stop/start). */
  readonly mqttUrl: string;
  readonly mqttPort: number;
  /** mqtts://host:port of the TLS listener, when configured. */
  readonly mqttTlsUrl?: string | null;
  brokerRunning(): boolean;
  broker(): BrokerConnection;
  /** Refused connections, logins, publishes and subscriptions; null while the broker is open. */
  securityStats?(): SecurityStats | null;
  stopBroker(): Promise<void>;
  startBroker(): Promise<void>;
  stats(): IngestStats & { brokerRunning: boolean; connectedClients: number };
  close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger.child({ part: 'gateway' });
  const ingest = new IngestPipeline({
    store: options.store,
    deadLetters: options.deadLetters,
    devices: options.devices,
    onStored: options.onStored,
    logger,
  });
  await ingest.start();

  let port = options.mqttPort;
  let tls = options.mqttTls;
  let broker: RunningBroker | null = null;
  let stoppedAt: number | null = null;
  const start = async () => {
    if (broker) return;
    broker = await startMqttBroker({ port, host: options.mqttHost, ingest, logger, onAgentStatus: options.onAgentStatus, security: options.security, tls });
    port = broker.port;
    stoppedAt = null;
    if (tls && broker.tlsPort !== null) tls = { ...tls, port: broker.tlsPort };
  };
  await start();
  const url = broker!.url;
  const tlsUrl = broker!.tlsUrl;

  const stop = async () => {
    const b = broker;
    broker = null;
    if (b) stoppedAt = Date.now();
    await b?.close();
  };

  return {
    ingest,
    mqttUrl: url,
    mqttPort: port,
    mqttTlsUrl: tlsUrl,
    brokerRunning: () => broker !== null,
    broker: () => ({
      mode: 'embedded',
      url,
      up: broker !== null,
      reason: broker ? null : 'stopped',
      downSince: broker ? null : stoppedAt,
      connectedClients: broker?.connectedClients() ?? 0,
    }),
    securityStats: () => options.security?.stats() ?? null,
    stopBroker: stop,
    startBroker: start,
    stats() {
      return { ...ingest.stats(), brokerRunning: broker !== null, connectedClients: broker?.connectedClients() ?? 0 };
    },
    async close() {
      await stop();
      await ingest.close();
    },
  };
}
