/**
 * Assignment, as the dashboard shows it: short words for a candidate's shift,
 * skills and workload, and the API calls of the assignment panel. The server
 * ranks (server/technicians/assignment-ranking.ts); this only presents.
 */
import type { AssignmentCandidateView, AssignmentCandidatesView, AssignRequest } from '../../../server/http/api-types';
import { request, type WorkOrderDetail } from '../api-client';

export interface CandidateSummary {
  shift: string;
  /** 'on' | 'soon' (within 2 h) | 'off' */
  shiftTone: 'on' | 'soon' | 'off';
  skills: string;
  load: string;
}

const HOUR = 3_600_000;

/** "in 45 min", "in 3 h", "in 2 d" */
export function untilText(ms: number): string {
  if (ms < HOUR) return `in ${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 48 * HOUR) return `in ${Math.round(ms / HOUR)} h`;
  return `in ${Math.round(ms / (24 * HOUR))} d`;
}

export function summarizeCandidate(c: AssignmentCandidateView, now: number): CandidateSummary {
  const wait = c.nextShiftAt === null ? null : c.nextShiftAt - now;
  const shift = c.onShift ? 'On shift' : wait === null ? 'No shifts' : `Shift ${untilText(Math.max(0, wait))}`;
  const shiftTone = c.onShift ? 'on' : wait !== null && wait <= 2 * HOUR ? 'soon' : 'off';
  const required = c.matchedSkills.length + c.missingSkills.length;
  const skills = required === 0 ? 'No skills required' : `Skills ${c.matchedSkills.length}/${required}`;
  const load = c.workload.orders === 0 ? 'No open orders' : `${c.workload.orders} open · load ${c.workload.load}`;
  return { shift, shiftTone, skills, load };
}

export function getAssignmentCandidates(id: number, signal?: AbortSignal): Promise<AssignmentCandidatesView> {
  return request(`/work-orders/${id}/assignment-candidates`, { signal });
}

export function assignWorkOrder(id: number, body: AssignRequest): Promise<WorkOrderDetail> {
  return request(`/work-orders/${id}/assign`, { method: 'POST', body: JSON.stringify(body) });
}
