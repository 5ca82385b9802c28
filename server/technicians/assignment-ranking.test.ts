import { describe, expect, it } from 'vitest';
import type { TechnicianWorkloadView } from '../http/api-types';
import { rankCandidates, type RankedOrder, type RankedTechnician } from './assignment-ranking';

const T = Date.UTC(2026, 2, 10, 8, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const load = (orders: number, weighted: number): TechnicianWorkloadView => ({ orders, assigned: orders, inProgress: 0, onHold: 0, load: weighted });

function tech(id: string, patch: Partial<RankedTechnician> = {}): RankedTechnician {
  return {
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    siteId: 'plant-1',
    active: true,
    skills: [],
    certifications: [],
    workload: load(0, 0),
    shift: { onShift: true, nextShiftAt: T },
    ...patch,
  };
}

const order = (patch: Partial<RankedOrder> = {}): RankedOrder => ({ siteId: 'plant-1', priority: 'P2', requiredSkills: [], requiredCertifications: [], ...patch });

describe('assignment ranking', () => {
  it('excludes people without every required certification valid at the time, naming each reason', () => {
    const crew = [
      tech('anna', { certifications: [{ name: 'high-voltage', expiresAt: T + 90 * DAY }] }),
      tech('lukas', { certifications: [{ name: 'high-voltage', expiresAt: Date.UTC(2026, 1, 1) }] }),
      tech('jonas'),
      tech('petra', { active: false, siteId: 'plant-2' }),
    ];
    const { candidates, excluded } = rankCandidates(order({ requiredCertifications: ['high-voltage'] }), crew, T);
    expect(candidates.map((c) => c.technician.id)).toEqual(['anna']);
    expect(excluded).toEqual([
      { technician: { id: 'jonas', name: 'Jonas' }, reasons: ['lacks the high-voltage certification'] },
      { technician: { id: 'lukas', name: 'Lukas' }, reasons: ['high-voltage certification expired 2026-02-01'] },
      { technician: { id: 'petra', name: 'Petra' }, reasons: ['deactivated', 'works at site plant-2, the order is at plant-1', 'lacks the high-voltage certification'] },
    ]);
  });

  it('counts a certification until the instant it expires, and notes one that expires within 30 days', () => {
    const anna = tech('anna', { certifications: [{ name: 'high-voltage', expiresAt: T + 10 * DAY }] });
    const hv = order({ requiredCertifications: ['high-voltage'] });
    expect(rankCandidates(hv, [anna], T).candidates[0]!.notes).toEqual(['high-voltage expires 2026-03-20']);
    expect(rankCandidates(hv, [anna], T + 10 * DAY - 1).candidates).toHaveLength(1);
    expect(rankCandidates(hv, [anna], T + 10 * DAY).excluded[0]!.reasons).toEqual(['high-voltage certification expired 2026-03-20']);
  });

  it('ranks by skills held, then who is on shift, then who has less work, and explains each score', () => {
    const needs = order({ requiredSkills: ['mechanical', 'vibration-analysis'] });
    const crew = [
      tech('anna', { skills: ['mechanical'] }),
      tech('jonas', { skills: ['mechanical', 'vibration-analysis'] }),
      tech('sofia', { skills: ['mechanical', 'vibration-analysis'], shift: { onShift: false, nextShiftAt: T + 5 * HOUR } }),
      tech('mehmet', { skills: ['mechanical', 'vibration-analysis'], workload: load(2, 8) }),
    ];
    const { candidates } = rankCandidates(needs, crew, T);
    expect(candidates.map((c) => [c.technician.id, c.score])).toEqual([
      ['jonas', 70], // 40 skills + 30 on shift
      ['sofia', 57.5], // 40 + 30 × (1 - 5 h / 12 h)
      ['anna', 50], // 20 + 30
      ['mehmet', 38], // 40 + 30 - 4 × 8
    ]);
    const sofia = candidates.find((c) => c.technician.id === 'sofia')!;
    expect(sofia.breakdown).toEqual([
      { factor: 'skills', points: 40, reason: 'has mechanical, vibration-analysis (2 of 2)' },
      { factor: 'availability', points: 17.5, reason: 'off shift; next shift starts in 5 h' },
      { factor: 'workload', points: 0, reason: 'no open orders' },
    ]);
    expect(sofia.score).toBe(57.5);
    const anna = candidates.find((c) => c.technician.id === 'anna')!;
    expect(anna).toMatchObject({ matchedSkills: ['mechanical'], missingSkills: ['vibration-analysis'] });
    expect(anna.breakdown[0]!.reason).toBe('has mechanical (1 of 2); lacks vibration-analysis');
    expect(candidates.find((c) => c.technician.id === 'mehmet')!.breakdown[2]).toEqual({ factor: 'workload', points: -32, reason: '2 open orders (load 8)' });
  });

  it('weighs being there now more for urgent orders and spreading the load more for planned ones', () => {
    // Jonas is on shift but busy; Sofia is free but her shift starts in 4 h.
    const crew = [tech('jonas', { workload: load(1, 3) }), tech('sofia', { shift: { onShift: false, nextShiftAt: T + 4 * HOUR } })];
    expect(rankCandidates(order({ priority: 'P1' }), crew, T).candidates.map((c) => c.technician.id)).toEqual(['jonas', 'sofia']);
    expect(rankCandidates(order({ priority: 'P4' }), crew, T).candidates.map((c) => c.technician.id)).toEqual(['sofia', 'jonas']);
  });

  it('gives nothing for availability without shifts or with the next shift 12 h or more away', () => {
    const crew = [tech('anna', { shift: { onShift: false, nextShiftAt: null } }), tech('jonas', { shift: { onShift: false, nextShiftAt: T + 13 * HOUR } })];
    const lines = rankCandidates(order(), crew, T).candidates.map((c) => c.breakdown[1]);
    expect(lines).toEqual([
      { factor: 'availability', points: 0, reason: 'no shifts on record' },
      { factor: 'availability', points: 0, reason: 'off shift; next shift starts in 13 h' },
    ]);
  });

  it('breaks ties by lighter load, then by name', () => {
    const crew = [tech('zoe'), tech('adam'), tech('mia')];
    expect(rankCandidates(order(), crew, T).candidates.map((c) => c.technician.id)).toEqual(['adam', 'mia', 'zoe']);
  });
});
