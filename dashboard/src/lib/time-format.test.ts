import { describe, expect, it } from 'vitest';
import { agoRefreshInterval, formatAgo, formatAxisTime, formatClock, formatDuration, formatFullTimestamp, formatTimestamp, zoneName } from './time-format';

const now = Date.UTC(2026, 10, 22, 14, 32, 5);
const s = 1000;
const min = 60 * s;
const h = 60 * min;
const d = 24 * h;

describe('formatDuration', () => {
  it('uses the largest sensible units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45 * s)).toBe('45 s');
    expect(formatDuration(12 * min + 59 * s)).toBe('12 min');
    expect(formatDuration(2 * h)).toBe('2 h');
    expect(formatDuration(2 * h + 5 * min)).toBe('2 h 5 min');
    expect(formatDuration(3 * d)).toBe('3 d');
    expect(formatDuration(3 * d + 4 * h + 30 * min)).toBe('3 d 4 h');
  });
  it('treats negative durations as zero', () => {
    expect(formatDuration(-5 * s)).toBe('0 s');
  });
});

describe('formatAgo', () => {
  it('says "just now" for the last few seconds and tolerates small clock skew', () => {
    expect(formatAgo(now, now)).toBe('just now');
    expect(formatAgo(now - 9 * s, now)).toBe('just now');
    expect(formatAgo(now + 20 * s, now)).toBe('just now');
  });
  it('counts seconds, minutes, hours, days', () => {
    expect(formatAgo(now - 40 * s, now)).toBe('40 s ago');
    expect(formatAgo(now - 3 * min, now)).toBe('3 min ago');
    expect(formatAgo(now - 12 * min - 30 * s, now)).toBe('12 min ago');
    expect(formatAgo(now - 5 * h - 59 * min, now)).toBe('5 h ago');
    expect(formatAgo(now - 2 * d, now)).toBe('2 d ago');
  });
  it('says "just now" for future timestamps (skew, fast simulated clocks)', () => {
    expect(formatAgo(now + 5 * h, now)).toBe('just now');
  });
});

describe('agoRefreshInterval', () => {
  it('refreshes fresh timestamps more often', () => {
    expect(agoRefreshInterval(now - 5 * s, now)).toBe(1000);
    expect(agoRefreshInterval(now - 5 * min, now)).toBe(15_000);
    expect(agoRefreshInterval(now - 5 * h, now)).toBe(60_000);
  });
});

describe('formatTimestamp', () => {
  it('shows only the time on the same day', () => {
    expect(formatTimestamp(now - h, now, { timeZone: 'UTC' })).toBe('13:32:05');
  });
  it('adds the date on other days', () => {
    expect(formatTimestamp(now - 2 * d, now, { timeZone: 'UTC' })).toBe('20 Nov, 14:32');
  });
  it('formats a full timestamp', () => {
    expect(formatFullTimestamp(now, { timeZone: 'UTC' })).toBe('2026-11-22 14:32:05');
  });
});

describe('formatAxisTime', () => {
  it('uses a 24-hour clock and adapts to tick spacing', () => {
    expect(formatAxisTime(now, 10 * s, { timeZone: 'UTC' })).toBe('14:32:05');
    expect(formatAxisTime(now, 5 * min, { timeZone: 'UTC' })).toBe('14:32');
    expect(formatAxisTime(now, 2 * d, { timeZone: 'UTC' })).toBe('22 Nov');
  });
});

describe('formatClock', () => {
  const ts = Date.UTC(2026, 10, 22, 13, 30); // 14:30 in Berlin
  it('shows the minute in the given zone, with the date on another day', () => {
    expect(formatClock(ts, ts - 3_600_000, { timeZone: 'Europe/Berlin' })).toBe('14:30');
    expect(formatClock(ts, ts + 86_400_000, { timeZone: 'Europe/Berlin' })).toBe('22 Nov 14:30');
    expect(formatClock(ts, ts, { timeZone: 'America/Chicago' })).toBe('07:30');
  });
  it('names the zone when asked', () => {
    expect(formatClock(ts, ts, { timeZone: 'Europe/Berlin', showZone: true })).toBe('14:30 CET');
    expect(zoneName(ts, 'UTC')).toBe('UTC');
  });
});
