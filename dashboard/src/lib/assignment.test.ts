import { describe, expect, it } from 'vitest';
import type { AssignmentCandidateView } from '../../../server/http/api-types';
import { summarizeCandidate, untilText } from './assignment';

const NOW = Date.UTC(2026, 2, 10, 8, 0);
const candidate = (patch: Partial<AssignmentCandidateView> = {}): AssignmentCandidateView => ({
  technician: { id: 'anna', name: 'Anna Weber' },
  score: 70,
  onShift: true,
  nextShiftAt: NOW,
  matchedSkills: ['mechanical'],
  missingSkills: ['vibration-analysis'],
  workload: { orders: 0, assigned: 0, inProgress: 0, onHold: 0, load: 0 },
  breakdown: [],
  notes: [],
  ...patch,
});

describe('candidate summary', () => {
  it('says on shift, skills held of required, and the workload', () => {
    expect(summarizeCandidate(candidate(), NOW)).toEqual({ shift: 'On shift', shiftTone: 'on', skills: 'Skills 1/2', load: 'No open orders' });
    const busy = candidate({ workload: { orders: 2, assigned: 1, inProgress: 1, onHold: 0, load: 8 }, matchedSkills: [], missingSkills: [] });
    expect(summarizeCandidate(busy, NOW)).toMatchObject({ skills: 'No skills required', load: '2 open · load 8' });
  });

  it('says when an off-shift candidate starts, soon within two hours', () => {
    expect(summarizeCandidate(candidate({ onShift: false, nextShiftAt: NOW + 90 * 60_000 }), NOW)).toMatchObject({ shift: 'Shift in 2 h', shiftTone: 'soon' });
    expect(summarizeCandidate(candidate({ onShift: false, nextShiftAt: NOW + 13 * 3_600_000 }), NOW)).toMatchObject({ shift: 'Shift in 13 h', shiftTone: 'off' });
    expect(summarizeCandidate(candidate({ onShift: false, nextShiftAt: null }), NOW)).toMatchObject({ shift: 'No shifts', shiftTone: 'off' });
  });

  it('writes waits in minutes, hours or days', () => {
    expect([untilText(20 * 60_000), untilText(5 * 3_600_000), untilText(60 * 3_600_000)]).toEqual(['in 20 min', 'in 5 h', 'in 3 d']);
  });
});
