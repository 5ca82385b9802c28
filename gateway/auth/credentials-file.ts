/**
 * The agent credentials file (like mosquitto's password file): per agent id
 * a salted scrypt hash, never the secret. JSON, written atomically with mode
 * 0600 so a crash mid-write cannot leave half a file.
 *
 *   { "version": 1, "agents": { "edge-utilities": { "hash": "scrypt$…", "createdAt": "…", "rotatedAt": null } } }
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ID_PATTERN } from '../../contract/topics';
import { isSecretHash } from './secret-hash';

const agentEntrySchema = z.strictObject({
  hash: z.string().refine(isSecretHash, 'must be a scrypt hash written by gateway/auth/cli.ts'),
  createdAt: z.iso.datetime(),
  rotatedAt: z.iso.datetime().nullable(),
});
export const credentialsFileSchema = z.strictObject({
  version: z.literal(1),
  agents: z.record(z.string().regex(ID_PATTERN, 'agent id must be a valid topic id'), agentEntrySchema),
});
export type CredentialsFile = z.infer<typeof credentialsFileSchema>;
export type AgentCredential = z.infer<typeof agentEntrySchema>;

export class CredentialsFileError extends Error {}

export const emptyCredentials = (): CredentialsFile => ({ version: 1, agents: {} });

/** Reads and validates the file; a missing file is an empty one. */
export function readCredentialsFile(path: string): CredentialsFile {
  if (!existsSync(path)) return emptyCredentials();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CredentialsFileError(`agent credentials file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const r = credentialsFileSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new CredentialsFileError(`agent credentials file ${path} is invalid: ${issues}`);
  }
  return r.data;
}

export function writeCredentialsFile(path: string, data: CredentialsFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(credentialsFileSchema.parse(data), null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function checkId(agentId: string): void {
  if (!ID_PATTERN.test(agentId)) throw new CredentialsFileError(`agent id "${agentId}" must match ${ID_PATTERN}`);
}

/** Throws unless the agent can be added: a valid id without credentials yet. */
export function checkCanAdd(file: CredentialsFile, agentId: string): void {
  checkId(agentId);
  if (file.agents[agentId]) throw new CredentialsFileError(`agent "${agentId}" already has credentials; use "rotate" to replace them`);
}

/** Throws unless the agent has credentials to rotate. */
export function checkCanRotate(file: CredentialsFile, agentId: string): void {
  if (!file.agents[agentId]) throw new CredentialsFileError(`agent "${agentId}" has no credentials; use "add" first`);
}

/** The file with a new agent; refuses an agent that already has credentials (use rotate). */
export function withAgentAdded(file: CredentialsFile, agentId: string, hash: string, now: Date): CredentialsFile {
  checkCanAdd(file, agentId);
  return { ...file, agents: { ...file.agents, [agentId]: { hash, createdAt: now.toISOString(), rotatedAt: null } } };
}

export function withAgentRotated(file: CredentialsFile, agentId: string, hash: string, now: Date): CredentialsFile {
  checkCanRotate(file, agentId);
  const entry = file.agents[agentId]!;
  return { ...file, agents: { ...file.agents, [agentId]: { ...entry, hash, rotatedAt: now.toISOString() } } };
}

export function withAgentRemoved(file: CredentialsFile, agentId: string): CredentialsFile {
  if (!file.agents[agentId]) throw new CredentialsFileError(`agent "${agentId}" has no credentials`);
  const agents = { ...file.agents };
  delete agents[agentId];
  return { ...file, agents };
}
