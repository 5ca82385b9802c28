import { describe, expect, it } from 'vitest';
import { NabFormatError, parseResultsCsv, parseSeriesCsv } from './nab-csv';

describe('parseSeriesCsv', () => {
  it('reads timestamp,value rows as epoch ms and numbers, keeping a repeated timestamp (DST in the AWS files)', () => {
    const { timestamps, values } = parseSeriesCsv('timestamp,value\n2014-03-09 01:59:00,1.5\n2014-03-09 03:00:00,0\n2014-03-09 03:00:00,2\n', 'x.csv');
    expect(Array.from(values)).toEqual([1.5, 0, 2]);
    expect(timestamps[0]).toBe(Date.UTC(2014, 2, 9, 1, 59));
    expect(timestamps[2]).toBe(timestamps[1]);
  });

  it('accepts CRLF line endings and a column order other than timestamp,value', () => {
    const { values } = parseSeriesCsv('value,timestamp\r\n3,2014-01-01 00:00:00\r\n', 'x.csv');
    expect(Array.from(values)).toEqual([3]);
  });

  it.each([
    ['', /x\.csv: empty file/],
    ['timestamp,value\n', /x\.csv: no data rows/],
    ['time,value\n2014-01-01 00:00:00,1\n', /x\.csv: missing column "timestamp"/],
    ['timestamp,value\n2014-01-01 00:00:00,abc\n', /x\.csv: line 2: bad value "abc"/],
    ['timestamp,value\n2014-01-01 00:00:00,\n', /x\.csv: line 2: bad value ""/],
    ['timestamp,value\nyesterday,1\n', /x\.csv: line 2: bad timestamp "yesterday"/],
    ['timestamp,value\n2014-01-02 00:00:00,1\n2014-01-01 00:00:00,1\n', /x\.csv: line 3: .* before the previous row/],
    ['timestamp,value\n2014-01-01 00:00:00\n', /x\.csv: line 2: expected 2 columns/],
  ])('rejects %j with an error naming the file and line', (text, message) => {
    expect(() => parseSeriesCsv(text, 'x.csv')).toThrow(NabFormatError);
    expect(() => parseSeriesCsv(text, 'x.csv')).toThrow(message);
  });
});

describe('parseResultsCsv', () => {
  it('reads anomaly_score next to the data columns and ignores extra columns', () => {
    const r = parseResultsCsv('timestamp,value,anomaly_score,raw_score,label\n2014-01-01 00:00:00,5,0.25,1.0,0\n', 'r.csv');
    expect(Array.from(r.scores)).toEqual([0.25]);
    expect(Array.from(r.values)).toEqual([5]);
  });

  it('rejects a score outside [0, 1]', () => {
    expect(() => parseResultsCsv('timestamp,value,anomaly_score\n2014-01-01 00:00:00,5,1.2\n', 'r.csv')).toThrow(/r\.csv: line 2: anomaly_score "1.2"/);
  });
});
