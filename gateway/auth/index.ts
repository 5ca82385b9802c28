/** Agent credentials, the plant-file access list and admission control for the embedded broker. */
import type { Logger } from 'pino';
import { buildAgentAcl, type AclAgent } from './agent-acl';
import { AgentAuthenticator } from './agent-authenticator';
import { BrokerSecurity } from './broker-security';
import { ConnectionGuard, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-guard';

export { buildAgentAcl, type AclAgent, type AgentAcl } from './agent-acl';
export { AgentAuthenticator } from './agent-authenticator';
export { BrokerSecurity, REFUSED_TOPIC, type SecurityStats } from './broker-security';
export { ConnectionGuard, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-guard';
export { brokerSecurityMetrics } from './security-metrics';

export interface BrokerSecuritySetup {
  /** The agent credentials file (hashes only); it may not exist yet. */
  credentialsFile: string;
  /** The plant's agents with their site and devices: the access list. */
  agents: readonly AclAgent[];
  limits?: Partial<ConnectionLimits>;
  logger: Logger;
  now?: () => number;
  /** How often to look for a changed credentials file (to disconnect agents whose credentials were removed or rotated); default 1000 ms. */
  credentialsCheckMs?: number;
}

export function createBrokerSecurity(setup: BrokerSecuritySetup): { security: BrokerSecurity; authenticator: AgentAuthenticator; guard: ConnectionGuard } {
  const authenticator = new AgentAuthenticator(setup.credentialsFile);
  const guard = new ConnectionGuard({ ...DEFAULT_CONNECTION_LIMITS, ...setup.limits }, setup.now);
  const security = new BrokerSecurity({
    authenticator,
    acl: buildAgentAcl(setup.agents),
    guard,
    logger: setup.logger,
    now: setup.now,
    ...(setup.credentialsCheckMs !== undefined && { credentialsCheckMs: setup.credentialsCheckMs }),
  });
  return { security, authenticator, guard };
}
