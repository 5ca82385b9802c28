/**
 * Checks an agent's MQTT username (its agent id) and password against the
 * credentials file, re-read whenever it changes on disk (so `cli.ts add`,
 * `rotate` and `remove` take effect at the next connection, no restart), and
 * against in-memory secrets of the agents the server itself runs.
 *
 * A successful check returns which credential matched (the file's hash at
 * that moment), so the broker can later ask whether that credential is still
 * the agent's (credentialStatus) and disconnect a session whose secret was
 * removed or rotated since it logged in.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { readCredentialsFile, type CredentialsFile } from './credentials-file';
import { decoyHash, generateSecret, verifySecret } from './secret-hash';

/** The credential a login matched: a secret this process issued, or the file entry with this hash. */
export type MatchedCredential = { source: 'in-process' } | { source: 'file'; hash: string };
export type AuthResult = { ok: true; credential: MatchedCredential } | { ok: false; reason: 'no-credentials' | 'unknown-agent' | 'wrong-secret' };
/** Whether a matched credential is still the agent's: `removed` (no entry any more) or `rotated` (another secret now). */
export type CredentialStatus = 'current' | 'removed' | 'rotated';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export class AgentAuthenticator {
  private file: CredentialsFile | null = null;
  private fileStamp = '';
  private generation = 0;
  private readonly inProcess = new Map<string, Buffer>();

  /** `path`: the credentials file (may not exist yet: then only in-process agents get in). */
  constructor(private readonly path: string) {}

  /**
   * A fresh random secret for an agent this process runs itself, held only in
   * memory for the life of the process; returns the secret to hand to the agent.
   */
  issueInProcessSecret(agentId: string): string {
    const secret = generateSecret();
    this.inProcess.set(agentId, sha256(secret));
    return secret;
  }

  /** Agent ids with credentials in the file (re-read if changed). Throws CredentialsFileError on a bad file. */
  fileAgents(): string[] {
    return Object.keys(this.current().agents);
  }

  async verify(agentId: string, secret: string): Promise<AuthResult> {
    const own = this.inProcess.get(agentId);
    if (own) {
      const candidate = sha256(secret);
      if (timingSafeEqual(candidate, own)) return { ok: true, credential: { source: 'in-process' } };
    }
    const entry = this.current().agents[agentId];
    if (!entry) {
      // Same work as a real check, so timing does not tell which agent ids exist.
      await verifySecret(secret, await decoyHash());
      return { ok: false, reason: secret === '' ? 'no-credentials' : 'unknown-agent' };
    }
    if (await verifySecret(secret, entry.hash)) return { ok: true, credential: { source: 'file', hash: entry.hash } };
    return { ok: false, reason: secret === '' ? 'no-credentials' : 'wrong-secret' };
  }

  /** Against the file as it is now (re-read if changed). Throws CredentialsFileError on a bad file. */
  credentialStatus(agentId: string, credential: MatchedCredential): CredentialStatus {
    // In-process secrets live as long as this process and are never in the file.
    if (credential.source === 'in-process') return 'current';
    const entry = this.current().agents[agentId];
    if (!entry) return 'removed';
    return entry.hash === credential.hash ? 'current' : 'rotated';
  }

  /**
   * How many times the file has been read, re-reading it first if it changed
   * on disk: a new number means new contents. Throws CredentialsFileError on a bad file.
   */
  fileGeneration(): number {
    this.current();
    return this.generation;
  }

  private current(): CredentialsFile {
    let stamp = 'missing';
    try {
      const s = statSync(this.path);
      stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      // missing file: no file credentials
    }
    if (!this.file || stamp !== this.fileStamp) {
      this.file = readCredentialsFile(this.path);
      this.fileStamp = stamp;
      this.generation++;
    }
    return this.file;
  }
}
