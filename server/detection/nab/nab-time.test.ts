import { describe, expect, it } from 'vitest';
import { formatNabTimestamp, parseNabTimestamp } from './nab-time';

describe('NAB timestamps', () => {
  it('reads a window edge with microseconds as the same instant as the CSV row', () => {
    expect(parseNabTimestamp('2014-04-10 07:15:00.000000')).toBe(parseNabTimestamp('2014-04-10 07:15:00'));
    expect(parseNabTimestamp('2014-04-10 07:15:00')).toBe(Date.UTC(2014, 3, 10, 7, 15, 0));
  });

  it('keeps a non-zero fraction, so 07:15:00.5 is after 07:15:00', () => {
    expect(parseNabTimestamp('2014-04-10 07:15:00.500000')).toBe(Date.UTC(2014, 3, 10, 7, 15, 0) + 500);
  });

  it('rejects text that is not a timestamp, including impossible dates', () => {
    for (const bad of ['', 'yesterday', '2014-04-10', '2014-13-01 00:00:00', '2014-02-31 00:00:00', '2014-04-10 24:00:00']) {
      expect(parseNabTimestamp(bad), bad).toBeNull();
    }
  });

  it('formats back to the CSV form', () => {
    const text = '2015-02-26 21:42:53';
    expect(formatNabTimestamp(parseNabTimestamp(text)!)).toBe(text);
  });
});
