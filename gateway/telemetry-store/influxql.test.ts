import { describe, expect, it } from 'vitest';
import { msTime, quoteIdentifier, quoteString } from './influxql';

describe('InfluxQL quoting', () => {
  it('quotes string literals so no value can end them', () => {
    expect(quoteString('P-104')).toBe("'P-104'");
    expect(quoteString("' OR '1'='1")).toBe("'\\' OR \\'1\\'=\\'1'");
    expect(quoteString('a\\b\nc')).toBe("'a\\\\b\\nc'");
  });

  it('quotes identifiers and refuses newlines in them', () => {
    expect(quoteIdentifier('current')).toBe('"current"');
    expect(quoteIdentifier('we"ird\\')).toBe('"we\\"ird\\\\"');
    expect(() => quoteIdentifier('a\nb')).toThrow(/newline/);
  });

  it('writes epoch-ms time literals and refuses anything but integers', () => {
    expect(msTime(1_793_520_000_000)).toBe('1793520000000ms');
    expect(() => msTime(1.5)).toThrow();
    expect(() => msTime(Number.NaN)).toThrow();
  });
});
