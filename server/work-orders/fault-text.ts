/**
 * Words a technician reads: work-order titles, descriptions and timeline
 * notes for detected faults, e.g.
 * "Vibration 3.1 mm/s above warn 2.8 mm/s on P-104 Cooling water pump 2".
 */
import { METRIC_INFO, type Metric } from '../../contract/metrics';
import type { FailureMode, Severity, ThresholdRule } from '../detection/types';

const METRIC_NAME: Record<Metric, string> = { temperature: 'Temperature', vibration: 'Vibration', current: 'Current' };

const WHAT_TO_CHECK: Record<FailureMode, string> = {
  'vibration-high': 'Check bearings, alignment, balance and mounting (loose bolts, soft foot).',
  overheating: 'Check cooling and ventilation, lubrication and load; compare with the insulation-class limit of the winding.',
  overcurrent: 'Check for jams, mechanical binding, failing bearings or process overload.',
  undercurrent: 'Check for a broken coupling or belt, dry running or loss of load.',
  'temperature-low': 'Check heaters and process temperature; the sensor may be faulty.',
  'no-data': 'Check whether the machine was switched off on purpose; otherwise check the sensor and its cable, the edge agent and its network link.',
};

/** What a technician checks first for a failure mode. */
export const whatToCheck = (failureMode: FailureMode): string => WHAT_TO_CHECK[failureMode];

/** Up to two decimals, no trailing zeros: 2.8, 4.48, 96.25. */
export const formatNumber = (value: number): string => String(Math.round(value * 100) / 100);

const withUnit = (metric: Metric, value: number) => `${formatNumber(value)} ${METRIC_INFO[metric].unit}`;

export interface Breach {
  metric: Metric;
  direction: 'above' | 'below';
  severity: Severity;
  value: number;
  limit: number;
}

/** "Vibration 3.1 mm/s above warn 2.8 mm/s" */
export function describeBreach(b: Breach): string {
  return `${METRIC_NAME[b.metric]} ${withUnit(b.metric, b.value)} ${b.direction} ${b.severity} ${withUnit(b.metric, b.limit)}`;
}

export function faultTitle(b: Breach, device: { id: string; name: string }): string {
  return `${describeBreach(b)} on ${device.id} ${device.name}`;
}

export function faultDescription(
  b: Breach & { failureMode: FailureMode; startedAt: number; detectedAt: number },
  rule: Pick<ThresholdRule, 'id' | 'version' | 'warn' | 'alarm' | 'clear' | 'minDurationMs'>,
): string {
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
  const minutes = Math.round(rule.minDurationMs / 6000) / 10;
  return [
    `Potential fault (${b.failureMode}) detected at ${iso(b.detectedAt)}: ${describeBreach(b)}, ` +
      `beyond the limit since ${iso(b.startedAt)} (the rule waits ${minutes} min before raising).`,
    `Limits of rule ${rule.id} v${rule.version}: warn ${withUnit(b.metric, rule.warn)}, alarm ${withUnit(b.metric, rule.alarm)}, ` +
      `clears ${b.direction === 'above' ? 'below' : 'above'} ${withUnit(b.metric, rule.clear)}.`,
    WHAT_TO_CHECK[b.failureMode],
  ].join('\n');
}

/** Rule direction when the rule itself is no longer known: 'below' modes are the low ones. */
export function directionOf(failureMode: FailureMode): 'above' | 'below' {
  return failureMode === 'undercurrent' || failureMode === 'temperature-low' ? 'below' : 'above';
}
