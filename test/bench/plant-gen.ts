/**
 * Plant files of any size for the benchmarks: one site, `lines` production
 * lines chained in groups of five (line 1 feeds 2 feeds 3 ...), devices spread
 * evenly over the lines with a realistic mix of equipment classes. Validated
 * with the real plant schema (contract/plant.ts) and written to a temp dir.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlant, plantDevices, type EquipmentClass, type Plant, type PlantDevice } from '../../contract/plant';

/** Share of each class in a discrete-manufacturing plant (pumps and motors dominate). */
const CLASS_MIX: ReadonlyArray<[EquipmentClass, number, number]> = [
  // class, share, typical rated current (A)
  ['pump', 0.25, 28],
  ['motor', 0.25, 42],
  ['conveyor', 0.15, 12],
  ['fan', 0.1, 18],
  ['gearbox', 0.1, 35],
  ['compressor', 0.05, 95],
  ['press', 0.05, 120],
  ['injection-molder', 0.05, 150],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The class of the i-th device, spread so every prefix of the plant has about the right mix. */
export function classOf(i: number): { cls: EquipmentClass; ratedCurrent: number } {
  // A low-discrepancy walk over the cumulative shares (golden ratio), deterministic.
  const u = (i * 0.6180339887498949) % 1;
  let acc = 0;
  for (const [cls, share, ratedCurrent] of CLASS_MIX) {
    acc += share;
    if (u < acc) return { cls, ratedCurrent };
  }
  return { cls: 'pump', ratedCurrent: 28 };
}

export interface GeneratedPlant {
  plant: Plant;
  devices: PlantDevice[];
  file: string;
}

/** A plant of `devices` devices on `lines` lines; written to `dir` when given (file '' otherwise). */
export function generatePlant(opts: { devices: number; lines: number; dir?: string; name?: string }): GeneratedPlant {
  const lines = Math.max(1, Math.min(opts.lines, opts.devices || 1));
  const digits = Math.max(5, String(opts.devices).length);
  const raw = {
    name: opts.name ?? `Bench plant ${opts.devices} devices`,
    sites: [
      {
        id: 'site-1',
        name: 'Site 1',
        timezone: 'Europe/Berlin',
        lines: Array.from({ length: lines }, (_, l) => ({
          id: `L-${pad(l + 1, 3)}`,
          name: `Line ${l + 1}`,
          feeds: l % 5 !== 4 && l + 1 < lines ? [`L-${pad(l + 2, 3)}`] : [],
          devices: [] as unknown[],
        })),
      },
    ],
  };
  for (let i = 0; i < opts.devices; i++) {
    const { cls, ratedCurrent } = classOf(i);
    raw.sites[0]!.lines[i % lines]!.devices.push({
      id: `D-${pad(i + 1, digits)}`,
      name: `${cls} ${i + 1}`,
      class: cls,
      criticality: (['A', 'B', 'B', 'C'] as const)[i % 4],
      ratedCurrent,
      insulationClass: i % 10 === 0 ? 'H' : 'F',
      foundation: i % 7 === 0 ? 'flexible' : 'rigid',
    });
  }
  const plant = parsePlant(raw, 'generated bench plant');
  const file = opts.dir ? join(opts.dir, `plant-${opts.devices}.json`) : '';
  if (file) writeFileSync(file, JSON.stringify(raw));
  return { plant, devices: plantDevices(plant), file };
}
