import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlantFile, parsePlant, PlantFileError, type Plant } from '../../contract/plant';
import { syncPlant } from '../plant-sync';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { createMaintenancePlanService } from './plan-service';

const T = Date.UTC(2026, 2, 10, 8);

function planPlant(plans: unknown[] = [], compressorPlans: unknown[] = []): Plant {
  return parsePlant({
    name: 'Plans',
    sites: [
      {
        id: 'plant-1',
        name: 'Plant 1',
        timezone: 'Europe/Berlin',
        lines: [
          {
            id: 'utilities',
            name: 'Utilities',
            devices: [
              { id: 'P-101', name: 'Pump', class: 'pump', criticality: 'A', ratedCurrent: 28, maintenancePlans: plans },
              { id: 'C-201', name: 'Compressor', class: 'compressor', criticality: 'A', ratedCurrent: 95, maintenancePlans: compressorPlans },
            ],
          },
        ],
      },
    ],
  });
}

const grease = { id: 'p101-grease', title: 'Grease bearings', trigger: { kind: 'calendar', everyDays: 90, leadDays: 7, firstDueOn: '2026-04-01' }, requiredSkills: ['lubrication'] };
const service = { id: 'c201-2000h', title: '2,000 h service', trigger: { kind: 'running-hours', everyHours: 2000 }, priority: 'P2' };

describe('maintenance plans from the plant file', () => {
  let test: TestDatabase;
  beforeEach(() => {
    test = openTestDatabase();
  });
  afterEach(() => test.cleanup());
  const plans = () => createMaintenancePlanService({ database: test.database, now: () => T });

  it('adds the plans at sync, a first due date at the site’s local midnight, counting from the sync', () => {
    expect(syncPlant(test.database, planPlant([grease], [service]), T).maintenancePlansAdded).toBe(2);
    expect(plans().get('p101-grease')).toMatchObject({
      deviceId: 'P-101',
      trigger: { kind: 'calendar', everyDays: 90, leadDays: 7, firstDueAt: Date.UTC(2026, 2, 31, 22) }, // Berlin is UTC+2 on 1 April
      requiredSkills: ['lubrication'],
      createdBy: 'plant-file',
      next: { basis: 'first-due', dueAt: Date.UTC(2026, 2, 31, 22) },
    });
    expect(plans().get('c201-2000h')).toMatchObject({ trigger: { kind: 'running-hours', everyHours: 2000, leadHours: 0 }, priority: 'P2', next: { dueRunningHours: 2000 } });
  });

  it('never overwrites a plan edited through the API, and keeps one removed from the file', () => {
    syncPlant(test.database, planPlant([grease], [service]), T);
    plans().update('p101-grease', { title: 'Grease bearings (edited)', trigger: { kind: 'calendar', everyDays: 60, leadDays: 0 } }, 'planner');
    const second = syncPlant(test.database, planPlant([{ ...grease, title: 'From the file' }]), T + 1000);
    expect(second.maintenancePlansAdded).toBe(0);
    expect(plans().get('p101-grease')).toMatchObject({ title: 'Grease bearings (edited)', trigger: { everyDays: 60 } });
    expect(plans().get('c201-2000h').enabled).toBe(true);
  });

  it('refuses a plan id used twice and a lead time not shorter than the interval', () => {
    expect(() => planPlant([grease], [grease])).toThrow(PlantFileError);
    expect(() => planPlant([grease], [grease])).toThrow(/maintenance plan "p101-grease" is defined twice \(devices "P-101" and "C-201"\)/);
    expect(() => planPlant([{ ...grease, trigger: { kind: 'calendar', everyDays: 7, leadDays: 7 } }])).toThrow(/leadDays/);
  });

  it('loads the demo plant with its two plans', () => {
    const demo = loadPlantFile('simulators/plants/demo-plant.json');
    const ids = demo.sites.flatMap((s) => s.lines.flatMap((l) => l.devices.flatMap((d) => (d.maintenancePlans ?? []).map((p) => p.id))));
    expect(ids).toEqual(['p101-bearing-grease', 'c201-service-2000h']);
  });
});
