import type { Priority } from '../../priority/priority-scoring';
import type { WorkOrderStatus } from './work-orders';

/**
 * When a maintenance plan is due. calendar: every `everyDays` days, the first
 * at `firstDueAt` (default: `everyDays` after the plan was created); the order
 * opens `leadDays` before it is due. running-hours: every `everyHours` hours
 * the device runs, the first at `firstDueHours` on the device's counter
 * (default: its hours when the plan was created + `everyHours`); the order
 * opens `leadHours` of running before.
 */
export type MaintenanceTrigger =
  | { kind: 'calendar'; everyDays: number; leadDays: number; firstDueAt?: number | null }
  | { kind: 'running-hours'; everyHours: number; leadHours: number; firstDueHours?: number | null };

/** As sent: the lead defaults to 0; `firstDueAt` is epoch ms or an ISO 8601 date ("2026-06-01", midnight UTC) or time. */
export type MaintenanceTriggerInput =
  | { kind: 'calendar'; everyDays: number; leadDays?: number; firstDueAt?: number | string | null }
  | { kind: 'running-hours'; everyHours: number; leadHours?: number; firstDueHours?: number | null };

/** When the plan's next order is due, counted from `basis`; null in MaintenancePlanView while its order is still open. */
export interface MaintenancePlanNextView {
  /** 'plan-start' (no order yet), 'first-due', 'completion' (of the last order), 'cancelled' (from the cancelled order's due). */
  basis: 'plan-start' | 'first-due' | 'completion' | 'cancelled';
  /** calendar: when it is due and when the order opens; null for running-hours plans. */
  dueAt: number | null;
  opensAt: number | null;
  /** running-hours: the device's counter when it is due and when the order opens; null for calendar plans. */
  dueRunningHours: number | null;
  opensAtRunningHours: number | null;
  /** Running hours until due (negative when overdue); null for calendar plans. */
  runningHoursLeft: number | null;
}

/** The plan's latest order. */
export interface MaintenancePlanOrderRef {
  id: number;
  number: string;
  status: WorkOrderStatus;
  dueAt: number | null;
  createdAt: number;
}

/** GET /api/maintenance-plans, GET /api/maintenance-plans/:id */
export interface MaintenancePlanView {
  id: string;
  deviceId: string;
  lineId: string;
  title: string;
  description: string;
  trigger: MaintenanceTrigger;
  requiredSkills: string[];
  requiredCertifications: string[];
  /** Priority its orders get (an override with the plan as reason); null = computed. */
  priority: Priority | null;
  enabled: boolean;
  /** The device's running hours now. */
  runningHours: number;
  next: MaintenancePlanNextView | null;
  lastOrder: MaintenancePlanOrderRef | null;
  /** When the last order was completed, and the device's running hours then; null before. */
  lastDoneAt: number | null;
  lastDoneRunningHours: number | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

/** POST /api/maintenance-plans */
export interface CreateMaintenancePlanRequest {
  /** Default: generated ("mp-" and 8 hex digits). */
  id?: string;
  deviceId: string;
  title: string;
  description?: string;
  trigger: MaintenanceTriggerInput;
  requiredSkills?: string[];
  requiredCertifications?: string[];
  priority?: Priority | null;
  enabled?: boolean;
  actor?: string;
}

/** PATCH /api/maintenance-plans/:id: the fields given replace the stored ones (the trigger as a whole). */
export type UpdateMaintenancePlanRequest = Partial<Omit<CreateMaintenancePlanRequest, 'id' | 'deviceId'>>;
