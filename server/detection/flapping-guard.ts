/**
 * Flapping suppression around any rule kind. When the rule underneath raises
 * more than `maxRaises` times within `windowMs`, the guard holds the anomaly
 * raised: that raise is passed on once, marked flapping: true, and further
 * raise/clear pairs underneath are swallowed (only a rise in severity passes,
 * as 'escalated'). After `quietMs` without a raise or clear underneath the
 * hold is released: cleared if the condition is gone, otherwise the rule goes
 * on as usual. Release is checked on every point and every tick.
 */
import { ruleEvent, type SeriesDetector } from './series-detector';
import type { AnomalyEvent, FlappingSettings, Severity } from './types';

const RANK: Record<Severity, number> = { warn: 1, alarm: 2 };

export class FlappingGuard implements SeriesDetector {
  private readonly raises: Float64Array;
  private raiseNext = 0;
  private raiseCount = 0;
  private held: { severity: Severity; startedAt: number } | null = null;
  private lastChangeAt = Number.NaN;

  constructor(
    readonly inner: SeriesDetector,
    private readonly settings: FlappingSettings,
  ) {
    if (!Number.isInteger(settings.maxRaises) || settings.maxRaises < 1) throw new RangeError(`flapping.maxRaises must be a whole number of at least 1 (got ${settings.maxRaises})`);
    this.raises = new Float64Array(settings.maxRaises);
  }

  get rule() {
    return this.inner.rule;
  }

  get metric() {
    return this.inner.metric;
  }

  /** True while the anomaly is held raised because the rule flaps. */
  get flapping(): boolean {
    return this.held !== null;
  }

  get active() {
    return this.held ?? this.inner.active;
  }

  observe(ts: number, value: number): AnomalyEvent | null {
    return this.guard(this.inner.observe(ts, value), ts);
  }

  tick(now: number): AnomalyEvent | null {
    return this.guard(this.inner.tick?.(now) ?? null, now);
  }

  retirementEvent(): AnomalyEvent | null {
    return this.held ? this.releaseEvent(this.inner.lastPoint().ts, 'rule changed while flapping') : this.inner.retirementEvent();
  }

  adoptHistory(previous: SeriesDetector): void {
    this.inner.adoptHistory(previous instanceof FlappingGuard ? previous.inner : previous);
  }

  recent() {
    return this.inner.recent();
  }

  lastPoint() {
    return this.inner.lastPoint();
  }

  private guard(event: AnomalyEvent | null, ts: number): AnomalyEvent | null {
    if (this.held === null) return event === null ? null : this.pass(event, ts);
    if (event === null) {
      if (!(ts - this.lastChangeAt >= this.settings.quietMs)) return null;
      const inner = this.inner.active;
      const release = inner === null ? this.releaseEvent(ts, 'flapping ended') : null;
      this.held = null;
      return release;
    }
    if (event.type === 'raised' || event.type === 'cleared') this.lastChangeAt = ts;
    if ((event.type === 'raised' || event.type === 'escalated') && RANK[event.severity] > RANK[this.held.severity]) {
      this.held = { ...this.held, severity: event.severity };
      return { ...event, type: 'escalated', startedAt: this.held.startedAt, flapping: true };
    }
    return null;
  }

  /** Not flapping: counts raises; the one that makes too many within the window starts the hold. */
  private pass(event: AnomalyEvent, ts: number): AnomalyEvent {
    if (event.type !== 'raised') return event;
    const { maxRaises, windowMs } = this.settings;
    const oldest = this.raises[this.raiseNext]!; // with a full ring, the oldest of the last maxRaises raises
    const flapping = this.raiseCount === maxRaises && ts - oldest <= windowMs;
    this.raises[this.raiseNext] = ts;
    this.raiseNext = (this.raiseNext + 1) % maxRaises;
    if (this.raiseCount < maxRaises) this.raiseCount++;
    if (!flapping) return event;
    this.held = { severity: event.severity, startedAt: event.startedAt };
    this.lastChangeAt = ts;
    return { ...event, flapping: true };
  }

  private releaseEvent(ts: number, detail: string): AnomalyEvent {
    const held = this.held!;
    const r = this.inner.rule;
    const last = this.inner.lastPoint();
    const value = Number.isFinite(last.value) ? last.value : 0;
    const event = ruleEvent(r, { type: 'cleared', severity: held.severity, ts, startedAt: held.startedAt, value, limit: r.clear, recent: this.inner.recent() });
    return { ...event, ...(r.kind && r.kind !== 'threshold' ? { kind: r.kind } : {}), detail };
  }
}
