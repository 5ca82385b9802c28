/**
 * The embedded MQTT broker (aedes over TCP) with ingest at its security
 * boundary: every PUBLISH passes authorizePublish, where telemetry is
 * validated and stored before aedes sends the PUBACK. So an agent's QoS 1
 * message is acknowledged only once its samples are safe, and a bad message
 * is dead-lettered and acknowledged (never a reason to drop the connection,
 * or the agent's outbox would resend it forever).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes } from 'aedes';
import type { Logger } from 'pino';
import { agentStatusSchema, formatIssues, type AgentStatus } from '../contract/telemetry';
import { parseTopic, TopicError } from '../contract/topics';
import { REFUSED_TOPIC, type BrokerSecurity } from './auth/broker-security';
import { DEFAULT_MAX_PACKET_BYTES, limitPacketSize } from './auth/packet-size-limit';
import type { IngestPipeline } from './ingest/ingest-pipeline';

export interface MqttBrokerOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  host?: string;
  ingest: IngestPipeline;
  logger: Logger;
  /** Called with every valid agent status (online, or the offline last will). */
  onAgentStatus?: (status: AgentStatus) => void;
  /** Authentication, access list and admission control (gateway/auth); without it the broker is open. */
  security?: BrokerSecurity;
  /** A second listener for MQTT over TLS (same host); port 0 picks a free one. */
  tls?: { port: number; cert: Buffer; key: Buffer };
  /** Largest MQTT packet accepted; a client announcing a larger one is disconnected (default 256 KiB). */
  maxPacketBytes?: number;
}

export interface RunningBroker {
  readonly port: number;
  readonly url: string;
  /** Port and mqtts:// URL of the TLS listener, when configured. */
  readonly tlsPort: number | null;
  readonly tlsUrl: string | null;
  connectedClients(): number;
  close(): Promise<void>;
}

export async function startMqttBroker(options: MqttBrokerOptions): Promise<RunningBroker> {
  const { ingest, logger } = options;
  const broker = await Aedes.createBroker({ maxClientsIdLength: 64 });
  let closing = false;
  options.security?.install(broker);

  broker.authorizePublish = (client, packet, callback) => {
    const clientId = client?.id ?? null;
    const topic = packet.topic;
    if (topic.startsWith('$SYS')) return callback(new Error('$SYS topics are reserved'));
    if (closing) return callback(new Error('broker is shutting down; the message will be resent'));
    if (options.security?.refusePublish(client, topic)) {
      // MQTT 3.1.1 lets a broker either acknowledge a refused PUBLISH or close the connection.
      // It is acknowledged, as any bad message is (the agent's outbox moves on and its own devices
      // keep flowing), and re-routed to a topic nobody may subscribe to: not stored, not delivered, not retained.
      packet.topic = REFUSED_TOPIC;
      packet.retain = false;
      return callback(null);
    }
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
  // Admission (flood limits, lock-outs) is decided on the raw TCP socket, before any TLS handshake or MQTT parsing.
  const admit = (socket: Socket) => !options.security || options.security.admitSocket(socket, sockets.size);
  const handle = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const client = broker.handle(socket);
    limitPacketSize(client, options.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES, (declaredBytes, cmd) => {
      options.security?.notePacketTooLarge();
      logger.warn({ clientId: client.id ?? null, address: socket.remoteAddress, declaredBytes, cmd, maxPacketBytes: options.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES }, 'MQTT packet too large; disconnected the client');
    });
  };
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((socket) => admit(socket) && handle(socket));
  const port = await listen(server, options.port, host, 'MQTT_PORT');
  logger.info({ port, host }, 'MQTT broker listening');
  let tlsServer: Server | null = null;
  let tlsPort: number | null = null;
  if (options.tls) {
    const tls = createTlsServer({ cert: options.tls.cert, key: options.tls.key }, handle);
    tls.on('connection', (raw: Socket) => admit(raw));
    tls.on('tlsClientError', (err, socket) => logger.warn({ address: socket.remoteAddress, err: err.message }, 'MQTT TLS handshake failed'));
    tlsServer = tls;
    tlsPort = await listen(tls, options.tls.port, host, 'MQTT_TLS_PORT');
    logger.info({ port: tlsPort, host }, 'MQTT broker listening (TLS)');
  }
  const publicHost = host === '0.0.0.0' ? '127.0.0.1' : host;

  return {
    port,
    url: `mqtt://${publicHost}:${port}`,
    tlsPort,
    tlsUrl: tlsPort === null ? null : `mqtts://${publicHost}:${tlsPort}`,
    connectedClients: () => broker.connectedClients,
    async close() {
      closing = true;
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (tlsServer) await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
    },
  };
}

function listen(server: Server, port: number, host: string, variable: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`MQTT port ${port} is in use; set ${variable} to a free port`) : err),
    );
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
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
