/**
 * The shape of a site's working calendar, as read from a config file or an
 * HTTP body. Every issue names its field.
 *
 * ```json
 * {
 *   "timeZone": "Europe/Berlin",
 *   "shifts": [
 *     { "name": "early", "days": ["mon", "tue", "wed", "thu", "fri"], "start": "06:00", "end": "14:00" },
 *     { "name": "late",  "days": ["mon", "tue", "wed", "thu", "fri"], "start": "14:00", "end": "22:00" },
 *     { "name": "night", "days": ["mon", "tue", "wed", "thu", "fri"], "start": "22:00", "end": "06:00" },
 *     { "name": "saturday", "days": ["sat"], "start": "06:00", "end": "12:00" }
 *   ],
 *   "holidays": ["2026-12-25", "2026-12-26"]
 * }
 * ```
 *
 * Meaning:
 * - Times are local wall-clock times in `timeZone`. A shift's `days` are the
 *   days it *starts* on; when `end` is not after `start` the shift runs past
 *   midnight (Friday's 22:00-06:00 night shift ends Saturday 06:00). "24:00"
 *   as an end is the next midnight.
 * - A holiday is a local date with no working time at all: shifts that start
 *   on it do not run, and an overnight shift running into it stops at midnight.
 * - mode "24/7" works every minute of every day except holidays; `shifts` is
 *   then ignored.
 * - Overlapping shifts are fine; overlapping time counts once.
 */
import { z } from 'zod';
import { isValidTimeZone, parseDateKey } from './zoned-time';

/** Index = Date#getDay (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const START_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const shiftSchema = z
  .strictObject({
    name: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(60, 'must be at most 60 characters').optional(),
    days: z
      .array(z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }), { error: 'must be a list of weekdays' })
      .min(1, 'must list at least one weekday')
      .refine((days) => new Set(days).size === days.length, 'must not list a weekday twice'),
    start: z.string({ error: 'must be a string' }).regex(START_PATTERN, 'must be a local time "HH:MM" from 00:00 to 23:59'),
    end: z.string({ error: 'must be a string' }).regex(END_PATTERN, 'must be a local time "HH:MM" from 00:00 to 24:00'),
  })
  .refine((s) => s.start !== s.end, {
    path: ['end'],
    message: 'must differ from start (an end before the start means the shift runs past midnight)',
  });
export type Shift = z.output<typeof shiftSchema>;

const holiday = z.string({ error: 'must be a string' }).refine((s) => parseDateKey(s) !== null, 'must be a real local date "YYYY-MM-DD"');

export const workingCalendarSchema = z
  .strictObject({
    timeZone: z
      .string({ error: 'must be a string' })
      .refine(isValidTimeZone, 'must be an IANA time zone such as "Europe/Berlin" or "America/New_York"'),
    mode: z.enum(['shifts', '24/7'], { error: 'must be "shifts" or "24/7"' }).default('shifts'),
    shifts: z.array(shiftSchema, { error: 'must be a list of shifts' }).default([]),
    holidays: z.array(holiday, { error: 'must be a list of dates "YYYY-MM-DD"' }).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'shifts' && c.shifts.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['shifts'], message: 'must list at least one shift (or set mode to "24/7")' });
    }
  });

export type WorkingCalendar = z.output<typeof workingCalendarSchema>;
export type WorkingCalendarInput = z.input<typeof workingCalendarSchema>;

/** Every minute counts: the clock for targets measured in real time (P0 by default). */
export const ALWAYS_WORKING: WorkingCalendar = Object.freeze({ timeZone: 'UTC', mode: '24/7', shifts: [], holidays: [] });
