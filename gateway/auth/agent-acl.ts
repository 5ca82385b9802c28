/**
 * The access list, from the plant file: an agent may publish telemetry only
 * for its own devices (on the line and site the plant file gives them) and its
 * own status; it may subscribe only to its own command topic, without
 * wildcards. Everything else is refused. Pure: topics in, decisions out.
 */
import { topics } from '../../contract/topics';

export interface AclAgent {
  agentId: string;
  siteId: string;
  devices: readonly { id: string; lineId: string }[];
}

export interface AgentAcl {
  /** Whether the agent id is in the plant file at all. */
  knows(agentId: string): boolean;
  canPublish(agentId: string, topic: string): boolean;
  canSubscribe(agentId: string, topicFilter: string): boolean;
  /** The agent's own status topic (its only allowed last-will topic). */
  statusTopic(agentId: string): string | undefined;
}

export function buildAgentAcl(agents: readonly AclAgent[]): AgentAcl {
  const publish = new Map<string, Set<string>>();
  const subscribe = new Map<string, string>();
  const status = new Map<string, string>();
  for (const a of agents) {
    const own = new Set(a.devices.map((d) => topics.telemetry(a.siteId, d.lineId, d.id)));
    const statusTopic = topics.status(a.siteId, a.agentId);
    own.add(statusTopic);
    publish.set(a.agentId, own);
    status.set(a.agentId, statusTopic);
    subscribe.set(a.agentId, topics.command(a.siteId, a.agentId));
  }
  return {
    knows: (agentId) => publish.has(agentId),
    canPublish: (agentId, topic) => publish.get(agentId)?.has(topic) ?? false,
    canSubscribe: (agentId, filter) => subscribe.get(agentId) === filter,
    statusTopic: (agentId) => status.get(agentId),
  };
}
