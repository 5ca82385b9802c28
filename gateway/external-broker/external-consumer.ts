/**
 * Ingest from an external MQTT broker (e.g. Mosquitto) instead of the
 * embedded one. An MQTT 5 client with a persistent session (clean start off,
 * a session expiry, a stable client id) subscribes to the telemetry topics
 * with QoS 1 — through a shared subscription `$share/<group>/...` when
 * several ingest workers split the load — and feeds every message to the
 * same IngestPipeline as the embedded broker.
 *
 * The PUBACK to the broker goes out only after the message's samples are
 * stored: MQTT.js sends it when `handleMessage` calls back, and it handles
 * one message at a time per connection, so the broker keeps the rest queued
 * for this session (at most `receiveMaximum` are on the wire). A consumer
 * that dies or is stopped before storing a message leaves it unacknowledged,
 * and the broker delivers it again when the session resumes. At-least-once
 * delivery plus storage idempotent by (device, seq) is exactly once.
 *
 * Agent status messages (retained online/offline) are read with a plain,
 * non-shared subscription, so every worker sees them. Commands to agents are
 * not consumed here: whoever issues one publishes it to the broker.
 */
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { agentStatusSchema, type AgentStatus } from '../../contract/telemetry';
import { parseTopic, TopicError, topics } from '../../contract/topics';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { trackBrokerLink, type BrokerLinkState } from './broker-link';

export interface ExternalConsumerOptions {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  /** MQTT 5 share group: each message goes to one member of the group. */
  shareGroup?: string;
  ingest: Pick<IngestPipeline, 'handleTelemetry' | 'deadLetter'>;
  onAgentStatus?: (status: AgentStatus) => void;
  logger: Logger;
  /** How long the broker keeps this session (its subscriptions and queued messages) while the consumer is away. */
  sessionExpirySeconds?: number;
  /** Messages the broker may have sent and not yet had acknowledged. */
  receiveMaximum?: number;
  reconnectPeriodMs?: number;
}

export interface ExternalConsumer {
  /** Resolves once connected and subscribed the first time. */
  readonly ready: Promise<void>;
  connected(): boolean;
  /** The connection as health reports it: up, or down since when and why. */
  link(): BrokerLinkState;
  readonly stats: { messages: number; acknowledged: number; reconnects: number; lastError: string | null };
  /** Disconnects without acknowledging what is being processed (the broker redelivers it to this session later). */
  close(): Promise<void>;
}

export const DEFAULT_SESSION_EXPIRY_SECONDS = 7 * 86_400;

/** The telemetry subscription filter, shared when a group is given. */
export function telemetryFilter(shareGroup?: string): string {
  return shareGroup ? `$share/${shareGroup}/${topics.allTelemetry}` : topics.allTelemetry;
}

export function startExternalConsumer(options: ExternalConsumerOptions): ExternalConsumer {
  const { ingest, logger } = options;
  const stats = { messages: 0, acknowledged: 0, reconnects: 0, lastError: null as string | null };
  let closing = false;
  const clientOptions: IClientOptions = {
    protocolVersion: 5,
    clientId: options.clientId,
    clean: false,
    properties: {
      sessionExpiryInterval: options.sessionExpirySeconds ?? DEFAULT_SESSION_EXPIRY_SECONDS,
      receiveMaximum: options.receiveMaximum ?? 64,
    },
    reconnectPeriod: options.reconnectPeriodMs ?? 1000,
    connectTimeout: 10_000,
    ...(options.username !== undefined && { username: options.username }),
    ...(options.password !== undefined && { password: options.password }),
  };
  const client: MqttClient = connect(options.url, clientOptions);
  const link = trackBrokerLink(client);

  // Called by MQTT.js before it sends the PUBACK (QoS 1); the next message waits until this calls back.
  client.handleMessage = (packet, callback) => {
    if (packet.cmd !== 'publish') return callback();
    stats.messages++;
    const topic = packet.topic;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const done = (err?: Error) => {
      if (closing) return; // no PUBACK: the broker sends it again to this session
      if (err) {
        stats.lastError = err.message;
        logger.error({ err: err.message, topic }, 'ingest failed; reconnecting so the broker delivers the message again');
        client.end(true, () => client.reconnect());
        return;
      }
      stats.acknowledged++;
      callback();
    };
    const parsed = parseTopic(topic);
    if (parsed instanceof TopicError) {
      ingest.deadLetter(topic, payload, null, 'bad-topic', parsed.message);
      return done();
    }
    if (parsed.kind === 'telemetry') {
      ingest.handleTelemetry(topic, payload, null).then(() => done(), done);
      return;
    }
    if (parsed.kind === 'status') handleStatus(topic, payload);
    done();
  };

  const handleStatus = (topic: string, payload: Buffer) => {
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch (err) {
      return ingest.deadLetter(topic, payload, null, 'malformed-json', `status payload is not JSON: ${(err as Error).message}`);
    }
    const r = agentStatusSchema.safeParse(json);
    if (!r.success) return ingest.deadLetter(topic, payload, null, 'schema', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    options.onAgentStatus?.(r.data);
  };

  let subscribed = false;
  const ready = new Promise<void>((resolve, reject) => {
    client.once('error', (err) => {
      if (!subscribed) reject(new Error(`cannot connect to the MQTT broker at ${options.url}: ${err.message}`));
    });
    client.on('connect', (connack) => {
      logger.info({ url: options.url, clientId: options.clientId, sessionPresent: connack.sessionPresent, shareGroup: options.shareGroup }, 'connected to the external MQTT broker');
      if (subscribed) return; // later sessions: kept by the broker, or restored by MQTT.js' resubscribe when the broker lost them
      const subs = { [telemetryFilter(options.shareGroup)]: { qos: 1 as const }, [topics.allStatus]: { qos: 1 as const } };
      client.subscribe(subs, (err, granted) => {
        const refused = granted?.filter((g) => g.qos > 1);
        if (err || refused?.length) {
          const why = err?.message ?? `broker refused ${refused!.map((g) => g.topic).join(', ')}`;
          stats.lastError = why;
          logger.error({ err: why }, 'subscribing to telemetry failed');
          if (!subscribed) reject(new Error(`cannot subscribe at ${options.url}: ${why}`));
          return;
        }
        subscribed = true;
        resolve();
      });
    });
  });
  client.on('reconnect', () => stats.reconnects++);
  client.on('error', (err) => {
    stats.lastError = err.message;
    logger.warn({ err: err.message }, 'external MQTT broker connection error');
  });
  client.on('offline', () => logger.warn({ url: options.url }, 'external MQTT broker unreachable; retrying'));

  return {
    ready,
    connected: () => client.connected,
    link: () => link.state(),
    stats,
    async close() {
      closing = true;
      link.stopped('ingest consumer stopped by this process');
      await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
    },
  };
}
