/** The SeriesDetector for a resolved rule of any kind, wrapped in flapping suppression when the rule asks for it. */
import { AdaptiveBaselineDetector } from './adaptive-baseline-detector';
import { FlappingGuard } from './flapping-guard';
import { NoDataDetector } from './no-data-detector';
import { RateOfChangeDetector } from './rate-of-change-detector';
import type { SeriesDetector } from './series-detector';
import { ThresholdDetector, type ThresholdDetectorOptions } from './threshold-detector';
import { TrendToLimitDetector } from './trend-to-limit-detector';
import type { ThresholdRule } from './types';
import { UnsupervisedDetector } from './unsupervised-detector';

export function createSeriesDetector(rule: ThresholdRule, options: ThresholdDetectorOptions = {}): SeriesDetector {
  const detector = kindDetector(rule, options);
  return rule.flapping ? new FlappingGuard(detector, rule.flapping) : detector;
}

function kindDetector(rule: ThresholdRule, options: ThresholdDetectorOptions): SeriesDetector {
  const kind = rule.kind ?? 'threshold';
  if ((kind === 'adaptive-baseline' || kind === 'trend-to-limit' || kind === 'rate-of-change') && rule.params === undefined) {
    throw new RangeError(`rule ${rule.id} v${rule.version} for ${rule.deviceId}: a ${kind} rule needs params`);
  }
  switch (kind) {
    case 'threshold':
      return new ThresholdDetector(rule, options);
    case 'adaptive-baseline':
      return new AdaptiveBaselineDetector(rule, options);
    case 'trend-to-limit':
      return new TrendToLimitDetector(rule, options);
    case 'rate-of-change':
      return new RateOfChangeDetector(rule, options);
    case 'no-data':
      return new NoDataDetector(rule, options);
    case 'unsupervised':
      return new UnsupervisedDetector(rule, options);
  }
}
