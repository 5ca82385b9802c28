/**
 * Base of the rule kinds that judge a series derived from the metric (a
 * z-score against a baseline, a slope, hours to a limit): the derived values
 * go through the threshold state machine (ThresholdDetector) with the rule's
 * warn/alarm/clear as levels, so raising, escalation, hysteresis and minimum
 * durations behave exactly as for a threshold rule. Events are then
 * rewritten to speak of the metric: value = the metric's value at the event,
 * evidence = the metric's recent points, plus the kind, a detail text and
 * (trend-to-limit) the prediction.
 */
import type { Metric } from '../../contract/metrics';
import { EvidenceRing, type SeriesDetector } from './series-detector';
import { DEFAULT_EVIDENCE_SIZE, DEFAULT_MAX_GAP_MS, ThresholdDetector, type ThresholdDetectorOptions } from './threshold-detector';
import type { AnomalyEvent, Prediction, ThresholdRule } from './types';

/** How a derived event reads in the metric's terms. */
export interface EventDescription {
  limit: number;
  detail: string;
  prediction?: Prediction;
}

/** The levels of the derived series (a threshold rule's direction, warn, alarm, clear). */
export type DerivedLevels = Pick<ThresholdRule, 'direction' | 'warn' | 'alarm' | 'clear'>;

export abstract class DerivedDetector implements SeriesDetector {
  readonly metric: Metric;
  protected readonly inner: ThresholdDetector;
  private readonly ring: EvidenceRing;
  private lastTs = -Infinity;
  private lastValue = Number.NaN;

  constructor(
    readonly rule: ThresholdRule,
    levels: DerivedLevels,
    options: ThresholdDetectorOptions & { minGapMs?: number } = {},
  ) {
    this.metric = rule.metric;
    const { kind: _kind, params: _params, flapping: _flapping, ...threshold } = rule;
    const maxGapMs = Math.max(options.maxGapMs ?? DEFAULT_MAX_GAP_MS, options.minGapMs ?? 0);
    this.inner = new ThresholdDetector({ ...threshold, ...levels }, { maxGapMs, evidenceSize: 1 });
    this.ring = new EvidenceRing(options.evidenceSize ?? DEFAULT_EVIDENCE_SIZE);
  }

  get active() {
    return this.inner.active;
  }

  observe(ts: number, value: number): AnomalyEvent | null {
    if (!(ts > this.lastTs) || !Number.isFinite(value)) return null;
    this.lastTs = ts;
    this.lastValue = value;
    this.ring.push(ts, value);
    const derived = this.derive(ts, value);
    if (derived === null) return null;
    const event = this.inner.observe(ts, derived);
    return event && this.decorate(event, value);
  }

  retirementEvent(): AnomalyEvent | null {
    const event = this.inner.retirementEvent();
    return event && this.decorate(event, this.lastValue);
  }

  /** Evidence and last-seen point carry over; what the kind learnt (baseline, fit) starts over. */
  adoptHistory(previous: SeriesDetector): void {
    if (previous.rule.deviceId !== this.rule.deviceId || previous.metric !== this.metric) return;
    this.ring.pushAll(previous.recent());
    const last = previous.lastPoint();
    this.lastTs = last.ts;
    this.lastValue = last.value;
  }

  recent(): Array<[number, number]> {
    return this.ring.list();
  }

  lastPoint() {
    return { ts: this.lastTs, value: this.lastValue };
  }

  /** The derived value for this point (judged by the levels), or null when there is none yet. */
  protected abstract derive(ts: number, value: number): number | null;

  /** The event's limit, detail and prediction, from the inner event (value and limit on the derived scale). */
  protected abstract describe(event: AnomalyEvent): EventDescription;

  private decorate(event: AnomalyEvent, value: number): AnomalyEvent {
    const { limit, detail, prediction } = this.describe(event);
    const out: AnomalyEvent = { ...event, kind: this.rule.kind, value, limit, detail, recent: this.ring.list() };
    if (prediction) out.prediction = prediction;
    return out;
  }
}

/** Numbers in detail texts: at most 3 significant decimals, no float noise. */
export const fmt = (x: number): string => String(Math.round(x * 1000) / 1000);
