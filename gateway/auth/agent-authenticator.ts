/**
 * Checks an agent's MQTT username (its agent id) and password against the
 * credentials file, re-read whenever it changes on disk (so `cli.ts add`,
 * `rotate` and `remove` take effect at the next connection, no restart), and
 * against in-memory secrets of the agents the server itself runs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { readCredentialsFile, type CredentialsFile } from './credentials-file';
import { decoyHash, generateSecret, verifySecret } from './secret-hash';

export type AuthResult = { ok: true } | { ok: false; reason: 'no-credentials' | 'unknown-agent' | 'wrong-secret' };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export class AgentAuthenticator {
  private file: CredentialsFile | null = null;
  private fileStamp = '';
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
      if (timingSafeEqual(candidate, own)) return { ok: true };
    }
    const entry = this.current().agents[agentId];
    if (!entry) {
      // Same work as a real check, so timing does not tell which agent ids exist.
      await verifySecret(secret, await decoyHash());
      return { ok: false, reason: secret === '' ? 'no-credentials' : 'unknown-agent' };
    }
    if (await verifySecret(secret, entry.hash)) return { ok: true };
    return { ok: false, reason: secret === '' ? 'no-credentials' : 'wrong-secret' };
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
    }
    return this.file;
  }
}
