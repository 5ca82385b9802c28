/**
 * Test support: the test plant (server/testing/test-database.ts) with a
 * crew in Berlin. At T0 (Tuesday 09:00) Anna and Jonas are on the early
 * shift, Mehmet's late shift starts at 14:00, Lukas works nights and his
 * high-voltage certification expired on 31 January 2026.
 */
import { parsePlant, type Plant, type TechnicianSpec } from '../../contract/plant';
import { testPlant } from '../testing/test-database';

const EARLY = { name: 'early', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '06:00', end: '14:00' } as const;

export const TEST_CREW: TechnicianSpec[] = [
  {
    id: 'anna',
    name: 'Anna Weber',
    skills: ['electrical', 'mechanical'],
    certifications: [{ name: 'high-voltage', expiresOn: '2026-12-31' }],
    shifts: [{ ...EARLY, days: [...EARLY.days] }],
    supervisor: 'k.schmid@plant.example',
    tokenName: 'anna.weber',
  },
  { id: 'jonas', name: 'Jonas Becker', skills: ['mechanical', 'vibration-analysis'], certifications: [], shifts: [{ ...EARLY, days: [...EARLY.days] }] },
  {
    id: 'lukas',
    name: 'Lukas Hoffmann',
    skills: ['electrical'],
    certifications: [{ name: 'high-voltage', expiresOn: '2026-01-31' }],
    shifts: [{ name: 'night', days: ['sun', 'mon', 'tue', 'wed', 'thu'], start: '22:00', end: '06:00' }],
  },
  {
    id: 'mehmet',
    name: 'Mehmet Yilmaz',
    skills: ['electrical', 'mechanical'],
    certifications: [{ name: 'high-voltage', expiresOn: '2028-01-31' }],
    shifts: [{ name: 'late', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '14:00', end: '22:00' }],
  },
];

export function crewPlant(crew: TechnicianSpec[] = TEST_CREW): Plant {
  const plant = testPlant();
  return parsePlant({ ...plant, sites: plant.sites.map((site) => ({ ...site, technicians: crew })) });
}
