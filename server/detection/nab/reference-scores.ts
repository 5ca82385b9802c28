/**
 * Published normalised NAB scores on exactly this 51-file subset (from the
 * corpus README), printed beside a run's own numbers. Profiles that were not
 * published are absent.
 */
export interface ReferenceRow {
  detector: string;
  /** Normalised score per profile name. */
  scores: Readonly<Record<string, number>>;
}

export const REFERENCE_SCORES: readonly ReferenceRow[] = [
  { detector: 'ARTime', scores: { standard: 77.04 } },
  { detector: 'CAD OSE (contextOSE)', scores: { standard: 75.41 } },
  { detector: 'Numenta HTM (numenta)', scores: { standard: 72.97, reward_low_FP_rate: 66.62, reward_low_FN_rate: 76.82 } },
  { detector: 'earthgecko Skyline', scores: { standard: 63.15 } },
  { detector: 'KNN CAD', scores: { standard: 60.49 } },
  { detector: 'Relative Entropy', scores: { standard: 55.57 } },
  { detector: 'Random Cut Forest', scores: { standard: 55.12 } },
  { detector: 'Windowed Gaussian (windowedGaussian)', scores: { standard: 44.8, reward_low_FP_rate: 23.02, reward_low_FN_rate: 53.58 } },
];
