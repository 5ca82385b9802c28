/**
 * Runs the edge agents of a plant against an MQTT broker, sampling the plant
 * simulator:
 *
 *   npx tsx edge/cli.ts --plant simulators/plants/demo-plant.json \
 *     --broker mqtt://localhost:1883 [--agent edge-utilities] [--speed 60]
 *
 * Each agent logs in with its agent id and its own password: MQTT_PASSWORD
 * (or --password) when one agent runs, --secrets-file for several. For an
 * mqtts:// broker, --ca names the certificate authority to trust.
 *
 * Outboxes live in --outbox-dir (one SQLite file per agent) and survive
 * restarts. Ctrl-C flushes what it can and publishes each agent offline.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { pino } from 'pino';
import { loadPlantFile } from '../contract/plant';
import { createSimulator, DEFAULT_SEED, DEMO_SCENARIO_FILE, SimClock } from '../simulators/simulator';
import { agentPasswords } from './agent-secrets';
import type { EdgeAgent } from './edge-agent';
import { agentGroups, startPlantAgents } from './plant-agents';

interface CliOptions {
  plant: string;
  broker: string;
  agent?: string[];
  speed: number;
  sampleIntervalMs: number;
  batchSize: number;
  maxBatchDelayMs: number;
  maxPending: number;
  outboxDir: string;
  password?: string;
  secretsFile?: string;
  ca?: string;
  seed: number;
  start?: number;
  scenario: string | false;
  groundTruth?: string;
  statsEvery: number;
}

function positive(name: string, integer = false) {
  return (value: string): number => {
    const n = Number(value);
    if (!(Number.isFinite(n) && n > 0) || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${name} must be a positive ${integer ? 'integer' : 'number'}.`);
    }
    return n;
  };
}
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
function instant(value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError('start must be an ISO date-time, e.g. 2025-01-06T06:00:00Z.');
  return t;
}

export function buildCli(onStarted: (agents: EdgeAgent[]) => void = () => {}): Command {
  return new Command('edge')
    .description('Run the edge agents of a plant: sample the simulator, buffer in a durable outbox, publish to MQTT')
    .option('--plant <file>', 'plant file', process.env.PLANT_FILE ?? 'simulators/plants/demo-plant.json')
    .option('--broker <url>', 'MQTT broker URL', process.env.MQTT_URL ?? 'mqtt://localhost:1883')
    .option('--agent <id>', 'run only this agent (repeatable; default: every agent of the plant)', collect)
    .option('--speed <n>', 'simulated ms per real ms', positive('speed'), 60)
    .option('--sample-interval-ms <n>', 'sample spacing, simulated ms', positive('sample-interval-ms', true), 1000)
    .option('--batch-size <n>', 'samples per message', positive('batch-size', true), 60)
    .option('--max-batch-delay-ms <n>', 'longest a partial batch waits, real ms', positive('max-batch-delay-ms', true), 1000)
    .option('--max-pending <n>', 'outbox bound per agent, samples (oldest dropped beyond it)', positive('max-pending', true), 500_000)
    .option('--outbox-dir <dir>', 'directory of the outbox files', 'data/edge')
    .option('--password <secret>', 'MQTT password of the one agent run (prefer the MQTT_PASSWORD variable: arguments show in ps)', process.env.MQTT_PASSWORD)
    .option('--secrets-file <file>', 'JSON file of agent id → MQTT password, for several agents', process.env.MQTT_SECRETS_FILE)
    .option('--ca <file>', 'CA certificate (PEM) to trust for an mqtts:// broker', process.env.MQTT_CA_FILE)
    .option('--seed <n>', 'simulator random seed', (v) => Math.trunc(Number(v)), DEFAULT_SEED)
    .option('--start <iso>', 'simulation start (default: now)', instant)
    .option('--scenario <file>', 'scenario of scripted faults', DEMO_SCENARIO_FILE)
    .option('--no-scenario', 'no scripted faults')
    .option('--ground-truth <file>', 'append the simulator ground truth (JSON lines) to this file')
    .option('--stats-every <s>', 'log agent stats every s seconds', positive('stats-every'), 30)
    .action((o: CliOptions) => {
      const plant = loadPlantFile(o.plant);
      const agentIds = o.agent ?? agentGroups(plant).map((g) => g.agentId);
      const password = agentPasswords(agentIds, o.password, o.secretsFile);
      const ca = o.ca === undefined ? undefined : readFileSync(o.ca);
      const clock = new SimClock({ startAt: o.start ?? Date.now(), speed: o.speed });
      const sim = createSimulator({
        plant,
        seed: o.seed,
        startAt: clock.startAt,
        ...(o.scenario && { scenario: o.scenario }),
        ...(o.groundTruth && { groundTruthFile: o.groundTruth }),
      });
      const logger = pino({ name: 'edge', level: process.env.LOG_LEVEL ?? 'info' });
      const agents = startPlantAgents({
        plant,
        source: sim,
        clock,
        brokerUrl: o.broker,
        ...(password && { password }),
        ...(ca && { ca }),
        outboxDir: o.outboxDir,
        ...(o.agent && { agentIds: o.agent }),
        settings: { sampleIntervalMs: o.sampleIntervalMs, batchSize: o.batchSize, maxBatchDelayMs: o.maxBatchDelayMs, maxPending: o.maxPending },
        logger,
      });
      const statsTimer = setInterval(() => {
        for (const a of agents) logger.info({ agentId: a.agentId, ...a.stats }, 'edge agent stats');
      }, o.statsEvery * 1000);
      const shutdown = (signal: string) => {
        logger.info({ signal }, 'stopping edge agents');
        clearInterval(statsTimer);
        void Promise.all(agents.map((a) => a.stop())).then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      onStarted(agents);
    });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    buildCli().parse(process.argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
