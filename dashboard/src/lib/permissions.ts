/**
 * Who may do what, as the dashboard needs it: which actions to offer a role.
 * Mirrors the server's permission table (server/auth/roles.ts; a test checks
 * they agree). Hiding a button is a courtesy: the server decides (403).
 */
import type { Role } from '../../../server/auth/roles';

export type { Role };

export const ROLES = ['technician', 'planner', 'line-lead', 'reliability-engineer', 'admin', 'display'] as const satisfies readonly Role[];

// Compile-time check that ROLES lists every server role.
type Missing = Exclude<Role, (typeof ROLES)[number]>;
const noneMissing: [Missing] extends [never] ? true : never = true;
void noneMissing;

export type Action = 'transition' | 'comment' | 'create-order' | 'override-priority' | 'assign' | 'edit-rules';

export const ACTION_ROLES: Record<Action, readonly Role[]> = {
  transition: ['technician', 'planner', 'admin'],
  comment: ['technician', 'planner', 'line-lead', 'reliability-engineer', 'admin'],
  'create-order': ['technician', 'planner', 'line-lead', 'admin'],
  'override-priority': ['planner', 'admin'],
  /** Assign orders and change what they require (work-order.plan). */
  assign: ['planner', 'admin'],
  /** Edit rules and run backtests (rules.edit). */
  'edit-rules': ['reliability-engineer', 'admin'],
};

export const ROLE_LABEL: Record<Role, string> = {
  technician: 'Technician',
  planner: 'Planner',
  'line-lead': 'Line lead',
  'reliability-engineer': 'Reliability engineer',
  admin: 'Admin',
  display: 'Display',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may take `action`; nobody may while signed out. */
export function can(role: Role | null | undefined, action: Action): boolean {
  return !!role && ACTION_ROLES[action].includes(role);
}

/** Every action the role may take, in a fixed order. */
export function allowedActions(role: Role | null | undefined): Action[] {
  return (Object.keys(ACTION_ROLES) as Action[]).filter((a) => can(role, a));
}

export interface Me {
  name: string;
  role: Role;
  /** The server's sentence about what the role may do, when it sends one. */
  can: string | null;
}

/** GET /api/me's body, checked; null when it is not a name and a known role. */
export function parseMe(body: unknown): Me | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.name !== 'string' || !b.name.trim() || !isRole(b.role)) return null;
  return { name: b.name.trim(), role: b.role, can: typeof b.can === 'string' ? b.can : null };
}
