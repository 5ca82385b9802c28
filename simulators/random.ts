/**
 * Deterministic randomness for the simulator. Two kinds:
 *
 * - `mulberry32(seed)`: a sequential PRNG stream, used for things that happen
 *   in order (the next load segment, the next random fault).
 * - `hashGaussian(seed, ts, channel)`: noise keyed by the sample instant, so a
 *   device's reading at a given ts is the same whether it is sampled every
 *   100 ms or once an hour.
 *
 * Nothing here uses Math.random.
 */

/** A stream of uniform numbers in [0, 1). */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3 finaliser: spreads every input bit over the whole word. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed derived from any mix of strings and numbers (FNV-1a + fmix). */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f; // separator, so ('ab', 'c') differs from ('a', 'bc')
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Uniform in [0, 1), fixed by (seed, ts, channel). ts is an integer epoch ms. */
export function hashUniform(seed: number, ts: number, channel: number): number {
  const lo = ts >>> 0;
  const hi = Math.floor(ts / 4294967296) >>> 0;
  let h = fmix32(seed ^ Math.imul(channel + 1, 0x9e3779b1));
  h = fmix32(h ^ lo);
  h = fmix32(h ^ Math.imul(hi + 1, 0x27d4eb2f));
  return h / 4294967296;
}

/**
 * Standard normal noise fixed by (seed, ts, channel), via Box-Muller on two
 * hashed uniforms. Bounded: |z| < 6.7, so noise can never run away.
 */
export function hashGaussian(seed: number, ts: number, channel: number): number {
  const u1 = hashUniform(seed, ts, channel * 2);
  const u2 = hashUniform(seed, ts, channel * 2 + 1);
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** Uniform in [lo, hi). */
export function between(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Exponentially distributed waiting time with the given mean. */
export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}

/** Standard normal from a stream. */
export function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.min(items.length - 1, Math.floor(rng() * items.length))]!;
}
