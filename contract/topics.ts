/**
 * The one place MQTT topics are built and parsed. Nobody else splits topics.
 *
 *   pdm/v1/{site}/{line}/{device}/telemetry   device samples (QoS 1)
 *   pdm/v1/{site}/agent/{agentId}/status      retained online/offline, last will
 *   pdm/v1/{site}/agent/{agentId}/command     commands to one agent
 */
export const TOPIC_ROOT = 'pdm';
export const TOPIC_VERSION = 'v1';

/** Ids used in topics: no MQTT wildcards or separators, no leading '$'. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export type ParsedTopic =
  | { kind: 'telemetry'; site: string; line: string; device: string }
  | { kind: 'status'; site: string; agentId: string }
  | { kind: 'command'; site: string; agentId: string };

export class TopicError extends Error {
  constructor(
    readonly topic: string,
    reason: string,
  ) {
    super(`topic "${topic}": ${reason}`);
    this.name = 'TopicError';
  }
}

function checkId(kind: string, id: string): string {
  if (!ID_PATTERN.test(id)) {
    throw new TopicError(id, `${kind} id must match ${ID_PATTERN} (got "${id}")`);
  }
  return id;
}

export const topics = {
  telemetry(site: string, line: string, device: string): string {
    return [TOPIC_ROOT, TOPIC_VERSION, checkId('site', site), checkId('line', line), checkId('device', device), 'telemetry'].join('/');
  },
  status(site: string, agentId: string): string {
    return [TOPIC_ROOT, TOPIC_VERSION, checkId('site', site), 'agent', checkId('agent', agentId), 'status'].join('/');
  },
  command(site: string, agentId: string): string {
    return [TOPIC_ROOT, TOPIC_VERSION, checkId('site', site), 'agent', checkId('agent', agentId), 'command'].join('/');
  },
  /** Subscription filters used by ingest. */
  allTelemetry: `${TOPIC_ROOT}/${TOPIC_VERSION}/+/+/+/telemetry`,
  allStatus: `${TOPIC_ROOT}/${TOPIC_VERSION}/+/agent/+/status`,
};

/** Parses a topic; returns a TopicError (never throws) so ingest can dead-letter it. */
export function parseTopic(topic: string): ParsedTopic | TopicError {
  const parts = topic.split('/');
  if (parts.length !== 6) return new TopicError(topic, `expected 6 segments, got ${parts.length}`);
  const [root, version, site, a, b, kind] = parts as [string, string, string, string, string, string];
  if (root !== TOPIC_ROOT) return new TopicError(topic, `must start with "${TOPIC_ROOT}/"`);
  if (version !== TOPIC_VERSION) return new TopicError(topic, `unsupported contract version "${version}"`);
  for (const [name, id] of [['site', site], ['second', a], ['third', b]] as const) {
    if (!ID_PATTERN.test(id)) return new TopicError(topic, `${name} segment "${id}" is not a valid id`);
  }
  if (kind === 'telemetry') return { kind, site, line: a, device: b };
  if (a === 'agent' && (kind === 'status' || kind === 'command')) return { kind, site, agentId: b };
  return new TopicError(topic, `unknown message kind "${kind}"`);
}
