/**
 * The scorer against the official NAB scorer's published numbers: the two
 * reference detectors' results in ../shared/nab/reference-results must score
 * exactly the README's rows, to the second decimal.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNabCorpus } from './corpus-loader';
import { NAB_CORPUS_PRESENT, NAB_TEST_DIR } from './nab-test-fixtures';
import { readResults } from './results-files';
import { scoreProfiles } from './runner';

const EXPECTED = {
  windowedGaussian: { standard: 44.8, reward_low_FP_rate: 23.02, reward_low_FN_rate: 53.58 },
  numenta: { standard: 72.97, reward_low_FP_rate: 66.62, reward_low_FN_rate: 76.82 },
} as const;

describe.skipIf(!NAB_CORPUS_PRESENT)(`NAB scorer reproduces the published reference rows (needs the corpus at ${NAB_TEST_DIR})`, () => {
  for (const [detector, expected] of Object.entries(EXPECTED)) {
    it(`scores ${detector} ${Object.values(expected).join(' / ')}`, async () => {
      const corpus = await loadNabCorpus(NAB_TEST_DIR);
      expect(corpus.series).toHaveLength(51);
      const series = await readResults(path.join(NAB_TEST_DIR, 'reference-results', detector), detector, corpus.series);
      const got = Object.fromEntries(scoreProfiles(series, corpus.profiles).map((p) => [p.profile, Number(p.score.normalised.toFixed(2))]));
      expect(got).toEqual(expected);
    });
  }
});
