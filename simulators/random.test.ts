import { describe, expect, it } from 'vitest';
import { hashGaussian, hashSeed, hashUniform, mulberry32 } from './random';

describe('seeded randomness', () => {
  it('mulberry32 repeats for a seed and differs between seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it('mulberry32 is uniform on [0, 1)', () => {
    const rng = mulberry32(123);
    const xs = Array.from({ length: 20_000 }, rng);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('hashSeed separates its parts', () => {
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
    expect(hashSeed(1, 'P-104')).toBe(hashSeed(1, 'P-104'));
    expect(hashSeed(1, 'P-104')).not.toBe(hashSeed(2, 'P-104'));
  });

  it('time-keyed noise depends on ts above 2^32 ms too (real epoch times)', () => {
    const ts = 1_736_143_200_000;
    expect(hashUniform(1, ts, 0)).not.toBe(hashUniform(1, ts + 2 ** 32, 0));
    expect(hashUniform(1, ts, 0)).not.toBe(hashUniform(1, ts, 1));
  });

  it('hashGaussian is standard normal and bounded', () => {
    const zs = Array.from({ length: 20_000 }, (_, i) => hashGaussian(99, 1_736_143_200_000 + i * 1000, 3));
    const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
    const sd = Math.sqrt(zs.reduce((s, z) => s + (z - mean) ** 2, 0) / zs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeGreaterThan(0.97);
    expect(sd).toBeLessThan(1.03);
    expect(Math.max(...zs.map(Math.abs))).toBeLessThan(6.7);
  });
});
