/**
 * Entry point of the simulated plant. `npm start` does, in effect:
 *
 *   const clock = new SimClock({ startAt: Date.now(), speed: 60 });
 *   const sim = createSimulator({ plant, startAt: clock.startAt, scenario: DEMO_SCENARIO_FILE,
 *                                 groundTruthFile: 'data/ground-truth.jsonl' });
 *   // edge agents: every clock.realMsFor(1000) ms, sim.read(deviceId, clock.now())
 */
import { fileURLToPath } from 'node:url';
import type { Plant } from '../contract/plant';
import { GroundTruthLog } from './ground-truth';
import { PlantSimulator } from './plant-simulator';
import type { RandomFaultOptions } from './random-faults';
import { loadScenarioFile, parseScenario, scenarioInjections, type Scenario } from './scenario-file';

export { PlantSimulator, type FaultInfo } from './plant-simulator';
export { SimClock } from './sim-clock';
export type { FaultInjection, FaultKind } from './faults';
export { FAULT_KINDS } from './faults';
export type { GroundTruthRecord } from './ground-truth';
export { readGroundTruthFile } from './ground-truth';
export type { Scenario } from './scenario-file';
export { ScenarioFileError, loadScenarioFile } from './scenario-file';
export type { SignalSource, Clock } from './signal-source';

export const DEFAULT_SEED = 1;
/** The scenario `npm start` plays: bearing wear on P-104, then overheating, a jam, a dropout. */
export const DEMO_SCENARIO_FILE = fileURLToPath(new URL('./scenarios/demo.json', import.meta.url));

export interface CreateSimulatorOptions {
  plant: Plant;
  /** Same seed, same plant history (default DEFAULT_SEED). */
  seed?: number;
  /** Simulation start, epoch ms. */
  startAt: number;
  /** Scripted faults: a parsed scenario or the path of a scenario JSON file. */
  scenario?: Scenario | string;
  /** Random faults on top of the scenario. */
  randomFaults?: RandomFaultOptions;
  /** Appends ground-truth events (JSON lines) to this file. */
  groundTruthFile?: string;
}

export function createSimulator(opts: CreateSimulatorOptions): PlantSimulator {
  const scenario = typeof opts.scenario === 'string'
    ? loadScenarioFile(opts.scenario, opts.plant)
    : opts.scenario && parseScenario(opts.scenario, opts.plant);
  const sim = new PlantSimulator({
    plant: opts.plant,
    seed: opts.seed ?? DEFAULT_SEED,
    startAt: opts.startAt,
    ...(opts.randomFaults && { randomFaults: opts.randomFaults }),
    groundTruth: new GroundTruthLog(opts.groundTruthFile),
  });
  for (const injection of scenario ? scenarioInjections(scenario, sim.startAt) : []) sim.inject(injection);
  return sim;
}
