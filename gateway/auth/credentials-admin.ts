/** Adding, rotating, removing and listing agent credentials in the credentials file; secrets are returned once, never stored. */
import {
  checkCanAdd,
  checkCanRotate,
  readCredentialsFile,
  withAgentAdded,
  withAgentRemoved,
  withAgentRotated,
  writeCredentialsFile,
  type AgentCredential,
} from './credentials-file';
import { generateSecret, hashSecret } from './secret-hash';

/** Gives the agent credentials; returns its new secret (the file keeps only the hash). */
export async function addAgentCredentials(path: string, agentId: string, now: Date): Promise<string> {
  const file = readCredentialsFile(path);
  checkCanAdd(file, agentId); // before the slow hash
  const secret = generateSecret();
  writeCredentialsFile(path, withAgentAdded(readCredentialsFile(path), agentId, await hashSecret(secret), now));
  return secret;
}

/** Replaces the agent's secret; the old one stops working at the agent's next login. */
export async function rotateAgentCredentials(path: string, agentId: string, now: Date): Promise<string> {
  checkCanRotate(readCredentialsFile(path), agentId);
  const secret = generateSecret();
  writeCredentialsFile(path, withAgentRotated(readCredentialsFile(path), agentId, await hashSecret(secret), now));
  return secret;
}

export function removeAgentCredentials(path: string, agentId: string): void {
  writeCredentialsFile(path, withAgentRemoved(readCredentialsFile(path), agentId));
}

export function listAgentCredentials(path: string): Array<{ agentId: string } & Omit<AgentCredential, 'hash'>> {
  return Object.entries(readCredentialsFile(path).agents)
    .map(([agentId, { createdAt, rotatedAt }]) => ({ agentId, createdAt, rotatedAt }))
    .sort((a, b) => a.agentId.localeCompare(b.agentId));
}
