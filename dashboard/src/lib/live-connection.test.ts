import { describe, expect, it } from 'vitest';
import { initialLive, nextLive, reconnectDelay } from './live-connection';

describe('live connection state', () => {
  it('goes live on the first open without refetching', () => {
    const t = nextLive(initialLive(), 'open');
    expect(t).toEqual({ state: 'live', lostBefore: false, refetch: false });
  });
  it('says reconnecting after losing a live connection and refetches on reopen', () => {
    let t = nextLive(initialLive(), 'open');
    t = nextLive(t, 'error');
    expect(t.state).toBe('reconnecting');
    t = nextLive(t, 'error');
    expect(t.state).toBe('reconnecting');
    t = nextLive(t, 'open');
    expect(t).toEqual({ state: 'live', lostBefore: false, refetch: true });
    expect(nextLive(t, 'open').refetch).toBe(false);
  });
  it('shows reconnecting once a first attempt failed twice', () => {
    let t = nextLive(initialLive(), 'error');
    expect(t.state).toBe('connecting');
    t = nextLive(t, 'closed');
    expect(t.state).toBe('reconnecting');
    expect(nextLive(t, 'open').refetch).toBe(true);
  });
  it('backs off exponentially with a cap', () => {
    expect([0, 1, 2, 3, 10].map((a) => reconnectDelay(a))).toEqual([1000, 2000, 4000, 8000, 15_000]);
  });
});
