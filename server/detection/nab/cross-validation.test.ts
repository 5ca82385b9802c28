import { describe, expect, it } from 'vitest';
import { leaveOneCategoryOut } from './cross-validation';
import type { ScoredSeries } from './scorer';

const standard = { tpWeight: 1, fnWeight: 1, fpWeight: 0.11 };

function series(key: string, hit: number): ScoredSeries {
  const scores = new Float64Array(400);
  scores[210] = hit;
  return { key, category: key.split('/')[0]!, windows: [{ start: 200, end: 239 }], scores };
}

describe('leaveOneCategoryOut', () => {
  it('scores each category at the threshold chosen on the others, exposing a score scale that does not travel', () => {
    // Category a's anomalies score 0.9, b's only 0.3: b's own threshold would be 0.3, but a alone picks 0.9.
    const result = leaveOneCategoryOut([series('a/1.csv', 0.9), series('a/2.csv', 0.9), series('b/3.csv', 0.3)], standard);
    const [a, b] = result.categories;
    expect(a).toMatchObject({ category: 'a', threshold: 0.3, detectedWindows: 2 });
    expect(b).toMatchObject({ category: 'b', threshold: 0.9, detectedWindows: 0, normalised: 0 });
    // In-sample the corpus would catch all three; held out, b's window is lost.
    expect(result.pooledNormalised).toBeLessThan(70);
    expect(result.pooledNormalised).toBeGreaterThan(50);
  });
});
