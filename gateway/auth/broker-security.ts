/**
 * Who may connect to the broker and what they may do there: the aedes hooks
 * for authentication (username = agent id = client id, password checked
 * against the credentials), the access list on publish and subscribe, and
 * admission control of new sockets (floods, failed-login lock-out, client
 * cap). Every refusal is logged (never with a secret) and counted.
 *
 * Revocation. A login is checked once, but removing or rotating an agent's
 * credentials must also end the sessions that used the old secret (a leaked
 * secret is usually why one rotates). Each session remembers the credential
 * it matched; when the credentials file changes (checked every
 * `credentialsCheckMs`, default 1 s) every connected session is compared with
 * it and closed if its credential was removed or rotated. A session that
 * finishes its login while the file changes is checked as it registers.
 */
import type { Socket } from 'node:net';
import type { Aedes, AuthenticateError, Client } from 'aedes';
import type { Logger } from 'pino';
import type { AgentAcl } from './agent-acl';
import type { AgentAuthenticator, MatchedCredential } from './agent-authenticator';
import type { ConnectionGuard } from './connection-guard';

export interface SecurityStats {
  connectionsRefused: Record<'rate-limited' | 'locked-out' | 'too-many-clients', number>;
  authFailures: Record<'no-credentials' | 'unknown-agent' | 'wrong-secret' | 'client-id-mismatch' | 'not-in-plant' | 'foreign-will' | 'credentials-file-error', number>;
  publishesRefused: number;
  subscriptionsRefused: number;
  /** Connections closed for announcing a packet over the size cap. */
  packetsTooLarge: number;
  /** Connected agents disconnected because the credential they logged in with was removed or rotated. */
  sessionsRevoked: Record<'removed' | 'rotated', number>;
}

export type PublishRefusal = { agentId: string | null; detail: string };

/** Topic a refused publish is re-routed to: no client may subscribe to it, so the message reaches nobody. */
export const REFUSED_TOPIC = '$pdm/refused';

const LOG_EVERY_MS = 10_000;
// Connection return codes of MQTT 3.1.1 (aedes' AuthErrorCode is a const enum, not importable under isolatedModules).
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

export interface BrokerSecurityOptions {
  authenticator: AgentAuthenticator;
  acl: AgentAcl;
  guard: ConnectionGuard;
  logger: Logger;
  now?: () => number;
  /** How often to look for a changed credentials file; default 1000 ms. */
  credentialsCheckMs?: number;
}

export class BrokerSecurity {
  private readonly agents = new WeakMap<Client, string>();
  private readonly willTopics = new WeakMap<Client, string | undefined>();
  private readonly credentials = new WeakMap<Client, MatchedCredential>();
  /** Registered (connected and logged-in) clients, to revisit when the credentials file changes. */
  private readonly sessions = new Set<Client>();
  private fileGeneration: number | null = null;
  private readonly lastLog = new Map<string, { at: number; suppressed: number }>();
  private readonly now: () => number;
  private lastPrune = 0;
  private readonly counts: SecurityStats = {
    connectionsRefused: { 'rate-limited': 0, 'locked-out': 0, 'too-many-clients': 0 },
    authFailures: { 'no-credentials': 0, 'unknown-agent': 0, 'wrong-secret': 0, 'client-id-mismatch': 0, 'not-in-plant': 0, 'foreign-will': 0, 'credentials-file-error': 0 },
    publishesRefused: 0,
    subscriptionsRefused: 0,
    packetsTooLarge: 0,
    sessionsRevoked: { removed: 0, rotated: 0 },
  };

  constructor(private readonly options: BrokerSecurityOptions) {
    this.now = options.now ?? Date.now;
  }

  stats(): SecurityStats {
    return structuredClone(this.counts);
  }

  notePacketTooLarge(): void {
    this.counts.packetsTooLarge++;
  }

  /** Decides on a new socket before aedes reads from it; a refused one is destroyed at once. */
  admitSocket(socket: Socket, openConnections: number): boolean {
    const address = socket.remoteAddress ?? 'unknown';
    if (this.now() - this.lastPrune > 60_000) {
      this.lastPrune = this.now();
      this.options.guard.prune(); // keeps the per-address table small under floods from many addresses
    }
    const a = this.options.guard.admit(address, openConnections);
    if (a.ok) return true;
    this.counts.connectionsRefused[a.reason]++;
    this.throttledWarn(`refuse:${a.reason}:${address}`, { address, reason: a.reason, retryInMs: a.retryInMs, openConnections }, 'MQTT connection refused');
    socket.destroy();
    return false;
  }

  /** Installs authenticate, preConnect and authorizeSubscribe on the broker; publish is checked by `refusePublish`. */
  install(broker: Aedes): void {
    broker.preConnect = (client, packet, callback) => {
      this.willTopics.set(client, packet.will?.topic);
      callback(null, true);
    };
    broker.authenticate = (client, username, password, callback) => {
      this.authenticate(client, username, password).then(
        (refusal) => (refusal ? callback(refusal, false) : callback(null, true)),
        (err: Error) => callback(authError(NOT_AUTHORIZED, `authentication failed: ${err.message}`), false),
      );
    };
    broker.authorizeSubscribe = (client, sub, callback) => {
      const agentId = client ? this.agents.get(client) : undefined;
      if (agentId && this.options.acl.canSubscribe(agentId, sub.topic)) return callback(null, sub);
      this.counts.subscriptionsRefused++;
      this.throttledWarn(`sub:${agentId}:${sub.topic}`, { agentId, clientId: client?.id, topic: sub.topic }, 'MQTT subscription refused: an agent may subscribe only to its own command topic');
      callback(null, null); // SUBACK 0x80 for this filter; the connection stays up
    };
    broker.on('client', (client) => {
      this.sessions.add(client);
      this.revokeIfStale(client);
    });
    broker.on('clientDisconnect', (client) => this.sessions.delete(client));
    const timer = setInterval(() => this.checkCredentialsFile(), this.options.credentialsCheckMs ?? 1000);
    timer.unref();
    broker.once('closed', () => {
      clearInterval(timer);
      this.sessions.clear();
    });
  }

  /** On a changed credentials file, closes every session whose credential was removed or rotated. */
  checkCredentialsFile(): void {
    let generation: number;
    try {
      generation = this.options.authenticator.fileGeneration();
    } catch (err) {
      // New logins fail meanwhile (credentials-file-error); sessions stay, as a broken file says nothing about them.
      this.throttledWarn('credentials-file', { err: (err as Error).message }, 'agent credentials file unreadable; connected agents stay connected, new logins are refused until it is fixed');
      return;
    }
    if (generation === this.fileGeneration) return;
    // The first check has no earlier version to compare with, so it checks every session too (a cheap lookup each).
    if (this.fileGeneration !== null) this.options.logger.info({ sessions: this.sessions.size }, 'agent credentials file changed; checking connected agents');
    this.fileGeneration = generation;
    for (const client of this.sessions) this.revokeIfStale(client);
  }

  private revokeIfStale(client: Client): void {
    const agentId = this.agents.get(client);
    const credential = this.credentials.get(client);
    if (!agentId || !credential) return;
    let status;
    try {
      status = this.options.authenticator.credentialStatus(agentId, credential);
    } catch {
      return; // unreadable file: reported by checkCredentialsFile
    }
    if (status === 'current') return;
    this.counts.sessionsRevoked[status]++;
    this.sessions.delete(client);
    const address = client.conn && 'remoteAddress' in client.conn ? (client.conn.remoteAddress ?? 'unknown') : 'unknown';
    this.options.logger.warn(
      { agentId, clientId: client.id, address, reason: `credentials-${status}` },
      `MQTT agent disconnected: its credentials were ${status} in the credentials file since it logged in`,
    );
    client.close();
  }

  /**
   * Checks a PUBLISH (or a last will) against the access list. Null when it is
   * allowed; otherwise the refusal, already logged and counted.
   */
  refusePublish(client: Client | null, topic: string): PublishRefusal | null {
    const agentId = client ? (this.agents.get(client) ?? null) : null;
    if (agentId && this.options.acl.canPublish(agentId, topic)) return null;
    this.counts.publishesRefused++;
    const detail = agentId
      ? `agent "${agentId}" may not publish to "${topic}"; it may publish only telemetry of its own devices and its own status`
      : `publish to "${topic}" by an unauthenticated client`;
    this.throttledWarn(`pub:${agentId}:${topic}`, { agentId, clientId: client?.id ?? null, topic }, `MQTT publish refused: ${detail}`);
    return { agentId, detail };
  }

  private async authenticate(client: Client, username: string | undefined, password: Buffer | undefined): Promise<AuthenticateError | null> {
    const address = client.conn && 'remoteAddress' in client.conn ? (client.conn.remoteAddress ?? 'unknown') : 'unknown';
    const agentId = username ?? '';
    const fail = (reason: keyof SecurityStats['authFailures'], code: number, message: string): AuthenticateError => {
      this.counts.authFailures[reason]++;
      const lockoutMs = this.options.guard.authFailed(address);
      this.throttledWarn(`auth:${reason}:${address}:${agentId}`, { agentId: agentId || null, clientId: client.id, address, reason, lockoutMs }, `MQTT login refused: ${message}`);
      return authError(code, message);
    };
    let result;
    try {
      result = await this.options.authenticator.verify(agentId, password ? password.toString('utf8') : '');
    } catch (err) {
      return fail('credentials-file-error', NOT_AUTHORIZED, `cannot check credentials: ${(err as Error).message}`);
    }
    if (!agentId) return fail('no-credentials', BAD_USERNAME_OR_PASSWORD, 'no username; the username is the agent id');
    if (!result.ok) {
      const why = { 'no-credentials': 'no password given', 'unknown-agent': 'no credentials for this agent id', 'wrong-secret': 'wrong password' }[result.reason];
      return fail(result.reason, BAD_USERNAME_OR_PASSWORD, `${why} for agent "${agentId}"`);
    }
    if (client.id !== agentId) return fail('client-id-mismatch', NOT_AUTHORIZED, `client id "${client.id}" must equal the agent id "${agentId}"`);
    if (!this.options.acl.knows(agentId)) return fail('not-in-plant', NOT_AUTHORIZED, `agent "${agentId}" has credentials but is not in the plant file`);
    const will = this.willTopics.get(client);
    if (will !== undefined && will !== this.options.acl.statusTopic(agentId)) {
      return fail('foreign-will', NOT_AUTHORIZED, `agent "${agentId}" may use only its own status topic as last will, not "${will}"`);
    }
    this.options.guard.authSucceeded(address);
    this.agents.set(client, agentId);
    this.credentials.set(client, result.credential);
    this.options.logger.info({ agentId, address }, 'MQTT agent authenticated');
    return null;
  }

  /** At most one line per key every 10 s; the next line says how many were suppressed. */
  private throttledWarn(key: string, fields: Record<string, unknown>, message: string): void {
    const t = this.now();
    const last = this.lastLog.get(key);
    if (last && t - last.at < LOG_EVERY_MS) {
      last.suppressed++;
      return;
    }
    if (this.lastLog.size > 10_000) this.lastLog.clear();
    this.lastLog.set(key, { at: t, suppressed: 0 });
    this.options.logger.warn({ ...fields, ...(last?.suppressed && { suppressedSinceLast: last.suppressed }) }, message);
  }
}

function authError(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}
