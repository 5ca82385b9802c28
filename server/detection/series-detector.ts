/**
 * What the detector routes points to: the state of one rule on one series
 * (device × metric), whatever the rule's kind. Every timer runs on point
 * timestamps (and, for kinds that watch for silence, on the times given to
 * tick), never on a clock.
 */
import type { Metric } from '../../contract/metrics';
import type { AnomalyEvent, Severity, ThresholdRule } from './types';

export interface SeriesDetector {
  readonly rule: ThresholdRule;
  readonly metric: Metric;
  /** The active anomaly, or null when the series is normal. */
  readonly active: { severity: Severity; startedAt: number } | null;
  /** Feeds one point; returns the event it causes, if any. */
  observe(ts: number, value: number): AnomalyEvent | null;
  /** Present on detectors that act on the passing of time (no-data, flapping release). */
  tick?(now: number): AnomalyEvent | null;
  /** The 'cleared' event ending the active anomaly because the rule changed or went away; null when nothing is active. */
  retirementEvent(): AnomalyEvent | null;
  /** Takes over evidence and last-seen point of the detector it replaces (same series, edited rule). */
  adoptHistory(previous: SeriesDetector): void;
  /** Evidence: recent [ts, value] pairs of the series, oldest first. */
  recent(): Array<[number, number]>;
  /** The last accepted point (ts -Infinity before any). */
  lastPoint(): { ts: number; value: number };
}

/** A fixed-size ring of the last [ts, value] pairs, for evidence. */
export class EvidenceRing {
  private readonly ts: Float64Array;
  private readonly value: Float64Array;
  private next = 0;
  private count = 0;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`evidenceSize must be a positive integer (got ${size})`);
    this.ts = new Float64Array(size);
    this.value = new Float64Array(size);
  }

  push(ts: number, value: number): void {
    this.ts[this.next] = ts;
    this.value[this.next] = value;
    this.next = (this.next + 1) % this.ts.length;
    if (this.count < this.ts.length) this.count++;
  }

  /** Appends pairs (oldest first), keeping the newest that fit. */
  pushAll(pairs: ReadonlyArray<readonly [number, number]>): void {
    for (let i = Math.max(0, pairs.length - this.ts.length); i < pairs.length; i++) this.push(pairs[i]![0], pairs[i]![1]);
  }

  list(): Array<[number, number]> {
    const size = this.ts.length;
    const out = new Array<[number, number]>(this.count);
    let i = (this.next - this.count + size) % size;
    for (let k = 0; k < this.count; k++) {
      out[k] = [this.ts[i]!, this.value[i]!];
      i = (i + 1) % size;
    }
    return out;
  }
}

/** What an event says beyond its rule: which change, how severe, when, and the evidence. */
export type EventFacts = Pick<AnomalyEvent, 'type' | 'severity' | 'ts' | 'startedAt' | 'value' | 'limit' | 'recent'>;

/** An anomaly event of `rule`: the rule's identity (device, metric, id, version, failure mode) with the facts. */
export function ruleEvent(rule: ThresholdRule, facts: EventFacts): AnomalyEvent {
  return { deviceId: rule.deviceId, metric: rule.metric, ruleId: rule.id, ruleVersion: rule.version, failureMode: rule.failureMode, ...facts };
}
