import { describe, expect, it } from 'vitest';
import { buildCli } from './cli';

function run(...args: string[]): string[] {
  const lines: string[] = [];
  buildCli((l) => lines.push(l)).exitOverride().configureOutput({ writeErr: () => {} }).parse(args, { from: 'user' });
  return lines;
}

describe('simulate CLI', () => {
  it('prints a CSV of the device with the fault visible', () => {
    const lines = run('--device', 'P-104', '--hours', '6', '--step-seconds', '600', '--fault', 'bearing-wear', '--fault-start-minutes', '60', '--failure-minutes', '300');
    expect(lines[0]).toBe('ts,time,temperature,vibration,current,faults');
    expect(lines).toHaveLength(1 + 6 * 6 + 1);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(Number(rows[0]![3])).toBeLessThan(2); // healthy at the start
    expect(rows[0]![5]).toBe('');
    const atFailure = rows.find((r) => r[1] === '2025-01-06T11:00:00.000Z')!;
    expect(Number(atFailure[3])).toBeGreaterThan(7.1);
    expect(atFailure[5]).toBe('bearing-wear');
  });

  it('leaves the readings empty during a dropout', () => {
    const lines = run('--device', 'M-D2', '--hours', '1', '--step-seconds', '60', '--fault', 'sensor-dropout', '--fault-start-minutes', '10', '--duration-minutes', '5');
    const empty = lines.slice(1).filter((l) => l.includes(',,,'));
    expect(empty).toHaveLength(5);
    expect(empty.every((l) => l.endsWith('sensor-dropout'))).toBe(true);
  });

  it('explains bad input', () => {
    expect(() => run('--device', 'P-999')).toThrowError(/unknown device "P-999"/);
    expect(() => run('--device', 'P-104', '--fault', 'melt')).toThrowError(/fault must be one of/);
    expect(() => run('--device', 'P-104', '--hours', '-2')).toThrowError(/hours must be a positive number/);
  });
});
