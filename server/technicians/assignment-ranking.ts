/**
 * Who should take a work order, as pure code: hard filters first, then a
 * score with its breakdown, so a planner sees why someone ranks where they do
 * and why someone else is not offered at all.
 *
 * Excluded (every reason listed): deactivated; works at another site; lacks
 * a required certification or holds it expired at `at`.
 *
 * Score of the rest, by factor:
 * - skills: up to 40 points, in proportion to the required skills held
 *   (nothing when the order requires none);
 * - availability: the full weight when on shift now; off shift, the weight
 *   shrinks linearly to nothing as the next shift start is 12 h away; nothing
 *   without shifts. The weight depends on the order's priority: 50 for P0/P1
 *   (someone has to go now), 30 for P2, 15 for P3/P4 (planned work waits for
 *   the shift);
 * - workload: minus points per unit of priority-weighted load (P0 8 .. P4 1,
 *   see WORKLOAD_WEIGHTS): 3 for P0/P1, 4 for P2, 6 for P3/P4, so planned
 *   work is spread over the crew while urgent work goes to whoever is there.
 * Ties: lighter load first, then by name.
 */
import type { AssignmentCandidateView, CandidateScoreLine, ExcludedTechnicianView, TechnicianWorkloadView } from '../http/api-types';
import type { Priority } from '../priority';
import { formatDuration } from '../sla';
import { certificationProblems, expiringSoon, isoDate, type Certification } from './certifications';
import type { ShiftStatus } from './technician-shifts';

/** Load of one order still being worked, by its priority. */
export const WORKLOAD_WEIGHTS: Record<Priority, number> = { P0: 8, P1: 5, P2: 3, P3: 2, P4: 1 };

export const SKILLS_POINTS = 40;
/** Off shift, availability reaches nothing when the next shift is this far away. */
export const AVAILABILITY_HORIZON_MS = 12 * 3_600_000;
/** A required certification expiring this soon is noted on the candidate. */
export const EXPIRY_NOTICE_MS = 30 * 86_400_000;

const WEIGHTS: Record<Priority, { availability: number; perLoad: number }> = {
  P0: { availability: 50, perLoad: 3 },
  P1: { availability: 50, perLoad: 3 },
  P2: { availability: 30, perLoad: 4 },
  P3: { availability: 15, perLoad: 6 },
  P4: { availability: 15, perLoad: 6 },
};

export interface RankedTechnician {
  id: string;
  name: string;
  siteId: string;
  active: boolean;
  skills: readonly string[];
  certifications: readonly Certification[];
  workload: TechnicianWorkloadView;
  shift: ShiftStatus;
}

export interface RankedOrder {
  siteId: string;
  priority: Priority;
  requiredSkills: readonly string[];
  requiredCertifications: readonly string[];
}

export interface Ranking {
  /** Best first. */
  candidates: AssignmentCandidateView[];
  /** By name. */
  excluded: ExcludedTechnicianView[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Why `t` cannot take the order; empty when they can. */
export function exclusionReasons(t: Pick<RankedTechnician, 'active' | 'siteId' | 'certifications'>, order: Pick<RankedOrder, 'siteId' | 'requiredCertifications'>, at: number): string[] {
  const reasons: string[] = [];
  if (!t.active) reasons.push('deactivated');
  if (t.siteId !== order.siteId) reasons.push(`works at site ${t.siteId}, the order is at ${order.siteId}`);
  return [...reasons, ...certificationProblems(t.certifications, order.requiredCertifications, at)];
}

function describeLoad(w: TechnicianWorkloadView): string {
  if (w.orders === 0) return 'no open orders';
  return `${w.orders} open order${w.orders === 1 ? '' : 's'} (load ${w.load})`;
}

function availabilityLine(shift: ShiftStatus, weight: number, at: number): CandidateScoreLine {
  if (shift.onShift) return { factor: 'availability', points: weight, reason: 'on shift now' };
  if (shift.nextShiftAt === null) return { factor: 'availability', points: 0, reason: 'no shifts on record' };
  const wait = shift.nextShiftAt - at;
  const points = round1(weight * Math.max(0, 1 - wait / AVAILABILITY_HORIZON_MS));
  return { factor: 'availability', points, reason: `off shift; next shift starts in ${formatDuration(wait)}` };
}

/** A technician who passed the filters, scored. */
export function scoreCandidate(t: RankedTechnician, order: RankedOrder, at: number): AssignmentCandidateView {
  const weights = WEIGHTS[order.priority];
  const matchedSkills = order.requiredSkills.filter((s) => t.skills.includes(s));
  const missingSkills = order.requiredSkills.filter((s) => !t.skills.includes(s));
  const required = order.requiredSkills.length;
  const skills: CandidateScoreLine =
    required === 0
      ? { factor: 'skills', points: 0, reason: 'no skills required' }
      : {
          factor: 'skills',
          points: round1((SKILLS_POINTS * matchedSkills.length) / required),
          reason: matchedSkills.length
            ? `has ${matchedSkills.join(', ')} (${matchedSkills.length} of ${required})` + (missingSkills.length ? `; lacks ${missingSkills.join(', ')}` : '')
            : `lacks ${missingSkills.join(', ')} (0 of ${required})`,
        };
  const workload: CandidateScoreLine = { factor: 'workload', points: round1(-weights.perLoad * t.workload.load) || 0, reason: describeLoad(t.workload) };
  const breakdown = [skills, availabilityLine(t.shift, weights.availability, at), workload];
  const notes = expiringSoon(t.certifications, order.requiredCertifications, at, EXPIRY_NOTICE_MS).map((c) => `${c.name} expires ${isoDate(c.expiresAt!)}`);
  return {
    technician: { id: t.id, name: t.name },
    score: round1(breakdown.reduce((sum, line) => sum + line.points, 0)),
    onShift: t.shift.onShift,
    nextShiftAt: t.shift.nextShiftAt,
    matchedSkills,
    missingSkills,
    workload: t.workload,
    breakdown,
    notes,
  };
}

export function rankCandidates(order: RankedOrder, technicians: readonly RankedTechnician[], at: number): Ranking {
  const candidates: AssignmentCandidateView[] = [];
  const excluded: ExcludedTechnicianView[] = [];
  for (const t of technicians) {
    const reasons = exclusionReasons(t, order, at);
    if (reasons.length) excluded.push({ technician: { id: t.id, name: t.name }, reasons });
    else candidates.push(scoreCandidate(t, order, at));
  }
  candidates.sort((a, b) => b.score - a.score || a.workload.load - b.workload.load || a.technician.name.localeCompare(b.technician.name));
  excluded.sort((a, b) => a.technician.name.localeCompare(b.technician.name));
  return { candidates, excluded };
}
