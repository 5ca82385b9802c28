/**
 * Scripted fault scenarios: a JSON file of faults with times relative to the
 * start of the simulation, e.g.
 *
 *   { "faults": [{ "device": "P-104", "kind": "bearing-wear",
 *                  "startAfterMinutes": 2, "failureAfterMinutes": 90 }] }
 *
 * Validated with zod; every problem is reported with the file and the field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { plantDevices, type Plant } from '../contract/plant';
import { formatIssues } from '../contract/telemetry';
import { ID_PATTERN } from '../contract/topics';
import { DEGRADATION_KINDS, FAULT_KINDS, type FaultInjection } from './faults';

const MINUTE = 60_000;

export const scenarioFaultSchema = z
  .strictObject({
    /** Fault id in ground truth; default `scn-{n}-{device}`. */
    id: z.string().regex(ID_PATTERN, 'must be 1-64 letters, digits, "_", "." or "-"').optional(),
    device: z.string().min(1, 'must name a device'),
    kind: z.enum(FAULT_KINDS),
    startAfterMinutes: z.number().nonnegative(),
    /** bearing-wear / overheating: minutes after simulation start at which it fails. */
    failureAfterMinutes: z.number().positive().optional(),
    /** How long it lasts (jam, dropout; or a degradation repaired after this long). */
    durationMinutes: z.number().positive().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.failureAfterMinutes === undefined) return;
    if (!DEGRADATION_KINDS.includes(f.kind)) {
      ctx.addIssue({ code: 'custom', path: ['failureAfterMinutes'], message: `only ${DEGRADATION_KINDS.join(' and ')} fail; use durationMinutes for ${f.kind}` });
    } else if (f.failureAfterMinutes <= f.startAfterMinutes) {
      ctx.addIssue({ code: 'custom', path: ['failureAfterMinutes'], message: `must be after startAfterMinutes (${f.startAfterMinutes})` });
    }
  });
export type ScenarioFault = z.infer<typeof scenarioFaultSchema>;

export const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  faults: z.array(scenarioFaultSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export class ScenarioFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`scenario file ${source} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ScenarioFileError';
  }
}

/** Validates a parsed scenario against the plant; throws ScenarioFileError listing every problem. */
export function parseScenario(raw: unknown, plant: Plant, source = '(inline)'): Scenario {
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) {
    throw new ScenarioFileError(source, formatIssues(result.error).map((i) => `${i.path}: ${i.message}`));
  }
  const known = plantDevices(plant).map((d) => d.id);
  const problems: string[] = [];
  const ids = new Set<string>();
  result.data.faults.forEach((f, i) => {
    if (!known.includes(f.device)) problems.push(`faults.${i}.device: unknown device "${f.device}" (the plant has ${known.join(', ')})`);
    const id = scenarioFaultId(f, i);
    if (ids.has(id)) problems.push(`faults.${i}.id: "${id}" is used twice`);
    ids.add(id);
  });
  if (problems.length) throw new ScenarioFileError(source, problems);
  return result.data;
}

export function loadScenarioFile(path: string, plant: Plant): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ScenarioFileError(path, [`cannot read it: ${(err as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ScenarioFileError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseScenario(raw, plant, path);
}

function scenarioFaultId(f: ScenarioFault, index: number): string {
  return f.id ?? `scn-${index + 1}-${f.device}`;
}

/** The scenario's faults as injections for a simulation starting at startAt. */
export function scenarioInjections(scenario: Scenario, startAt: number): FaultInjection[] {
  return scenario.faults.map((f, i) => {
    const begin = startAt + Math.round(f.startAfterMinutes * MINUTE);
    return {
      id: scenarioFaultId(f, i),
      deviceId: f.device,
      kind: f.kind,
      startAt: begin,
      ...(f.failureAfterMinutes !== undefined && { failureAt: startAt + Math.round(f.failureAfterMinutes * MINUTE) }),
      ...(f.durationMinutes !== undefined && { durationMs: Math.round(f.durationMinutes * MINUTE) }),
    };
  });
}
