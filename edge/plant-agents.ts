/**
 * The edge agents of a plant: one per agent id in the plant file, each with
 * the devices that report through it. Used by the edge CLI and by `npm start`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { plantDevices, type Plant } from '../contract/plant';
import type { Clock, SignalSource } from '../simulators/signal-source';
import { EdgeAgent, type EdgeAgentDevice, type EdgeAgentSettings } from './edge-agent';

export interface AgentGroup {
  agentId: string;
  siteId: string;
  devices: EdgeAgentDevice[];
}

/** Devices grouped by agent, in plant-file order. An agent must serve one site. */
export function agentGroups(plant: Plant): AgentGroup[] {
  const groups = new Map<string, AgentGroup>();
  for (const d of plantDevices(plant)) {
    const group = groups.get(d.agentId) ?? { agentId: d.agentId, siteId: d.siteId, devices: [] };
    if (group.siteId !== d.siteId) {
      throw new Error(`agent "${d.agentId}" serves devices of sites "${group.siteId}" and "${d.siteId}"; give device "${d.id}" an agent of its own site in the plant file`);
    }
    group.devices.push({ id: d.id, lineId: d.lineId });
    groups.set(d.agentId, group);
  }
  return [...groups.values()];
}

export interface StartPlantAgentsOptions {
  plant: Plant;
  source: SignalSource;
  clock: Clock;
  brokerUrl: string;
  /** One password for every agent (one agent per process), or a password per agent id; the username is the agent id. */
  password?: string | ((agentId: string) => string | undefined);
  /** Certificate authority to trust for an mqtts:// broker. */
  ca?: Buffer | string;
  /** One outbox file per agent goes here: `{agentId}.outbox.db`. */
  outboxDir: string;
  /** Only these agents (default: all of the plant). */
  agentIds?: readonly string[];
  settings?: Partial<EdgeAgentSettings>;
  logger?: Logger;
}

/** Creates and starts the plant's agents; stop each with `stop()`. */
export function startPlantAgents(options: StartPlantAgentsOptions): EdgeAgent[] {
  const all = agentGroups(options.plant);
  const wanted = options.agentIds ?? all.map((g) => g.agentId);
  const unknown = wanted.filter((id) => !all.some((g) => g.agentId === id));
  if (unknown.length) {
    throw new Error(`unknown agent ${unknown.map((id) => `"${id}"`).join(', ')}; the plant has ${all.map((g) => g.agentId).join(', ')}`);
  }
  mkdirSync(options.outboxDir, { recursive: true });
  const agents: EdgeAgent[] = [];
  try {
    for (const g of all.filter((g) => wanted.includes(g.agentId))) {
      agents.push(
        new EdgeAgent({
          ...options.settings,
          ...g,
          source: options.source,
          clock: options.clock,
          brokerUrl: options.brokerUrl,
          password: typeof options.password === 'function' ? options.password(g.agentId) : options.password,
          ...(options.ca !== undefined && { ca: options.ca }),
          outboxPath: join(options.outboxDir, `${g.agentId}.outbox.db`),
          logger: options.logger,
        }),
      );
    }
  } catch (err) {
    for (const agent of agents) void agent.stop(); // closes the outboxes opened so far
    throw err;
  }
  for (const agent of agents) agent.start();
  return agents;
}
