/**
 * 'no-data' (deadman): a device that stops sending. Samples arrive through
 * observe; the passing of time arrives through tick(now), which the live loop
 * calls on a timer and a backtest calls as its replay time advances, so the
 * detector stays pure. After `warn` seconds without a sample (counted from the
 * last sample, or from the first tick when none came yet) it raises 'warn',
 * after `alarm` seconds it escalates; the next sample clears it.
 */
import type { Metric } from '../../contract/metrics';
import { fmt } from './derived-detector';
import { EvidenceRing, ruleEvent, type SeriesDetector } from './series-detector';
import { DEFAULT_EVIDENCE_SIZE, type ThresholdDetectorOptions } from './threshold-detector';
import type { AnomalyEvent, AnomalyEventType, Severity, ThresholdRule } from './types';

export class NoDataDetector implements SeriesDetector {
  readonly metric: Metric;
  private readonly warnMs: number;
  private readonly alarmMs: number;
  private readonly ring: EvidenceRing;
  private lastTs = -Infinity;
  private lastValue = Number.NaN;
  private armedAt = Number.NaN;
  private severity: Severity | null = null;
  private startedAt = Number.NaN;

  constructor(
    readonly rule: ThresholdRule,
    options: ThresholdDetectorOptions = {},
  ) {
    if (!(rule.warn > 0 && rule.alarm >= rule.warn)) throw new RangeError(`rule ${rule.id} for ${rule.deviceId}: no-data needs 0 < warn <= alarm seconds`);
    this.metric = rule.metric;
    this.warnMs = rule.warn * 1000;
    this.alarmMs = rule.alarm * 1000;
    this.ring = new EvidenceRing(options.evidenceSize ?? DEFAULT_EVIDENCE_SIZE);
  }

  get active() {
    return this.severity === null ? null : { severity: this.severity, startedAt: this.startedAt };
  }

  observe(ts: number, value: number): AnomalyEvent | null {
    if (!(ts > this.lastTs) || !Number.isFinite(value)) return null;
    this.lastTs = ts;
    this.lastValue = value;
    this.ring.push(ts, value);
    if (this.severity === null) return null;
    const event = this.event('cleared', ts, 0, `data again after ${fmt((ts - this.startedAt) / 60_000)} min without`);
    this.severity = null;
    this.startedAt = Number.NaN;
    return event;
  }

  tick(now: number): AnomalyEvent | null {
    if (Number.isNaN(this.armedAt)) this.armedAt = now;
    const since = this.lastTs > -Infinity ? this.lastTs : this.armedAt;
    const silentMs = now - since;
    if (this.severity === null && silentMs >= this.warnMs) {
      this.startedAt = since;
      this.severity = silentMs >= this.alarmMs ? 'alarm' : 'warn';
      return this.event('raised', now, this.severity === 'alarm' ? this.rule.alarm : this.rule.warn, this.silence(silentMs));
    }
    if (this.severity === 'warn' && silentMs >= this.alarmMs) {
      this.severity = 'alarm';
      return this.event('escalated', now, this.rule.alarm, this.silence(silentMs));
    }
    return null;
  }

  retirementEvent(): AnomalyEvent | null {
    return this.severity === null ? null : this.event('cleared', Math.max(this.lastTs, this.startedAt), 0, 'rule changed');
  }

  adoptHistory(previous: SeriesDetector): void {
    if (previous.rule.deviceId !== this.rule.deviceId) return;
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

  private silence(ms: number): string {
    return `no sample for ${fmt(ms / 60_000)} min (warn after ${fmt(this.rule.warn)} s, alarm after ${fmt(this.rule.alarm)} s)`;
  }

  /** value: the last value seen (0 before any); limit: the silence in seconds that was crossed (0 for cleared). */
  private event(type: AnomalyEventType, ts: number, limit: number, detail: string): AnomalyEvent {
    const value = Number.isFinite(this.lastValue) ? this.lastValue : 0;
    return { ...ruleEvent(this.rule, { type, severity: this.severity!, ts, startedAt: this.startedAt, value, limit, recent: this.ring.list() }), kind: 'no-data', detail };
  }
}
