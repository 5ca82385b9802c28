import { describe, expect, it } from 'vitest';
import { formatLocal, instantOf, isValidTimeZone, offsetAt, parseDateKey } from './zoned-time';

describe('zoned time', () => {
  it('reads the offset of Berlin and New York in winter and summer', () => {
    expect(offsetAt('Europe/Berlin', Date.parse('2026-01-15T12:00Z')) / 3_600_000).toBe(1);
    expect(offsetAt('Europe/Berlin', Date.parse('2026-07-15T12:00Z')) / 3_600_000).toBe(2);
    expect(offsetAt('America/New_York', Date.parse('2026-01-15T12:00Z')) / 3_600_000).toBe(-5);
    expect(offsetAt('America/New_York', Date.parse('2026-07-15T12:00Z')) / 3_600_000).toBe(-4);
  });

  it('finds the instant of a local time, moving gap times forward and taking the first of doubled times', () => {
    const date = { year: 2026, month: 3, day: 29 };
    expect(instantOf('Europe/Berlin', date, 60)).toBe(Date.parse('2026-03-29T01:00+01:00'));
    expect(instantOf('Europe/Berlin', date, 150)).toBe(Date.parse('2026-03-29T03:30+02:00')); // 02:30 does not exist
    expect(instantOf('Europe/Berlin', date, 180)).toBe(Date.parse('2026-03-29T03:00+02:00'));
    expect(instantOf('Europe/Berlin', { year: 2026, month: 10, day: 25 }, 150)).toBe(Date.parse('2026-10-25T02:30+02:00')); // twice; first
    expect(instantOf('Europe/Berlin', { year: 2026, month: 10, day: 25 }, 1440 + 360)).toBe(Date.parse('2026-10-26T06:00+01:00'));
  });

  it('accepts real dates only, leap days included', () => {
    expect(parseDateKey('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDateKey('2026-02-29')).toBeNull();
    expect(parseDateKey('2026-2-1')).toBeNull();
  });

  it('knows IANA zones and prints local times as the plant clock shows them', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(formatLocal('America/New_York', Date.parse('2026-11-01T06:30Z'))).toBe('2026-11-01 01:30');
  });
});
