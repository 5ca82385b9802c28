/**
 * Prints one device's simulated signals as CSV, optionally with a fault:
 *
 *   npx tsx simulators/cli.ts --device P-104 --hours 6 --step-seconds 60 \
 *     --fault bearing-wear --fault-start-minutes 60 --failure-minutes 300
 */
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { loadPlantFile } from '../contract/plant';
import { FAULT_KINDS, type FaultKind } from './faults';
import { deviceCsvRows } from './signal-csv';
import { createSimulator, DEFAULT_SEED } from './simulator';

const MINUTE = 60_000;

function positive(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError(`${name} must be a positive number.`);
    return n;
  };
}
function nonNegative(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(Number.isFinite(n) && n >= 0)) throw new InvalidArgumentError(`${name} must be a number >= 0.`);
    return n;
  };
}
function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('seed must be an integer.');
  return n;
}
function instant(value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError('start must be an ISO date-time, e.g. 2025-01-06T06:00:00Z.');
  return t;
}
function faultKind(value: string): FaultKind {
  if (!(FAULT_KINDS as readonly string[]).includes(value)) throw new InvalidArgumentError(`fault must be one of ${FAULT_KINDS.join(', ')}.`);
  return value as FaultKind;
}

export function buildCli(write: (line: string) => void): Command {
  return new Command('simulate')
    .description('Print one device of the simulated plant as CSV (ts,time,temperature °C,vibration mm/s,current A,faults)')
    .requiredOption('--device <id>', 'device id, e.g. P-104')
    .option('--plant <file>', 'plant file', 'simulators/plants/demo-plant.json')
    .option('--hours <n>', 'simulated span, hours', positive('hours'), 6)
    .option('--step-seconds <n>', 'sampling step, seconds of simulated time', positive('step-seconds'), 60)
    .option('--seed <n>', 'random seed', integer, DEFAULT_SEED)
    .option('--start <iso>', 'simulation start', instant, Date.parse('2025-01-06T06:00:00Z'))
    .option('--fault <kind>', `inject a fault: ${FAULT_KINDS.join(', ')}`, faultKind)
    .option('--fault-start-minutes <n>', 'fault start, minutes after simulation start', nonNegative('fault-start-minutes'), 60)
    .option('--failure-minutes <n>', 'bearing-wear/overheating: failure, minutes after simulation start', positive('failure-minutes'))
    .option('--duration-minutes <n>', 'fault duration, minutes (jam, sensor-dropout, or a repair)', positive('duration-minutes'))
    .option('--scenario <file>', 'scenario file of scripted faults')
    .option('--random-faults <perDeviceDay>', 'random faults per device-day', nonNegative('random-faults'))
    .action((o: CliOptions) => {
      const plant = loadPlantFile(o.plant);
      const sim = createSimulator({
        plant,
        seed: o.seed,
        startAt: o.start,
        ...(o.scenario && { scenario: o.scenario }),
        ...(o.randomFaults !== undefined && { randomFaults: { perDeviceDay: o.randomFaults } }),
      });
      if (!sim.deviceIds().includes(o.device)) {
        throw new Error(`unknown device "${o.device}" in ${o.plant}; it has ${sim.deviceIds().join(', ')}`);
      }
      if (o.fault) {
        sim.inject({
          id: `cli-${o.fault}`,
          deviceId: o.device,
          kind: o.fault,
          startAt: o.start + o.faultStartMinutes * MINUTE,
          ...(o.failureMinutes !== undefined && { failureAt: o.start + o.failureMinutes * MINUTE }),
          ...(o.durationMinutes !== undefined && { durationMs: o.durationMinutes * MINUTE }),
        });
      }
      for (const row of deviceCsvRows(sim, o.device, o.start, o.start + o.hours * 60 * MINUTE, o.stepSeconds * 1000)) write(row);
    });
}

interface CliOptions {
  device: string;
  plant: string;
  hours: number;
  stepSeconds: number;
  seed: number;
  start: number;
  fault?: FaultKind;
  faultStartMinutes: number;
  failureMinutes?: number;
  durationMinutes?: number;
  scenario?: string;
  randomFaults?: number;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    buildCli((line) => process.stdout.write(`${line}\n`)).parse(process.argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
