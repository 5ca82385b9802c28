import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES as SERVER_ROLES } from '../../../server/auth/roles';
import { ACTION_ROLES, allowedActions, can, parseMe, ROLES } from './permissions';

describe('role → allowed actions', () => {
  it('offers transitions to technicians, planners and admins only', () => {
    expect(ROLES.filter((r) => can(r, 'transition'))).toEqual(['technician', 'planner', 'admin']);
  });
  it('lets everyone but the display comment', () => {
    expect(ROLES.filter((r) => !can(r, 'comment'))).toEqual(['display']);
  });
  it('lets line leads create orders (an emergency stop) but not move them', () => {
    expect(allowedActions('line-lead')).toEqual(['comment', 'create-order']);
    expect(allowedActions('reliability-engineer')).toEqual(['comment', 'edit-rules']);
    expect(ROLES.filter((r) => can(r, 'create-order'))).toEqual(['technician', 'planner', 'line-lead', 'admin']);
  });
  it('keeps priority overrides to planners and admins', () => {
    expect(ROLES.filter((r) => can(r, 'override-priority'))).toEqual(['planner', 'admin']);
  });
  it('gives the display role and nobody signed in nothing', () => {
    expect(allowedActions('display')).toEqual([]);
    expect(allowedActions(null)).toEqual([]);
  });
  it("agrees with the server's permission table", () => {
    expect([...ROLES]).toEqual([...SERVER_ROLES]);
    expect(ACTION_ROLES.transition).toEqual(PERMISSIONS['work-order.transition']);
    expect(ACTION_ROLES.comment).toEqual(PERMISSIONS['work-order.comment']);
    expect(ACTION_ROLES['create-order']).toEqual(PERMISSIONS['work-order.create']);
    expect(ACTION_ROLES['override-priority']).toEqual(PERMISSIONS['work-order.plan']);
    expect(ACTION_ROLES.assign).toEqual(PERMISSIONS['work-order.plan']);
    expect(ACTION_ROLES['edit-rules']).toEqual(PERMISSIONS['rules.edit']);
  });
});

describe('parseMe', () => {
  it('reads name, role and the optional description', () => {
    expect(parseMe({ name: ' Dana Ortiz ', role: 'technician', can: 'works orders' })).toEqual({ name: 'Dana Ortiz', role: 'technician', can: 'works orders' });
    expect(parseMe({ name: 'Wall 2', role: 'display' })).toEqual({ name: 'Wall 2', role: 'display', can: null });
  });
  it('refuses unknown roles and missing names', () => {
    expect(parseMe({ name: 'x', role: 'root' })).toBeNull();
    expect(parseMe({ name: '', role: 'admin' })).toBeNull();
    expect(parseMe(null)).toBeNull();
  });
});
