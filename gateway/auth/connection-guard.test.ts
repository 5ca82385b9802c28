import { describe, expect, it } from 'vitest';
import { ConnectionGuard, type ConnectionLimits } from './connection-guard';

const limits: ConnectionLimits = { burst: 3, perSecond: 2, maxClients: 10, freeAuthFailures: 2, baseLockoutMs: 1000, maxLockoutMs: 8000 };

function guard() {
  const clock = { t: 1_000_000 };
  return { g: new ConnectionGuard(limits, () => clock.t), clock };
}

describe('connection guard', () => {
  it('admits a burst per address, then refills at the configured rate', () => {
    const { g, clock } = guard();
    expect([1, 2, 3].map(() => g.admit('10.0.0.1', 0).ok)).toEqual([true, true, true]);
    expect(g.admit('10.0.0.1', 0)).toEqual({ ok: false, reason: 'rate-limited', retryInMs: 500 });
    // another address is unaffected
    expect(g.admit('10.0.0.2', 0).ok).toBe(true);
    clock.t += 500; // one token back at 2/s
    expect(g.admit('10.0.0.1', 0).ok).toBe(true);
    expect(g.admit('10.0.0.1', 0).ok).toBe(false);
    clock.t += 60_000; // never more than the burst
    expect([1, 2, 3, 4].map(() => g.admit('10.0.0.1', 0).ok)).toEqual([true, true, true, false]);
  });

  it('caps clients over all addresses', () => {
    const { g } = guard();
    expect(g.admit('10.0.0.1', 9).ok).toBe(true);
    expect(g.admit('10.0.0.3', 10)).toMatchObject({ ok: false, reason: 'too-many-clients' });
  });

  it('locks an address out after repeated failed logins, doubling up to the cap, and a success clears it', () => {
    const { g, clock } = guard();
    expect(g.authFailed('10.0.0.1')).toBe(0);
    expect(g.authFailed('10.0.0.1')).toBe(0);
    expect(g.authFailed('10.0.0.1')).toBe(1000);
    expect(g.admit('10.0.0.1', 0)).toMatchObject({ ok: false, reason: 'locked-out', retryInMs: 1000 });
    expect(g.admit('10.0.0.9', 0).ok).toBe(true);
    expect([g.authFailed('10.0.0.1'), g.authFailed('10.0.0.1'), g.authFailed('10.0.0.1'), g.authFailed('10.0.0.1')]).toEqual([2000, 4000, 8000, 8000]);
    clock.t += 8000;
    expect(g.admit('10.0.0.1', 0).ok).toBe(true);
    g.authSucceeded('10.0.0.1');
    expect(g.authFailed('10.0.0.1')).toBe(0);
  });

  it('forgets idle addresses on prune', () => {
    const { g, clock } = guard();
    g.admit('10.0.0.1', 0);
    g.authFailed('10.0.0.2');
    clock.t += 10_000;
    g.prune();
    expect(g.trackedAddresses).toBe(1); // the one with a failed login is kept
  });
});
