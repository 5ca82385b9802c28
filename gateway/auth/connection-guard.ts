/**
 * Admission control for new broker connections, per remote address: a token
 * bucket for connection attempts, a growing lock-out after repeated failed
 * logins, and a cap on clients overall. Pure, with an injectable clock; the
 * broker asks before it reads anything from a new socket.
 */
export interface ConnectionLimits {
  /** Connection attempts one address may make at once… */
  burst: number;
  /** …and per second after that. */
  perSecond: number;
  /** Connections open at once, all addresses together. */
  maxClients: number;
  /** Failed logins from one address before it is locked out. */
  freeAuthFailures: number;
  /** First lock-out; doubles with every further failure up to maxLockoutMs. */
  baseLockoutMs: number;
  maxLockoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  burst: 50,
  perSecond: 10,
  maxClients: 1000,
  freeAuthFailures: 3,
  baseLockoutMs: 1000,
  maxLockoutMs: 5 * 60_000,
};

export type Admission = { ok: true } | { ok: false; reason: 'rate-limited' | 'locked-out' | 'too-many-clients'; retryInMs: number };

interface AddressState {
  tokens: number;
  refilledAt: number;
  failures: number;
  lockedUntil: number;
}

export class ConnectionGuard {
  private readonly addresses = new Map<string, AddressState>();

  constructor(
    private readonly limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Decides on a new connection from `address` while `open` connections exist; an admitted one takes a token. */
  admit(address: string, open: number): Admission {
    const t = this.now();
    const s = this.state(address, t);
    if (s.lockedUntil > t) return { ok: false, reason: 'locked-out', retryInMs: s.lockedUntil - t };
    if (open >= this.limits.maxClients) return { ok: false, reason: 'too-many-clients', retryInMs: 1000 };
    if (s.tokens < 1) return { ok: false, reason: 'rate-limited', retryInMs: Math.ceil(((1 - s.tokens) / this.limits.perSecond) * 1000) };
    s.tokens -= 1;
    return { ok: true };
  }

  /** A failed login from `address`; returns the lock-out it now has (0 while still within the free failures). */
  authFailed(address: string): number {
    const t = this.now();
    const s = this.state(address, t);
    s.failures += 1;
    const over = s.failures - this.limits.freeAuthFailures;
    if (over <= 0) return 0;
    const lockout = Math.min(this.limits.maxLockoutMs, this.limits.baseLockoutMs * 2 ** Math.min(over - 1, 30));
    s.lockedUntil = t + lockout;
    return lockout;
  }

  /** A successful login clears the address's failures. */
  authSucceeded(address: string): void {
    const s = this.addresses.get(address);
    if (s) {
      s.failures = 0;
      s.lockedUntil = 0;
    }
  }

  /** Forgets addresses that are idle, full and not locked out, so the table stays small. */
  prune(): void {
    const t = this.now();
    for (const [address, s] of this.addresses) {
      this.refill(s, t);
      if (s.tokens >= this.limits.burst && s.failures === 0 && s.lockedUntil <= t) this.addresses.delete(address);
    }
  }

  get trackedAddresses(): number {
    return this.addresses.size;
  }

  private state(address: string, t: number): AddressState {
    let s = this.addresses.get(address);
    if (!s) {
      s = { tokens: this.limits.burst, refilledAt: t, failures: 0, lockedUntil: 0 };
      this.addresses.set(address, s);
    }
    this.refill(s, t);
    return s;
  }

  private refill(s: AddressState, t: number): void {
    const elapsed = Math.max(0, t - s.refilledAt);
    s.tokens = Math.min(this.limits.burst, s.tokens + (elapsed / 1000) * this.limits.perSecond);
    s.refilledAt = t;
  }
}
