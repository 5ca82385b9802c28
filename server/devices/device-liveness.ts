import type { DeviceLiveness } from '../http/api-types';

/** Seen within this long: online. */
export const ONLINE_WITHIN_MS = 2 * 60_000;
/** Seen within this long (but not online): stale; longer ago: offline. */
export const STALE_WITHIN_MS = 15 * 60_000;

/** Liveness from the last-seen time; never stored, always derived at read time. */
export function deviceLiveness(lastSeenAt: number | null, now: number): DeviceLiveness {
  if (lastSeenAt === null) return 'never-seen';
  const age = now - lastSeenAt;
  if (age < ONLINE_WITHIN_MS) return 'online';
  if (age < STALE_WITHIN_MS) return 'stale';
  return 'offline';
}
