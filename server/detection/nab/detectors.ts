/**
 * Detectors the NAB runner knows by name. Each factory makes a fresh
 * streaming detector for one series.
 */
import { createAnomalyScorer } from '../unsupervised/anomaly-scorer';
import type { DetectorFactory } from './runner';

export interface NabDetector {
  description: string;
  create: DetectorFactory;
}

export const NAB_DETECTORS: Readonly<Record<string, NabDetector>> = Object.freeze({
  robustSurprise: {
    description: 'the default unsupervised scorer (server/detection/unsupervised): rank/tail surprise of value, local step, daily pattern and moving means',
    create: () => createAnomalyScorer(),
  },
  null: {
    description: 'never fires (score 0): the 0 of the normalised score',
    create: () => ({ score: () => 0 }),
  },
});

export const DEFAULT_DETECTOR = 'robustSurprise';
