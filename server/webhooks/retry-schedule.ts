/**
 * When a failed delivery is tried again: roughly exponential steps (30 s,
 * 2 min, 10 min, 1 h, 6 h, 12 h, 24 h) with ±20 % jitter so that many
 * deliveries failing together do not retry together; after the 8th attempt
 * the delivery is failed. Pure; `random` is injected.
 */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000, 86_400_000] as const;

/** Attempts in all, the first one included. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

export const JITTER = 0.2;

/**
 * The wait before the next attempt after `attemptsMade` failed attempts, or
 * null when there is none left. `random` returns [0, 1).
 */
export function retryDelayMs(attemptsMade: number, random: () => number = Math.random): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1 || attemptsMade >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[attemptsMade - 1]!;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}
