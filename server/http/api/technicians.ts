import type { WorkOrderView } from './work-orders';

/** A technician as orders refer to one. */
export interface TechnicianRef {
  id: string;
  name: string;
}

/** A certification a technician holds; `expiresAt` null = does not expire. */
export interface CertificationView {
  name: string;
  expiresAt: number | null;
  /** Expired at the time of the response: it no longer counts. */
  expired: boolean;
}

/** A technician's shift, in the site's time zone (same shape as the site calendar's shifts). */
export interface TechnicianShiftView {
  name?: string;
  days: Array<'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat'>;
  /** "HH:MM" local; an end not after the start runs past midnight. */
  start: string;
  end: string;
}

/** Orders assigned to a technician that are still being worked. */
export interface TechnicianWorkloadView {
  /** assigned + in progress + on hold. */
  orders: number;
  assigned: number;
  inProgress: number;
  onHold: number;
  /** Priority-weighted load: P0 counts 8, P1 5, P2 3, P3 2, P4 1. */
  load: number;
}

/** GET /api/technicians, GET /api/technicians/:id */
export interface TechnicianView {
  id: string;
  name: string;
  siteId: string;
  skills: string[];
  certifications: CertificationView[];
  shifts: TechnicianShiftView[];
  /** Who escalations on this technician's orders go to; null = the site's supervisor. */
  supervisor: string | null;
  /** The API token name this person signs in with. */
  tokenName: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
  workload: TechnicianWorkloadView;
  /** On one of their shifts at the time of the response (site time zone, site holidays off). */
  onShift: boolean;
  /** When their next shift starts (now while on shift); null without shifts. */
  nextShiftAt: number | null;
}

/** Certification as sent: `expiresAt` epoch ms or an ISO 8601 date/time; absent or null = does not expire. */
export interface CertificationInput {
  name: string;
  expiresAt?: number | string | null;
}

/** POST /api/technicians */
export interface CreateTechnicianRequest {
  id: string;
  name: string;
  siteId: string;
  skills?: string[];
  certifications?: CertificationInput[];
  shifts?: TechnicianShiftView[];
  supervisor?: string | null;
  tokenName?: string | null;
}

/** PATCH /api/technicians/:id: the fields given replace the stored ones. */
export type UpdateTechnicianRequest = Partial<Omit<CreateTechnicianRequest, 'id'>> & { active?: boolean };

/** One line of a candidate's score. */
export interface CandidateScoreLine {
  factor: 'skills' | 'availability' | 'workload';
  points: number;
  /** "has mechanical, vibration-analysis (2 of 2)", "on shift now", "3 open orders (load 9)". */
  reason: string;
}

/** A technician who may take the order, with why they rank where they do. */
export interface AssignmentCandidateView {
  technician: TechnicianRef;
  score: number;
  onShift: boolean;
  nextShiftAt: number | null;
  matchedSkills: string[];
  missingSkills: string[];
  workload: TechnicianWorkloadView;
  breakdown: CandidateScoreLine[];
  /** Notes that do not change the score, e.g. "high-voltage expires 2026-04-01". */
  notes: string[];
}

/** A technician who cannot take the order, and every reason why. */
export interface ExcludedTechnicianView {
  technician: TechnicianRef;
  reasons: string[];
}

/** GET /api/work-orders/:id/assignment-candidates: best first; `excluded` by name. */
export interface AssignmentCandidatesView {
  workOrderId: number;
  evaluatedAt: number;
  requiredCertifications: string[];
  requiredSkills: string[];
  assignee: TechnicianRef | null;
  candidates: AssignmentCandidateView[];
  excluded: ExcludedTechnicianView[];
}

/** POST /api/work-orders/:id/assign: exactly one of a named technician or `auto: true` (the top candidate). */
export interface AssignRequest {
  technicianId?: string;
  auto?: true;
  note?: string;
  actor?: string;
}

/** PUT /api/work-orders/:id/requirements */
export interface SetRequirementsRequest {
  certifications: string[];
  skills: string[];
  note?: string;
  actor?: string;
}

/** SSE 'work-order-assigned' (and for bus subscribers such as webhooks). */
export interface WorkOrderAssignedEvent {
  workOrder: WorkOrderView;
  from: TechnicianRef | null;
  to: TechnicianRef;
  by: string;
  /** Picked as the top candidate rather than named. */
  auto: boolean;
  note: string | null;
}
