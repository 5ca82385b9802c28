import { describe, expect, it } from 'vitest';
import { SlidingMax } from './sliding-max';

describe('SlidingMax', () => {
  it('matches a brute-force maximum over the last window values', () => {
    const m = new SlidingMax(4);
    const seen: number[] = [];
    const input = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
    expect(m.max()).toBe(-Infinity);
    for (const v of input) {
      m.push(v);
      seen.push(v);
      expect(m.max()).toBe(Math.max(...seen.slice(-4)));
    }
  });
});
