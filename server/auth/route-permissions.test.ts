import { describe, expect, it } from 'vitest';
import { may, PERMISSIONS, ROLES } from './roles';
import { permissionFor } from './route-permissions';
import { bearerToken, generateToken, hashToken } from './tokens';

describe('route permissions', () => {
  it('picks the most specific rule', () => {
    expect(permissionFor('GET', '/api/health')).toBe('public');
    expect(permissionFor('GET', '/api/work-orders')).toBe('read');
    expect(permissionFor('HEAD', '/api/devices/P-1')).toBe('read');
    expect(permissionFor('POST', '/api/work-orders')).toBe('work-order.create');
    expect(permissionFor('POST', '/api/work-orders/WO-2026-000001/transition')).toBe('work-order.transition');
    expect(permissionFor('PUT', '/api/rules/class.pump.vibration')).toBe('rules.edit');
  });

  it('covers nothing it does not list: an unlisted write is refused', () => {
    expect(permissionFor('POST', '/api/devices')).toBeNull();
    expect(permissionFor('DELETE', '/api/work-orders/1')).toBeNull();
    expect(permissionFor('POST', '/api/work-orders/1/transition/extra')).toBeNull();
  });

  it('gives the display role reading only, and tokens to admins only', () => {
    for (const p of Object.keys(PERMISSIONS) as Array<keyof typeof PERMISSIONS>) {
      expect(may('display', p)).toBe(p === 'read');
      expect(may('admin', p)).toBe(true);
    }
    expect(ROLES.filter((r) => may(r, 'tokens.manage'))).toEqual(['admin']);
    expect(may('technician', 'rules.edit')).toBe(false);
    expect(may('reliability-engineer', 'rules.edit')).toBe(true);
    expect(may('line-lead', 'work-order.create')).toBe(true);
    expect(may('line-lead', 'work-order.transition')).toBe(false);
  });
});

describe('tokens', () => {
  it('are long random secrets stored as SHA-256', () => {
    const a = generateToken();
    expect(a).toMatch(/^pdm_[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
  });

  it('are read from a bearer header only', () => {
    expect(bearerToken('Bearer pdm_abc')).toBe('pdm_abc');
    expect(bearerToken('bearer   pdm_abc ')).toBe('pdm_abc');
    expect(bearerToken('Basic dXNlcjpwdw==')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
