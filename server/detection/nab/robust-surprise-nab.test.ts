/**
 * Regression floor for the default unsupervised detector on the NAB subset:
 * a change that costs detections or adds false alarms shows up here. The
 * floors sit a little under the current numbers (77.09 / 71.82 / 80.95,
 * leave-one-category-out 76.0), above the published Numenta HTM row.
 */
import { describe, expect, it } from 'vitest';
import { loadNabCorpus } from './corpus-loader';
import { leaveOneCategoryOut } from './cross-validation';
import { NAB_DETECTORS } from './detectors';
import { NAB_CORPUS_PRESENT, NAB_TEST_DIR } from './nab-test-fixtures';
import { runDetector, scoreProfiles } from './runner';

describe.skipIf(!NAB_CORPUS_PRESENT)(`robustSurprise on the NAB subset (needs the corpus at ${NAB_TEST_DIR})`, () => {
  it('beats the published Numenta HTM row on every profile, also with thresholds chosen on other categories', async () => {
    const corpus = await loadNabCorpus(NAB_TEST_DIR);
    const series = await runDetector({ corpus, detector: 'robustSurprise', create: NAB_DETECTORS.robustSurprise!.create });
    const scores = Object.fromEntries(scoreProfiles(series, corpus.profiles).map((p) => [p.profile, p.score.normalised]));
    expect(scores.standard).toBeGreaterThan(76);
    expect(scores.reward_low_FP_rate).toBeGreaterThan(70);
    expect(scores.reward_low_FN_rate).toBeGreaterThan(79.5);
    expect(leaveOneCategoryOut(series, corpus.profiles.standard!).pooledNormalised).toBeGreaterThan(74.5);
  });
});
