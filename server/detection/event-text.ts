/**
 * What an order says about an event of a kind other than 'threshold' (a
 * threshold event's words come from the work-order text, "Vibration 3.1 mm/s
 * above warn 2.8 mm/s"), and when a predictive order is due. Pure.
 */
import { METRIC_INFO, type Metric } from '../../contract/metrics';
import type { AnomalyEvent, Prediction } from './types';

const HOUR = 3_600_000;
const METRIC_NAME: Record<Metric, string> = { temperature: 'Temperature', vibration: 'Vibration', current: 'Current' };

/** Title and description of an order raised by a non-threshold event; null for a threshold event. */
export function kindSummary(e: AnomalyEvent, device: { id: string; name: string }): { title: string; description: string } | null {
  if (!e.kind || e.kind === 'threshold' || !e.detail) return null;
  const name = METRIC_NAME[e.metric];
  const headline: Record<Exclude<NonNullable<AnomalyEvent['kind']>, 'threshold'>, string> = {
    'trend-to-limit': `${name} ${e.detail.replace(/ \(.*\)$/, '')}`,
    'adaptive-baseline': `${name} ${e.detail.replace(/ \(.*\)$/, '')}`,
    'rate-of-change': `${name} ${e.detail.replace(/ \(.*\)$/, '')}`,
    'no-data': `No data: ${e.detail.replace(/ \(.*\)$/, '')}`,
    unsupervised: `${name} behaves unusually: ${e.detail.replace(/ \(.*\)$/, '')}`,
  };
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
  const value = `${Math.round(e.value * 100) / 100} ${METRIC_INFO[e.metric].unit}`;
  return {
    title: `${headline[e.kind]} on ${device.id} ${device.name}`,
    description: [
      `${e.kind === 'trend-to-limit' ? 'Predicted' : 'Potential'} fault (${e.failureMode}) detected at ${iso(e.ts)} by ${e.kind} rule ${e.ruleId} v${e.ruleVersion}: ${e.detail}.`,
      e.kind === 'no-data' ? `Last value seen: ${value}.` : `${name} at detection: ${value}.`,
    ].join('\n'),
  };
}

/**
 * When a predictive order is due: before the predicted breach by a safety
 * margin of a quarter of the time left (at least an hour), never before `now`.
 */
export function predictiveDueAt(p: Prediction, now: number): number {
  const left = p.predictedBreachAt - now;
  return Math.round(Math.max(now, p.predictedBreachAt - Math.max(HOUR, 0.25 * left)));
}
