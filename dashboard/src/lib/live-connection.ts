/**
 * The live-connection state behind the top bar's indicator, as a pure
 * transition function over EventSource happenings. `refetch` is true when a
 * connection comes back after being lost: events were missed, so the view
 * reloads its data.
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

export type LiveSignal = 'open' | 'error' | 'closed';

export interface LiveTransition {
  state: LiveState;
  /** Whether a connection was lost before, so missed events must be re-fetched. */
  lostBefore: boolean;
  refetch: boolean;
}

export function initialLive(): LiveTransition {
  return { state: 'connecting', lostBefore: false, refetch: false };
}

export function nextLive(prev: LiveTransition, signal: LiveSignal): LiveTransition {
  switch (signal) {
    case 'open':
      return { state: 'live', lostBefore: false, refetch: prev.lostBefore };
    case 'error':
    case 'closed':
      // A first connection that never opened keeps saying "connecting"; a lost one says "reconnecting".
      if (prev.state === 'connecting' && !prev.lostBefore) return { state: 'connecting', lostBefore: true, refetch: false };
      return { state: 'reconnecting', lostBefore: true, refetch: false };
  }
}

/** Delay before re-creating an EventSource the browser gave up on (exponential, capped). */
export function reconnectDelay(attempt: number, baseMs = 1000, maxMs = 15_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
}

export const LIVE_LABEL: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};
