/**
 * Where an edge process gets its agents' MQTT passwords: one password (for a
 * process running one agent), or a secrets file mapping agent id → password
 * for several. The file is JSON, e.g. `{ "edge-utilities": "…" }`; keep it
 * readable by the edge's user only.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ID_PATTERN } from '../contract/topics';

const secretsFileSchema = z.record(z.string().regex(ID_PATTERN, 'must be an agent id'), z.string().min(1, 'must not be empty'));

export class AgentSecretsError extends Error {}

export function readAgentSecretsFile(path: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AgentSecretsError(`secrets file ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message}`);
  }
  const r = secretsFileSchema.safeParse(json);
  if (!r.success) {
    // Names the failing key only, never a value.
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new AgentSecretsError(`secrets file ${path} must be a JSON object of agent id → password: ${issues}`);
  }
  return r.data;
}

/** The password source for `startPlantAgents`, checked against the agents the process runs. */
export function agentPasswords(agentIds: readonly string[], password: string | undefined, secretsFile: string | undefined): ((agentId: string) => string | undefined) | undefined {
  if (password !== undefined && secretsFile !== undefined) throw new AgentSecretsError('give either a password or a secrets file, not both');
  if (password !== undefined) {
    if (agentIds.length !== 1) {
      throw new AgentSecretsError(`one password cannot serve ${agentIds.length} agents (each has its own credentials); run one agent with --agent, or use --secrets-file`);
    }
    return () => password;
  }
  if (secretsFile === undefined) return undefined;
  const secrets = readAgentSecretsFile(secretsFile);
  const missing = agentIds.filter((id) => !(id in secrets));
  if (missing.length) throw new AgentSecretsError(`secrets file ${secretsFile} has no password for ${missing.join(', ')}`);
  return (agentId) => secrets[agentId];
}
