/**
 * The gateway when the broker is someone else's (MQTT_MODE=external): the
 * same ingest pipeline, fed by a consumer of the external broker instead of
 * the embedded aedes. It has the embedded gateway's shape, so the journeys
 * treat both alike; "broker running" means the consumer is connected, and
 * stop/start disconnect and reconnect it. broker() says it is an external
 * broker, so health and metrics speak of the connection to it (down: since
 * when and why, e.g. the broker's DISCONNECT reason or ECONNREFUSED).
 *
 * With a share group, several workers split the messages, so one device's
 * batches reach several of them. Their ingest dedupe is then only a first
 * filter: it is not warm-started from the store (another worker may have
 * stored later seqs of a device while this one still holds earlier,
 * unacknowledged ones), and the store's idempotency by (device, seq) is what
 * makes storage exactly once. Detection then runs from the store, not from
 * `onStored` (see stored-series-follower.ts).
 */
import type { Logger } from 'pino';
import type { AgentStatus, TelemetryPoint } from '../../contract/telemetry';
import type { BrokerConnection, Gateway } from '../gateway';
import type { DeadLetterSink } from '../ingest/dead-letter-sink';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import type { DeviceDirectory } from '../ingest/telemetry-validator';
import type { TelemetryStore } from '../telemetry-store/telemetry-store';
import { startExternalConsumer, type ExternalConsumer, type ExternalConsumerOptions } from './external-consumer';

export interface ExternalGatewayOptions {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  shareGroup?: string;
  store: TelemetryStore;
  deadLetters: DeadLetterSink;
  devices: DeviceDirectory & { ids(): Iterable<string> };
  onStored?: (points: TelemetryPoint[]) => void;
  onAgentStatus?: (status: AgentStatus) => void;
  logger: Logger;
  consumer?: Pick<ExternalConsumerOptions, 'sessionExpirySeconds' | 'receiveMaximum' | 'reconnectPeriodMs'>;
}

export async function createExternalGateway(options: ExternalGatewayOptions): Promise<Gateway> {
  const logger = options.logger.child({ part: 'gateway', broker: 'external' });
  const ingest = new IngestPipeline({
    store: options.store,
    deadLetters: options.deadLetters,
    devices: options.devices,
    onStored: options.onStored,
    logger,
    // One message at a time per connection (acknowledged after its store write): waiting to batch across messages only adds latency.
    maxBatchDelayMs: 0,
  });
  if (!options.shareGroup) await ingest.start();

  let consumer: ExternalConsumer | null = null;
  /** Reconnects of consumers already stopped, so the count survives stop/start. */
  let earlierReconnects = 0;
  let stoppedAt: number | null = null;
  const safeUrl = withoutCredentials(options.url);
  const start = async () => {
    if (consumer) return;
    const c = startExternalConsumer({
      url: options.url,
      clientId: options.clientId,
      username: options.username,
      password: options.password,
      shareGroup: options.shareGroup,
      ingest,
      onAgentStatus: options.onAgentStatus,
      logger,
      ...options.consumer,
    });
    consumer = c;
    stoppedAt = null;
    try {
      await c.ready;
    } catch (err) {
      consumer = null;
      await c.close();
      throw err;
    }
  };
  const stop = async () => {
    const c = consumer;
    consumer = null;
    if (c) {
      earlierReconnects += c.link().reconnects;
      stoppedAt = Date.now();
    }
    await c?.close();
  };
  await start();

  const port = Number(new URL(options.url).port) || 1883;
  return {
    ingest,
    mqttUrl: options.url,
    mqttPort: port,
    brokerRunning: () => consumer?.connected() ?? false,
    broker(): BrokerConnection {
      const link = consumer?.link() ?? { up: false, reason: 'ingest consumer stopped by this process', downSince: stoppedAt, reconnects: 0 };
      return { mode: 'external', url: safeUrl, up: link.up, reason: link.reason, downSince: link.downSince, reconnects: earlierReconnects + link.reconnects };
    },
    stopBroker: stop,
    startBroker: start,
    stats() {
      return { ...ingest.stats(), brokerRunning: consumer?.connected() ?? false, connectedClients: consumer?.connected() ? 1 : 0 };
    },
    async close() {
      await stop();
      await ingest.close();
    },
  };
}

/** The URL with any user name and password left out: health and logs may show it. */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}
