/**
 * The embedded MQTT broker (aedes over TCP) with ingest at its security
 * boundary: every PUBLISH passes authorizePublish, where telemetry is
 * validated and stored before aedes sends the PUBACK. So an agent's QoS 1
 * message is acknowledged only once its samples are safe, and a bad message
 * is dead-lettered and acknowledged (never a reason to drop the connection,
 * or the agent's outbox would resend it forever).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from 'pino';
import { agentStatusSchema, formatIssues, type AgentStatus } from '../contract/telemetry';
import { parseTopic, TopicError } from '../contract/topics';
import type { IngestPipeline } from './ingest/ingest-pipeline';

export interface MqttBrokerOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  host?: string;
  ingest: IngestPipeline;
  logger: Logger;
  /** Called with every valid agent status (online, or the offline last will). */
  onAgentStatus?: (status: AgentStatus) => void;
}

export interface RunningBroker {
  readonly port: number;
  readonly url: string;
  connectedClients(): number;
  close(): Promise<void>;
}

export async function startMqttBroker(options: MqttBrokerOptions): Promise<RunningBroker> {
  const { ingest, logger } = options;
  const broker = await Aedes.createBroker({ maxClientsIdLength: 64 });
  let closing = false;

  broker.authorizePublish = (client, packet, callback) => {
    const clientId = client?.id ?? null;
    const topic = packet.topic;
    if (topic.startsWith('$SYS')) return callback(new Error('$SYS topics are reserved'));
    if (closing) return callback(new Error('broker is shutting down; the message will be resent'));
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const parsed = parseTopic(topic);
    if (parsed instanceof TopicError) {
      ingest.deadLetter(topic, payload, clientId, 'bad-topic', parsed.message);
      packet.retain = false;
      return callback(null);
    }
    if (parsed.kind === 'telemetry') {
      ingest.handleTelemetry(topic, payload, clientId).then(
        () => callback(null),
        (err: Error) => callback(err),
      );
      return;
    }
    if (parsed.kind === 'status') {
      const status = parseStatus(payload);
      if ('error' in status) {
        ingest.deadLetter(topic, payload, clientId, status.reason, status.error);
        packet.retain = false;
      } else {
        options.onAgentStatus?.(status.value);
      }
    }
    callback(null);
  };

  broker.on('clientError', (client, err) => logger.warn({ clientId: client?.id, err: err.message }, 'MQTT client error'));
  broker.on('connectionError', (client, err) => logger.warn({ clientId: client?.id, err: err.message }, 'MQTT connection error'));
  broker.on('client', (client) => logger.debug({ clientId: client.id }, 'MQTT client connected'));
  broker.on('clientDisconnect', (client) => logger.debug({ clientId: client.id }, 'MQTT client disconnected'));

  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`MQTT port ${options.port} is in use; set MQTT_PORT to a free port`) : err),
    );
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host ?? '127.0.0.1';
  logger.info({ port, host }, 'MQTT broker listening');

  return {
    port,
    url: `mqtt://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    connectedClients: () => broker.connectedClients,
    async close() {
      closing = true;
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseStatus(payload: Buffer): { value: AgentStatus } | { error: string; reason: 'malformed-json' | 'schema' } {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return { error: `status payload is not JSON: ${(err as Error).message}`, reason: 'malformed-json' };
  }
  const r = agentStatusSchema.safeParse(json);
  if (!r.success) return { error: formatIssues(r.error).map((i) => `${i.path}: ${i.message}`).join('; '), reason: 'schema' };
  return { value: r.data };
}
