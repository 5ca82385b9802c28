/**
 * What the server does with freshly stored telemetry: runs every point
 * through the detector (events go to the work-order intake at once), and
 * about once a second records which devices were seen, publishes the
 * latest sample per device for live charts, adds up running time per
 * device (running-hours.ts; persisted by `onRunning`, one batch per tick)
 * and lets detection time pass (detector.tick: no-data rules, flapping release).
 *
 * Detection time is point time. Simulated devices run ahead of the wall
 * clock, so the time a tick passes on is the later of the wall clock and the
 * newest sample seen from any device: a device that falls silent while the
 * others go on is noticed in either case.
 */
import type { TelemetryPoint } from '../contract/telemetry';
import { createDetector, type Detector } from './detection/detector';
import { RunningHoursAccumulator } from './devices/running-hours';
import type { AnomalyEvent, ThresholdRule } from './detection/types';

export type LatestSample = Pick<TelemetryPoint, 'deviceId' | 'ts' | 'temperature' | 'vibration' | 'current'>;

export interface LiveTelemetryOptions {
  rules: readonly ThresholdRule[];
  onAnomaly: (event: AnomalyEvent) => void;
  /** Device id -> wall-clock time its data last arrived. */
  onSeen: (lastSeen: Map<string, number>) => void;
  onLatest: (points: LatestSample[]) => void;
  /** Rated current per device (A): running time is counted only with it (and `onRunning`). */
  ratedCurrentOf?: (deviceId: string) => number | undefined;
  /** Device id -> running ms since the last tick (devices that ran only). */
  onRunning?: (runningMs: Map<string, number>) => void;
  onError: (err: unknown, where: string) => void;
  now?: () => number;
  tickMs?: number;
}

export class LiveTelemetry {
  private readonly detector: Detector;
  private readonly running: RunningHoursAccumulator | null;
  private seen = new Map<string, number>();
  private latest = new Map<string, LatestSample>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  private newestTs = -Infinity;
  readonly stats = { points: 0, events: 0 };

  constructor(private readonly options: LiveTelemetryOptions) {
    this.detector = createDetector(options.rules);
    this.running = options.ratedCurrentOf && options.onRunning ? new RunningHoursAccumulator({ ratedCurrentOf: options.ratedCurrentOf }) : null;
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.tick(), options.tickMs ?? 1000);
    this.timer.unref();
  }

  /** Called by ingest with newly stored points, in arrival order. */
  observe(points: readonly TelemetryPoint[]): void {
    const at = this.now();
    for (const p of points) {
      this.stats.points++;
      this.seen.set(p.deviceId, at);
      if (p.ts > this.newestTs) this.newestTs = p.ts;
      const prev = this.latest.get(p.deviceId);
      if (!prev || p.ts >= prev.ts) this.latest.set(p.deviceId, p);
      this.running?.observe(p);
      for (const event of this.detector.observe(p)) this.emit(event);
    }
  }

  /** Swaps in new rules; anomalies of retired rules are cleared. */
  setRules(rules: readonly ThresholdRule[]): void {
    for (const event of this.detector.setRules(rules)) this.emit(event);
  }

  activeAnomalies() {
    return this.detector.activeAnomalies();
  }

  /** Publishes what accumulated since the last tick, and lets detection time pass. */
  tick(): void {
    for (const event of this.detector.tick(this.detectionNow())) this.emit(event);
    if (this.seen.size) {
      const seen = this.seen;
      this.seen = new Map();
      this.guard('onSeen', () => this.options.onSeen(seen));
    }
    const running = this.running?.drain();
    if (running?.size) this.guard('onRunning', () => this.options.onRunning!(running));
    if (this.latest.size) {
      const latest = [...this.latest.values()].map(({ deviceId, ts, temperature, vibration, current }) => ({ deviceId, ts, temperature, vibration, current }));
      this.latest = new Map();
      this.guard('onLatest', () => this.options.onLatest(latest));
    }
  }

  /** The time detection has reached: the wall clock, or the newest sample when that is ahead. */
  detectionNow(): number {
    return Math.max(this.now(), this.newestTs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.tick();
  }

  private emit(event: AnomalyEvent): void {
    this.stats.events++;
    this.guard('onAnomaly', () => this.options.onAnomaly(event));
  }

  private guard(where: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.options.onError(err, where);
    }
  }
}
