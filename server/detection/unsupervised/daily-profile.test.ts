import { describe, expect, it } from 'vitest';
import { DailyProfile } from './daily-profile';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

describe('DailyProfile', () => {
  it('predicts the median of the same slot on previous days, ignoring other slots', () => {
    const p = new DailyProfile({ days: 7, slotMinutes: 60, minDays: 3 });
    // 08:00 slot was 10, 12, 30 on three days; 09:00 was always 100.
    [10, 12, 30].forEach((v, d) => {
      p.add(T0 + d * DAY + 8 * HOUR, v);
      p.add(T0 + d * DAY + 9 * HOUR, 100);
    });
    expect(p.predict(T0 + 3 * DAY + 8 * HOUR + 10 * 60_000)).toBe(12);
    expect(p.predict(T0 + 3 * DAY + 9 * HOUR)).toBe(100);
  });

  it('averages the samples inside one slot of one day', () => {
    const p = new DailyProfile({ days: 3, slotMinutes: 15, minDays: 1 });
    p.add(T0 + 60_000, 2);
    p.add(T0 + 5 * 60_000, 4);
    expect(p.predict(T0 + DAY + 7 * 60_000)).toBe(3);
  });

  it('makes no prediction before minDays days of history, and forgets days older than its horizon', () => {
    const p = new DailyProfile({ days: 2, slotMinutes: 60, minDays: 2 });
    p.add(T0, 1);
    expect(p.predict(T0 + DAY)).toBeNaN();
    p.add(T0 + DAY, 3);
    expect(p.predict(T0 + 2 * DAY)).toBe(2);
    // Four days later only days 2 and 3 count; day 0's slot was overwritten by day 3.
    p.add(T0 + 2 * DAY, 10);
    p.add(T0 + 3 * DAY, 20);
    expect(p.predict(T0 + 4 * DAY)).toBe(15);
    expect(p.predict(T0 + 9 * DAY)).toBeNaN();
  });

  it('rejects slot widths that do not divide a day', () => {
    expect(() => new DailyProfile({ days: 7, slotMinutes: 7, minDays: 3 })).toThrow(RangeError);
  });
});
