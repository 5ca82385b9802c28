/**
 * Who may do what. Every API route maps to one permission
 * (route-permissions.ts); every permission lists the roles that hold it.
 */
export const ROLES = ['technician', 'planner', 'line-lead', 'reliability-engineer', 'admin', 'display'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  technician: 'works orders: acknowledge, start, hold, resolve with an outcome, comment, report a fault',
  planner: 'planner / supervisor: everything a technician does, plus priorities, assignment, technicians, maintenance plans, line graph',
  'line-lead': 'line lead: reads everything, reports faults (e.g. an emergency stop), comments',
  'reliability-engineer': 'owns alert rules; reads everything and comments',
  admin: 'everything, including access tokens',
  display: 'read-only, for shop-floor screens',
};

export const PERMISSIONS = {
  read: ['technician', 'planner', 'line-lead', 'reliability-engineer', 'admin', 'display'],
  'work-order.comment': ['technician', 'planner', 'line-lead', 'reliability-engineer', 'admin'],
  'work-order.create': ['technician', 'planner', 'line-lead', 'admin'],
  'work-order.transition': ['technician', 'planner', 'admin'],
  'work-order.plan': ['planner', 'admin'],
  /** Add, change and deactivate technicians (skills, certifications, shifts). */
  'technicians.manage': ['planner', 'admin'],
  /** Add, change and disable preventive maintenance plans (the orders they open are ordinary work orders). */
  'maintenance-plans.manage': ['planner', 'admin'],
  'rules.edit': ['reliability-engineer', 'admin'],
  'lines.edit': ['planner', 'admin'],
  'tokens.manage': ['admin'],
  'webhooks.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function may(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
