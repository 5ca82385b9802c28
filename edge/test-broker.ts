/**
 * Test fixture: a real aedes broker on a loopback port that records every
 * message published to it, and can go down abruptly and come back on the
 * same port (a broker outage as the agent sees it).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';

export interface ReceivedMessage {
  topic: string;
  payload: string;
  retain: boolean;
}

export class TestBroker {
  /** Every message published while the broker was up, in arrival order, across restarts. */
  readonly received: ReceivedMessage[] = [];
  private broker: Aedes | null = null;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private stalled = false;

  private constructor(public port: number) {}

  /** Starts a broker on `port` (0: a free port). */
  static async start(port = 0): Promise<TestBroker> {
    const b = new TestBroker(port);
    await b.up();
    return b;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Brings a fresh broker up on the same port (retained messages do not survive). */
  async up(): Promise<void> {
    if (this.broker) throw new Error('broker already up');
    this.stalled = false;
    const broker = await Aedes.createBroker({
      authorizePublish: (_client, _packet, cb) => {
        if (!this.stalled) cb(null);
      },
    });
    // Record through an in-process subscription made before listening, so nothing published can be missed.
    await new Promise<void>((resolve) =>
      broker.subscribe(
        '#',
        (packet, cb) => {
          if (!packet.topic.startsWith('$SYS')) {
            this.received.push({ topic: packet.topic, payload: Buffer.from(packet.payload).toString(), retain: packet.retain });
          }
          cb();
        },
        resolve,
      ),
    );
    const server = createServer(broker.handle);
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.broker = broker;
    this.server = server;
  }

  /** From now until it goes down, the broker takes publishes in but never processes or acknowledges them. */
  stall(): void {
    this.stalled = true;
  }

  /** Goes down abruptly: connections are destroyed, nobody gets a clean goodbye. */
  async down(): Promise<void> {
    const { broker, server } = this;
    this.broker = null;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (broker) await new Promise<void>((resolve) => broker.close(() => resolve()));
  }

  /** Messages on topics matching `pred`, payloads parsed as JSON. */
  messages<T = unknown>(pred: (topic: string) => boolean): { topic: string; body: T; retain: boolean }[] {
    return this.received.filter((m) => pred(m.topic)).map((m) => ({ topic: m.topic, body: JSON.parse(m.payload) as T, retain: m.retain }));
  }
}

/** A loopback port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
