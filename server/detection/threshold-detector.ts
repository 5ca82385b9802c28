/**
 * The state machine of one ThresholdRule on one series (device × metric).
 *
 * States: normal -> warn <-> alarm -> normal, plus normal -> alarm directly.
 * Every timer runs on point timestamps, never on a clock, so replaying stored
 * telemetry gives exactly the events live detection gave.
 *
 * - Raise / escalate: the condition (value >= warn, or >= alarm) must hold on
 *   every point for minDurationMs; the event fires at the first point at or
 *   after run start + minDurationMs. With minDurationMs = 0 the first breaching
 *   point raises. If the alarm condition is also met at that point, the
 *   anomaly is raised straight at 'alarm'.
 * - Clear (hysteresis): once raised, only values below `clear` count towards
 *   clearing, and they must stay there for clearDurationMs. Values between
 *   clear and warn keep the anomaly active, so a value wobbling around warn
 *   raises once and never flaps.
 * - De-escalate alarm -> warn: the same hysteresis gap as warn/clear applied
 *   to the alarm level. The value must stay below `alarm - (warn - clear)` for
 *   clearDurationMs. (Warn 2.8, alarm 4.5, clear 2.3: de-escalates below 4.0.)
 *   If clearing and de-escalating fall due on the same point, only 'cleared' is
 *   emitted.
 * - startedAt identifies the anomaly: the first point of the breach that raised
 *   it. Escalation and de-escalation keep it; after 'cleared' the detector is
 *   re-armed and the next breach raises a new anomaly with a new startedAt.
 * - Points with ts <= the last accepted ts are ignored (duplicates, out of
 *   order), as are non-finite values. A gap longer than maxGapMs between two
 *   points restarts every pending timer: missing data is not evidence that a
 *   condition held. An active anomaly stays active across a gap.
 * - direction 'below' mirrors every comparison: internally values and limits
 *   are multiplied by -1 and the 'above' logic runs unchanged.
 *
 * observe() allocates nothing unless it returns an event (the ingest path calls
 * it for every sample).
 */
import type { Metric } from '../../contract/metrics';
import { EvidenceRing, ruleEvent, type SeriesDetector } from './series-detector';
import type { AnomalyEvent, AnomalyEventType, Severity, ThresholdRule } from './types';

export interface ThresholdDetectorOptions {
  /** A longer gap between consecutive points restarts pending duration timers. Default 10 min. */
  maxGapMs?: number;
  /** How many recent [ts, value] pairs each event carries as evidence. Default 60. */
  evidenceSize?: number;
}

export const DEFAULT_MAX_GAP_MS = 10 * 60_000;
export const DEFAULT_EVIDENCE_SIZE = 60;

/** Throws a RangeError naming the problem if a rule's limits or durations make no sense. */
export function checkThresholdRule(rule: ThresholdRule): void {
  const s = rule.direction === 'above' ? 1 : -1;
  const word = rule.direction === 'above' ? 'below' : 'above';
  const problems: string[] = [];
  for (const key of ['warn', 'alarm', 'clear', 'minDurationMs', 'clearDurationMs'] as const) {
    if (!Number.isFinite(rule[key])) problems.push(`${key} must be a finite number`);
  }
  if (!(s * rule.clear < s * rule.warn)) problems.push(`clear (${rule.clear}) must be ${word} warn (${rule.warn})`);
  if (!(s * rule.warn <= s * rule.alarm)) problems.push(`warn (${rule.warn}) must not be ${rule.direction} alarm (${rule.alarm})`);
  if (rule.minDurationMs < 0) problems.push('minDurationMs must not be negative');
  if (rule.clearDurationMs < 0) problems.push('clearDurationMs must not be negative');
  if (problems.length) {
    throw new RangeError(`rule ${rule.id} v${rule.version} for ${rule.deviceId}: ${problems.join('; ')}`);
  }
}

/** Start of a condition's continuous run after this point: kept, started now, or stopped (NaN). */
function runStart(since: number, holds: boolean, ts: number): number {
  if (!holds) return Number.NaN;
  return Number.isNaN(since) ? ts : since;
}

export class ThresholdDetector implements SeriesDetector {
  readonly rule: ThresholdRule;
  readonly metric: Metric;

  // Limits multiplied by `sign`, so every comparison below is written for 'above'.
  private readonly sign: number;
  private readonly warnM: number;
  private readonly alarmM: number;
  private readonly clearM: number;
  /** alarm - (warn - clear), mirrored: the de-escalation level. */
  private readonly deescalateM: number;
  private readonly maxGapMs: number;

  // Evidence: the last accepted points.
  private readonly ring: EvidenceRing;

  private lastTs = -Infinity;
  private lastValue = Number.NaN;

  private severity: Severity | null = null;
  private startedAt = Number.NaN;

  // Start of the current continuous run of each condition; NaN when not running.
  private atWarnSince = Number.NaN;
  private atAlarmSince = Number.NaN;
  private belowDeescalateSince = Number.NaN;
  private belowClearSince = Number.NaN;

  constructor(rule: ThresholdRule, options: ThresholdDetectorOptions = {}) {
    checkThresholdRule(rule);
    this.rule = rule;
    this.metric = rule.metric;
    this.sign = rule.direction === 'above' ? 1 : -1;
    this.warnM = this.sign * rule.warn;
    this.alarmM = this.sign * rule.alarm;
    this.clearM = this.sign * rule.clear;
    // Rounded so 4.5 - (2.8 - 2.3) reads 4, not 3.9999999999999996, in events.
    this.deescalateM = Math.round((this.alarmM - (this.warnM - this.clearM)) * 1e9) / 1e9;
    this.maxGapMs = options.maxGapMs ?? DEFAULT_MAX_GAP_MS;
    if (!(this.maxGapMs > 0)) throw new RangeError(`maxGapMs must be positive (got ${this.maxGapMs})`);
    this.ring = new EvidenceRing(options.evidenceSize ?? DEFAULT_EVIDENCE_SIZE);
  }

  /** The de-escalation level in the metric's unit: alarm − (warn − clear), mirrored for 'below'. */
  get deescalateLevel(): number {
    return this.sign * this.deescalateM;
  }

  /** The active anomaly, or null when the series is normal. */
  get active(): { severity: Severity; startedAt: number } | null {
    return this.severity === null ? null : { severity: this.severity, startedAt: this.startedAt };
  }

  /** Feeds one point; returns the event it causes, if any (at most one per point). */
  observe(ts: number, value: number): AnomalyEvent | null {
    if (!(ts > this.lastTs) || !Number.isFinite(value)) return null;
    if (ts - this.lastTs > this.maxGapMs) {
      this.atWarnSince = this.atAlarmSince = this.belowDeescalateSince = this.belowClearSince = Number.NaN;
    }
    this.lastTs = ts;
    this.lastValue = value;
    this.ring.push(ts, value);

    const v = this.sign * value;
    this.atWarnSince = runStart(this.atWarnSince, v >= this.warnM, ts);
    this.atAlarmSince = runStart(this.atAlarmSince, v >= this.alarmM, ts);
    this.belowDeescalateSince = runStart(this.belowDeescalateSince, v < this.deescalateM, ts);
    this.belowClearSince = runStart(this.belowClearSince, v < this.clearM, ts);

    const { minDurationMs, clearDurationMs } = this.rule;
    switch (this.severity) {
      case null:
        // NaN comparisons are false, so a stopped timer never fires.
        if (ts - this.atAlarmSince >= minDurationMs) return this.raise(ts, value, 'alarm', this.rule.alarm);
        if (ts - this.atWarnSince >= minDurationMs) return this.raise(ts, value, 'warn', this.rule.warn);
        return null;
      case 'warn':
        if (ts - this.belowClearSince >= clearDurationMs) return this.clear(ts, value);
        if (ts - this.atAlarmSince >= minDurationMs) {
          this.severity = 'alarm';
          return this.event('escalated', ts, value, this.rule.alarm);
        }
        return null;
      case 'alarm':
        if (ts - this.belowClearSince >= clearDurationMs) return this.clear(ts, value);
        if (ts - this.belowDeescalateSince >= clearDurationMs) {
          this.severity = 'warn';
          return this.event('deescalated', ts, value, this.deescalateLevel);
        }
        return null;
    }
  }

  /**
   * Takes over the evidence ring and last-seen timestamp of the detector this
   * one replaces (same series, edited rule), so evidence stays continuous and
   * already-seen points stay ignored. Anomaly state and timers are not taken.
   */
  adoptHistory(previous: SeriesDetector): void {
    if (previous.rule.deviceId !== this.rule.deviceId || previous.metric !== this.metric) return;
    this.ring.pushAll(previous.recent());
    const last = previous.lastPoint();
    this.lastTs = last.ts;
    this.lastValue = last.value;
  }

  lastPoint(): { ts: number; value: number } {
    return { ts: this.lastTs, value: this.lastValue };
  }

  /**
   * The 'cleared' event that ends this detector's active anomaly because its
   * rule was changed or removed (not because the value recovered): ts and value
   * are the last point seen, limit is the clear level. Null when nothing is active.
   * Does not change state; the caller discards this detector.
   */
  retirementEvent(): AnomalyEvent | null {
    if (this.severity === null) return null;
    return this.event('cleared', this.lastTs, this.lastValue, this.rule.clear);
  }

  /** Evidence: the recent [ts, value] pairs of the series, oldest first. */
  recent(): Array<[number, number]> {
    return this.ring.list();
  }

  private raise(ts: number, value: number, severity: Severity, limit: number): AnomalyEvent {
    this.severity = severity;
    this.startedAt = this.atWarnSince; // the warn run starts at or before the alarm run
    return this.event('raised', ts, value, limit);
  }

  private clear(ts: number, value: number): AnomalyEvent {
    const event = this.event('cleared', ts, value, this.rule.clear);
    this.severity = null;
    this.startedAt = Number.NaN;
    return event;
  }

  private event(type: AnomalyEventType, ts: number, value: number, limit: number): AnomalyEvent {
    return ruleEvent(this.rule, { type, severity: this.severity!, ts, startedAt: this.startedAt, value, limit, recent: this.recent() });
  }
}
