import { describe, expect, it } from 'vitest';
import { deviceLiveness } from './device-liveness';

const now = Date.UTC(2026, 2, 1, 12, 0, 0);
const minutes = (m: number) => m * 60_000;

describe('device liveness', () => {
  it.each([
    [null, 'never-seen'],
    [now, 'online'],
    [now - minutes(2) + 1, 'online'],
    [now - minutes(2), 'stale'],
    [now - minutes(15) + 1, 'stale'],
    [now - minutes(15), 'offline'],
    [now - minutes(60 * 24), 'offline'],
    // A device clock slightly ahead of the server still counts as online.
    [now + 5_000, 'online'],
  ] as const)('last seen %s -> %s', (lastSeenAt, expected) => {
    expect(deviceLiveness(lastSeenAt, now)).toBe(expected);
  });
});
