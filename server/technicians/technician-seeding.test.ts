import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlant, PlantFileError } from '../../contract/plant';
import { technicians } from '../db/schema';
import { syncPlant } from '../plant-sync';
import { openTestDatabase, testPlant, type TestDatabase } from '../testing/test-database';
import { findTechnician } from './technician-repository';
import { crewPlant, TEST_CREW } from './test-crew';

describe('technicians from the plant file', () => {
  let test: TestDatabase;
  beforeEach(() => {
    test = openTestDatabase();
  });
  afterEach(() => test.cleanup());

  it('adds the crew at sync, with expiry at the end of the last valid local day', () => {
    expect(syncPlant(test.database, crewPlant(), 1000).techniciansAdded).toBe(4);
    expect(findTechnician(test.database, 'anna')).toEqual({
      id: 'anna',
      name: 'Anna Weber',
      siteId: 'plant-1',
      skills: ['electrical', 'mechanical'],
      // 2026-12-31 is valid through Berlin midnight (UTC+1).
      certifications: [{ name: 'high-voltage', expiresAt: Date.UTC(2026, 11, 31, 23, 0) }],
      shifts: [{ name: 'early', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '06:00', end: '14:00' }],
      supervisor: 'k.schmid@plant.example',
      tokenName: 'anna.weber',
      active: true,
      createdAt: 1000,
      updatedAt: 1000,
    });
  });

  it('never overwrites a technician edited through the API, and keeps one removed from the file', () => {
    syncPlant(test.database, crewPlant(), 1000);
    test.database.db.update(technicians).set({ name: 'Anna Weber-Lang', skills: '["electrical"]', updatedAt: 1500 }).where(eq(technicians.id, 'anna')).run();
    const second = syncPlant(test.database, crewPlant(TEST_CREW.slice(0, 2).map((t) => ({ ...t, name: `${t.name} (file)` }))), 2000);
    expect(second.techniciansAdded).toBe(0);
    expect(findTechnician(test.database, 'anna')).toMatchObject({ name: 'Anna Weber-Lang', skills: ['electrical'], updatedAt: 1500 });
    expect(findTechnician(test.database, 'mehmet')).toMatchObject({ name: 'Mehmet Yilmaz', active: true });
  });

  it('refuses a plant file with a technician twice, or a bad certification, naming them', () => {
    const plant = testPlant();
    const site = plant.sites[0]!;
    const twoSites = { ...plant, sites: [{ ...site, technicians: [TEST_CREW[0]] }, { ...site, id: 'plant-2', lines: [{ id: 'other', name: 'Other' }], technicians: [TEST_CREW[0]] }] };
    expect(() => parsePlant(twoSites)).toThrow('technician "anna" is defined twice (sites "plant-1" and "plant-2")');
    const bad = { ...plant, sites: [{ ...site, technicians: [{ ...TEST_CREW[0], certifications: [{ name: 'High Voltage', expiresOn: '2026-02-30' }] }] }] };
    try {
      parsePlant(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PlantFileError);
      expect((err as PlantFileError).problems).toEqual([
        'sites.0.technicians.0.certifications.0.name: must be a kebab-case name such as "high-voltage" (lower-case letters, digits, "-")',
        'sites.0.technicians.0.certifications.0.expiresOn: must be a real local date "YYYY-MM-DD" (the last day it is valid)',
      ]);
    }
  });

  it('loads the demo plant crew: a night shift, high-voltage holders, one expired', async () => {
    const { loadPlantFile } = await import('../../contract/plant');
    const crew = loadPlantFile('simulators/plants/demo-plant.json').sites[0]!.technicians ?? [];
    expect(crew.length).toBeGreaterThanOrEqual(5);
    expect(crew.some((t) => t.shifts.some((s) => s.start > s.end))).toBe(true);
    const hv = crew.filter((t) => t.certifications.some((c) => c.name === 'high-voltage'));
    expect(hv.map((t) => t.certifications.find((c) => c.name === 'high-voltage')!.expiresOn! < '2026-11-01')).toContain(true);
    expect(hv.length).toBeGreaterThanOrEqual(2);
  });
});
