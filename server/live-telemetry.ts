/**
 * What the server does with freshly stored telemetry: runs every point
 * through the detector (events go to the work-order intake at once), and
 * about once a second records which devices were seen, publishes the
 * latest sample per device for live charts, adds up running time per
 * device (running-hours.ts; persisted by `onRunning`, one batch per tick)
 * and lets detection time pass (detector.tick: no-data rules, flapping release).
 *
 * Detection time is each device's own point time, carried forward by the
 * detection clock: a tick passes device d the time `lastTs(d) + (clock now −
 * clock time its newest sample arrived)`. So silence is measured from when
 * the device's data last *arrived*, whatever its own clock says: an edge
 * device whose clock runs an hour behind (no NTP on the shop floor) is not
 * silent, and one replaying a backlog after an outage stops being silent when
 * its data arrives. A device never seen is counted on the clock from the
 * first tick after data from any device arrived.
 *
 * Time passes only as far as the newest arrival from *any* device: while
 * nothing arrives at all (the store or the network is down, a shared-
 * subscription follower waits at a gap), no device turns silent. A silent
 * plant is an IT outage that health, metrics and the map's "no data" report,
 * not one maintenance order per machine; a silent agent among talking ones
 * is a device matter, and that is what the deadman raises. The detection clock is the wall clock, or the simulated plant's
 * clock when the server runs the simulator (its samples run SIM_SPEED times
 * faster than the wall, so a 10-minute dropout lasts 10 simulated minutes).
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
  /** Wall clock, for last-seen times (default Date.now). */
  now?: () => number;
  /** The clock detection time runs on (default `now`; the simulated plant's clock when simulating). */
  detectionClock?: () => number;
  tickMs?: number;
}

export class LiveTelemetry {
  private readonly detector: Detector;
  private readonly running: RunningHoursAccumulator | null;
  private seen = new Map<string, number>();
  private latest = new Map<string, LatestSample>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly detectionClock: () => number;
  /** Per device: its newest sample time and the detection-clock time that sample arrived. */
  private readonly newest = new Map<string, { ts: number; arrivedAt: number }>();
  /** Detection-clock time of the newest arrival from any device (-Infinity before the first). */
  private lastArrival = -Infinity;
  /** Devices with rules, ticked one by one on their own time. */
  private ruleDevices: string[];
  readonly stats = { points: 0, events: 0 };

  constructor(private readonly options: LiveTelemetryOptions) {
    this.detector = createDetector(options.rules);
    this.running = options.ratedCurrentOf && options.onRunning ? new RunningHoursAccumulator({ ratedCurrentOf: options.ratedCurrentOf }) : null;
    this.now = options.now ?? Date.now;
    this.detectionClock = options.detectionClock ?? this.now;
    this.ruleDevices = devicesOf(options.rules);
    this.timer = setInterval(() => this.tick(), options.tickMs ?? 1000);
    this.timer.unref();
  }

  /** Called by ingest with newly stored points, in arrival order. */
  observe(points: readonly TelemetryPoint[]): void {
    const at = this.now();
    const arrivedAt = this.detectionClock();
    if (points.length > 0) this.lastArrival = Math.max(this.lastArrival, arrivedAt);
    for (const p of points) {
      this.stats.points++;
      this.seen.set(p.deviceId, at);
      const newest = this.newest.get(p.deviceId);
      if (newest === undefined) this.newest.set(p.deviceId, { ts: p.ts, arrivedAt });
      else if (p.ts > newest.ts) {
        newest.ts = p.ts;
        newest.arrivedAt = arrivedAt;
      }
      const prev = this.latest.get(p.deviceId);
      if (!prev || p.ts >= prev.ts) this.latest.set(p.deviceId, p);
      this.running?.observe(p);
      for (const event of this.detector.observe(p)) this.emit(event);
    }
  }

  /** Swaps in new rules; anomalies of retired rules are cleared. */
  setRules(rules: readonly ThresholdRule[]): void {
    for (const event of this.detector.setRules(rules)) this.emit(event);
    this.ruleDevices = devicesOf(rules);
  }

  activeAnomalies() {
    return this.detector.activeAnomalies();
  }

  /** Publishes what accumulated since the last tick, and lets detection time pass. */
  tick(): void {
    // No time passes beyond the newest arrival from any device (see the top of this file).
    const clock = Math.min(this.detectionClock(), this.lastArrival);
    for (const deviceId of clock === -Infinity ? [] : this.ruleDevices) {
      for (const event of this.detector.tick(this.detectionNow(deviceId, clock), deviceId)) this.emit(event);
    }
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

  /** Device time now: its newest sample time plus the detection-clock time since that sample arrived (the clock for a device not seen yet). */
  detectionNow(deviceId: string, clock: number = Math.min(this.detectionClock(), this.lastArrival)): number {
    const newest = this.newest.get(deviceId);
    return newest === undefined ? clock : newest.ts + Math.max(0, clock - newest.arrivedAt);
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

function devicesOf(rules: readonly ThresholdRule[]): string[] {
  return [...new Set(rules.map((r) => r.deviceId))];
}
