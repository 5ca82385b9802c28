/**
 * Whether a technician is on shift, as pure functions over the working-time
 * code of server/sla: their shifts become a working calendar in the site's
 * time zone with the site's holidays, so night shifts, DST and holidays
 * behave exactly as they do for SLA targets.
 */
import { isWorking, nextWorkingStart, type Shift, type WorkingCalendar } from '../sla';

export interface ShiftStatus {
  onShift: boolean;
  /** `at` while on shift, else when the next shift starts; null without shifts (or none within a year). */
  nextShiftAt: number | null;
}

/** The technician's shifts as a calendar; null when they have none. */
export function technicianCalendar(shifts: readonly Shift[], site: { timeZone: string; holidays: readonly string[] }): WorkingCalendar | null {
  if (shifts.length === 0) return null;
  return { timeZone: site.timeZone, mode: 'shifts', shifts: shifts.map((s) => ({ ...s, days: [...s.days] })), holidays: [...site.holidays] };
}

export function shiftStatus(calendar: WorkingCalendar | null, at: number): ShiftStatus {
  if (!calendar) return { onShift: false, nextShiftAt: null };
  try {
    return { onShift: isWorking(calendar, at), nextShiftAt: nextWorkingStart(calendar, at) };
  } catch {
    // Every shift day falls on holidays for over a year.
    return { onShift: false, nextShiftAt: null };
  }
}
