import { describe, expect, it } from 'vitest';
import { shiftStatus, technicianCalendar } from './technician-shifts';

const berlin = { timeZone: 'Europe/Berlin', holidays: ['2026-03-12'] };
const night = technicianCalendar([{ days: ['sun', 'mon', 'tue', 'wed', 'thu'], start: '22:00', end: '06:00' }], berlin);
const early = technicianCalendar([{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '06:00', end: '14:00' }], berlin);
/** Local Berlin time in March 2026 (UTC+1 until the 29th). */
const local = (day: number, hour: number, minute = 0) => Date.UTC(2026, 2, day, hour - 1, minute);

describe('technician shift status', () => {
  it('is on shift inside a shift in the site time zone, including a night shift past midnight', () => {
    expect(shiftStatus(early, local(10, 9))).toEqual({ onShift: true, nextShiftAt: local(10, 9) });
    expect(shiftStatus(night, local(11, 3))).toEqual({ onShift: true, nextShiftAt: local(11, 3) });
  });

  it('says when the next shift starts while off shift', () => {
    expect(shiftStatus(early, local(10, 15))).toEqual({ onShift: false, nextShiftAt: local(11, 6) });
    // Friday night: the night shift next starts Sunday 22:00.
    expect(shiftStatus(night, local(13, 23))).toEqual({ onShift: false, nextShiftAt: local(15, 22) });
  });

  it('keeps site holidays off: no early shift on Thursday 12 March', () => {
    expect(shiftStatus(early, local(12, 9))).toEqual({ onShift: false, nextShiftAt: local(13, 6) });
  });

  it('has no shift status without shifts', () => {
    expect(technicianCalendar([], berlin)).toBeNull();
    expect(shiftStatus(null, local(10, 9))).toEqual({ onShift: false, nextShiftAt: null });
  });
});
