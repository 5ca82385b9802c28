/**
 * The simulated plant: every device of a Plant as a SignalSource, with fault
 * injection (scripted, random, or by hand) and a ground-truth log of the
 * faults that really happened.
 *
 * Simulated time moves forward as devices are read (or advanceTo is called):
 * the latest instant seen is "now" for ground truth and random faults. Each
 * device must be read with non-decreasing ts; any spacing works.
 */
import { plantDevices, type Plant, type PlantDevice } from '../contract/plant';
import { METRIC_INFO, type Metric } from '../contract/metrics';
import type { Sample } from '../contract/telemetry';
import { DevicePhysics, drawTraits, type DeviceTraits, type SignalState } from './device-physics';
import { applyFault, faultEnd, isActiveAt, isSpent, scheduleFault, type FaultInjection, type FaultKind, type ScheduledFault } from './faults';
import { GroundTruthLog, type GroundTruthRecord } from './ground-truth';
import { GeneratedTimeline } from './load-profile';
import { checkRandomFaultOptions, RandomFaultSource, type RandomFaultOptions } from './random-faults';
import { hashGaussian, hashSeed, mulberry32 } from './random';
import type { SignalSource } from './signal-source';

export interface PlantSimulatorOptions {
  plant: Plant;
  seed: number;
  /** Simulation start, epoch ms: load histories and scenario offsets count from here. */
  startAt: number;
  randomFaults?: RandomFaultOptions;
  groundTruth?: GroundTruthLog;
}

/** A fault as the outside sees it; endAt is its planned or actual end, null if open. */
export interface FaultInfo {
  id: string;
  deviceId: string;
  kind: FaultKind;
  startAt: number;
  failureAt: number | null;
  endAt: number | null;
}

interface DeviceEntry {
  device: PlantDevice;
  physics: DevicePhysics;
  /** Faults that may still change this device's signals. */
  faults: ScheduledFault[];
  lastReadTs: number | null;
  random: RandomFaultSource | null;
}

const DECIMALS: Record<Metric, number> = { temperature: 2, vibration: 3, current: 2 };

function toReading(metric: Metric, value: number): number {
  const { min, max } = METRIC_INFO[metric];
  const scale = 10 ** DECIMALS[metric];
  return Math.round(Math.min(max, Math.max(min, value)) * scale) / scale;
}

function info(f: ScheduledFault): FaultInfo {
  return { id: f.id, deviceId: f.deviceId, kind: f.kind, startAt: f.startAt, failureAt: f.failureAt, endAt: faultEnd(f) };
}

export class PlantSimulator implements SignalSource {
  readonly seed: number;
  readonly startAt: number;
  private readonly entries = new Map<string, DeviceEntry>();
  private readonly faults = new Map<string, ScheduledFault>();
  /** Injected, start not yet logged. */
  private pending: ScheduledFault[] = [];
  /** Start logged, end not yet logged. */
  private readonly open = new Set<ScheduledFault>();
  private readonly log: GroundTruthLog;
  private simTime: number;

  constructor(opts: PlantSimulatorOptions) {
    if (!Number.isFinite(opts.startAt)) throw new Error(`startAt must be epoch ms, got ${opts.startAt}`);
    this.seed = opts.seed;
    this.startAt = Math.round(opts.startAt);
    this.simTime = this.startAt;
    this.log = opts.groundTruth ?? new GroundTruthLog();
    if (opts.randomFaults) checkRandomFaultOptions(opts.randomFaults);
    for (const device of plantDevices(opts.plant)) {
      const traits = drawTraits(device, mulberry32(hashSeed(opts.seed, device.id, 'traits')));
      const timeline = new GeneratedTimeline(device.class, mulberry32(hashSeed(opts.seed, device.id, 'load')), this.startAt);
      const random = opts.randomFaults && opts.randomFaults.perDeviceDay > 0
        ? new RandomFaultSource(device.id, mulberry32(hashSeed(opts.seed, device.id, 'faults')), opts.randomFaults, this.startAt)
        : null;
      const physics = new DevicePhysics(traits, timeline, hashSeed(opts.seed, device.id, 'noise'), this.startAt);
      this.entries.set(device.id, { device, physics, faults: [], lastReadTs: null, random });
    }
  }

  deviceIds(): string[] {
    return [...this.entries.keys()];
  }

  /** The device's fixed parameters (baseline vibration, thermal constant, temperature limits). */
  traits(deviceId: string): DeviceTraits {
    return { ...this.entry(deviceId).physics.traits };
  }

  /** Latest simulated instant seen (reads, advanceTo), epoch ms. */
  get now(): number {
    return this.simTime;
  }

  /** The device's reading at ts (rounded to whole ms), or null during a sensor dropout. */
  read(deviceId: string, ts: number): Sample | null {
    const e = this.entry(deviceId);
    if (!Number.isFinite(ts)) throw new RangeError(`read of "${deviceId}": ts must be a finite epoch ms, got ${ts}`);
    const t = Math.round(ts);
    if (e.lastReadTs !== null && t < e.lastReadTs) {
      throw new RangeError(`read of "${deviceId}" at ${t} goes back before its previous read at ${e.lastReadTs}`);
    }
    e.lastReadTs = t;
    this.advanceTo(t);
    const traits = e.physics.traits;
    let s: SignalState | null = e.physics.at(t);
    for (const f of e.faults) {
      s = applyFault(f, s, traits, (ch) => hashGaussian(f.noiseSeed, t, ch));
      if (s === null) break;
    }
    if (e.faults.some((f) => isSpent(f, t, traits.tauMs))) e.faults = e.faults.filter((f) => !isSpent(f, t, traits.tauMs));
    if (s === null) return null;
    return {
      ts: t,
      temperature: toReading('temperature', s.temperature),
      vibration: toReading('vibration', s.vibration),
      current: toReading('current', s.current),
    };
  }

  /** Schedules a fault (startAt may be in the past or future). Throws on unknown device, duplicate id, bad times. */
  inject(injection: FaultInjection): FaultInfo {
    const f = this.add(injection);
    this.flushGroundTruth();
    return info(f);
  }

  /**
   * Ends a fault at `at` (default: now), e.g. because it was repaired; the
   * device is healthy from then on. A fault cleared before it started is
   * cancelled and leaves no ground truth. Returns false if it had already ended.
   */
  clearFault(id: string, at: number = this.simTime): boolean {
    const f = this.faults.get(id);
    if (!f) throw new Error(`unknown fault "${id}"`);
    const end = faultEnd(f);
    if (end !== null && end <= at) return false;
    if (at <= f.startAt && this.pending.includes(f)) {
      this.pending = this.pending.filter((p) => p !== f);
      this.faults.delete(id);
      const e = this.entry(f.deviceId);
      e.faults = e.faults.filter((x) => x !== f);
      return true;
    }
    f.clearedAt = Math.round(Math.max(at, f.startAt));
    this.flushGroundTruth();
    return true;
  }

  /** Faults acting at `at` (default: now). */
  activeFaults(at: number = this.simTime): FaultInfo[] {
    return [...this.faults.values()].filter((f) => isActiveAt(f, at)).map(info);
  }

  /** Every fault that has started so far, with its end once it has ended. */
  groundTruth(): GroundTruthRecord[] {
    return this.log.records();
  }

  /** Moves simulated time forward: draws random faults and records starts/ends up to ts. */
  advanceTo(ts: number): void {
    if (!(ts > this.simTime)) return;
    this.simTime = Math.round(ts);
    for (const e of this.entries.values()) {
      for (const injection of e.random?.takeUntil(this.simTime) ?? []) this.add(injection);
    }
    this.flushGroundTruth();
  }

  private entry(deviceId: string): DeviceEntry {
    const e = this.entries.get(deviceId);
    if (!e) throw new Error(`unknown device "${deviceId}": not in the simulated plant`);
    return e;
  }

  private add(injection: FaultInjection): ScheduledFault {
    if (typeof injection.id !== 'string' || injection.id.length === 0) throw new Error('fault id must be a non-empty string');
    if (this.faults.has(injection.id)) throw new Error(`fault "${injection.id}" is already injected`);
    const e = this.entry(injection.deviceId);
    const f = scheduleFault(injection, hashSeed(this.seed, 'fault', injection.id));
    this.faults.set(f.id, f);
    e.faults.push(f);
    this.pending.push(f);
    return f;
  }

  /** Logs starts and ends that simulated time has reached, in time order. */
  private flushGroundTruth(): void {
    const now = this.simTime;
    const events: { at: number; order: number; f: ScheduledFault }[] = [];
    const due = this.pending.filter((f) => f.startAt <= now);
    if (due.length) {
      this.pending = this.pending.filter((f) => f.startAt > now);
      for (const f of due) events.push({ at: f.startAt, order: 0, f });
    }
    for (const f of [...this.open, ...due]) {
      const end = faultEnd(f);
      if (end !== null && end <= now) events.push({ at: end, order: 1, f });
    }
    if (!events.length) return;
    events.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const { at, order, f } of events) {
      if (order === 0) {
        this.log.start({ faultId: f.id, deviceId: f.deviceId, kind: f.kind, startAt: f.startAt, failureAt: f.failureAt });
        this.open.add(f);
      } else {
        this.log.end(f.id, at);
        this.open.delete(f);
      }
    }
  }
}
