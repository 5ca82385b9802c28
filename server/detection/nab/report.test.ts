import { describe, expect, it } from 'vitest';
import { leaveOneCategoryOut } from './cross-validation';
import { REFERENCE_SCORES } from './reference-scores';
import { formatReport } from './report';
import { scoreProfiles } from './runner';
import type { ScoredSeries } from './scorer';

const profiles = {
  standard: { tpWeight: 1, fnWeight: 1, fpWeight: 0.11 },
  reward_low_FP_rate: { tpWeight: 1, fnWeight: 1, fpWeight: 0.22 },
  reward_low_FN_rate: { tpWeight: 1, fnWeight: 2, fpWeight: 0.11 },
};

function series(key: string, hitAt: number | null): ScoredSeries {
  const scores = new Float64Array(400);
  if (hitAt !== null) scores[hitAt] = 0.9;
  return { key, category: key.split('/')[0]!, windows: key.startsWith('quiet') ? [] : [{ start: 200, end: 239 }], scores };
}

describe('formatReport', () => {
  const all = [series('pumps/a.csv', 200), series('pumps/b.csv', null), series('fans/c.csv', 220), series('quiet/d.csv', 300)];
  const scored = scoreProfiles(all, profiles);
  const text = formatReport({
    detector: 'demo',
    files: all.length,
    profiles: scored,
    references: REFERENCE_SCORES,
    heldOut: scored.map((p) => ({ profile: p.profile, result: leaveOneCategoryOut(all, p.cost) })),
  });
  const lines = text.split('\n');

  it("ranks this run among the published detectors by standard score, with all three profiles", () => {
    const own = lines.find((l) => l.startsWith('* demo (this run)'))!;
    const standard = scored[0]!.score.normalised;
    expect(own).toContain(standard.toFixed(2));
    expect(own).toContain(scored[2]!.score.normalised.toFixed(2));
    const order = lines.filter((l) => l.startsWith('ARTime') || l.startsWith('* demo') || l.startsWith('Windowed Gaussian'));
    expect(order[0]).toMatch(/^ARTime/);
    expect(order.at(-1)).toMatch(/^Windowed Gaussian/);
    expect(lines.find((l) => l.startsWith('Numenta HTM'))).toMatch(/72\.97\s+66\.62\s+76\.82/);
  });

  it('shows the threshold, windows found and false-positive rows behind each profile', () => {
    expect(lines.find((l) => l.startsWith('standard'))).toMatch(/0\.900000\s+2\/3\s+1\s/);
  });

  it('breaks the score down per category, windows found and false positives included', () => {
    expect(lines.find((l) => l.startsWith('pumps'))).toMatch(/pumps\s+2\s+.*1\/2\s+0$/);
    expect(lines.find((l) => l.startsWith('quiet'))).toMatch(/quiet\s+1\s+-\s+-\s+-\s+0\/0\s+1$/);
  });

  it('adds the leave-one-category-out table when asked', () => {
    expect(text).toContain('Leave one category out');
    expect(lines.find((l) => l.startsWith('reward_low_FN_rate') && l.includes('FP'))).toBeDefined();
  });
});
