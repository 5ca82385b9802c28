/**
 * The healthy signal model of one device: current follows load, frame
 * temperature follows load through a first-order thermal lag, vibration is a
 * per-machine baseline that rises a little with load.
 *
 * Thermal model: the frame's rise over ambient, R, obeys dR/dt = (Rss - R) / tau
 * with Rss = riseFull * (0.2 + 0.8 * mean(f²)) while running (iron + copper
 * losses), 0 when stopped. Rss is constant within a load segment, so R is
 * advanced with the exact solution R = Rss + (R0 - Rss) * exp(-dt / tau),
 * segment by segment: a read one hour after the previous one gives the same
 * temperature as sampling every second in between.
 */
import type { EquipmentClass, PlantDevice } from '../contract/plant';
import { INSULATION_LIMIT_C } from '../contract/plant';
import { loadFraction, meanSquareFraction, type LoadTimeline } from './load-profile';
import { between, hashGaussian, type Rng } from './random';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Fixed per-device parameters, drawn once from the seed. */
export interface DeviceTraits {
  ratedCurrent: number;
  /** Vibration velocity RMS, mm/s, of the healthy machine at mid load. */
  baseVibration: number;
  /** Mean ambient temperature around the machine, °C. */
  ambientC: number;
  /** Frame temperature rise over ambient at rated current, °C. */
  riseFullC: number;
  /** Thermal time constant of the frame, ms. */
  tauMs: number;
  /** Frame temperature limits used by detection (insulation limit - 60 / - 45). */
  warnC: number;
  alarmC: number;
  insulationLimitC: number;
}

/** Healthy vibration baselines per class, mm/s (ISO 10816-3 zone A/B on good machines). */
const BASE_VIBRATION: Record<EquipmentClass, [number, number]> = {
  pump: [0.8, 1.2],
  motor: [0.7, 1.0],
  fan: [0.7, 1.1],
  compressor: [1.1, 1.5],
  conveyor: [0.7, 1.0],
  gearbox: [0.9, 1.3],
  press: [1.0, 1.4],
  'injection-molder': [0.8, 1.2],
};

/** Frame temperature limits the detection side uses, per insulation class. */
export function temperatureLimits(insulationClass: keyof typeof INSULATION_LIMIT_C): { warnC: number; alarmC: number; limitC: number } {
  const limitC = INSULATION_LIMIT_C[insulationClass];
  return { warnC: limitC - 60, alarmC: limitC - 45, limitC };
}

export function drawTraits(device: PlantDevice, rng: Rng): DeviceTraits {
  const { warnC, alarmC, limitC } = temperatureLimits(device.insulationClass);
  const ambientC = between(rng, 22, 28);
  // full-load frame temperature 50-75 °C, and always well clear of the warn limit
  const fullLoadC = between(rng, 50, Math.max(52, Math.min(75, warnC - 12)));
  return {
    ratedCurrent: device.ratedCurrent,
    baseVibration: between(rng, ...BASE_VIBRATION[device.class]),
    ambientC,
    riseFullC: fullLoadC - ambientC,
    tauMs: between(rng, 10, 20) * MINUTE,
    warnC,
    alarmC,
    insulationLimitC: limitC,
  };
}

/** Unrounded signals at one instant, before faults are applied. */
export interface SignalState {
  ts: number;
  running: boolean;
  /** Load as a fraction of rated current. */
  fraction: number;
  temperature: number;
  vibration: number;
  current: number;
}

/** Noise channels; faults use their own from FAULT_NOISE_CHANNEL on. */
const CH_TEMPERATURE = 0;
const CH_VIBRATION = 1;
const CH_CURRENT = 2;

/** Daily ambient swing: ±1.5 °C, warmest mid-afternoon (UTC). */
export function ambientAt(meanC: number, ts: number): number {
  return meanC + 1.5 * Math.sin((2 * Math.PI * (ts - 9 * 3_600_000)) / DAY);
}

export function steadyRise(traits: DeviceTraits, meanSquare: number, running: boolean): number {
  return running ? traits.riseFullC * (0.2 + 0.8 * meanSquare) : 0;
}

export class DevicePhysics {
  private stateT: number;
  private rise: number;

  constructor(
    readonly traits: DeviceTraits,
    private readonly timeline: LoadTimeline,
    private readonly noiseSeed: number,
    startAt: number,
  ) {
    // the machine has been in its first state long enough to be warm
    const first = timeline.at(startAt);
    this.stateT = startAt;
    this.rise = steadyRise(traits, meanSquareFraction(first), first.running);
  }

  /** Healthy signals at ts. Calls must not go back in time. */
  at(ts: number): SignalState {
    this.advance(ts);
    const seg = this.timeline.at(Math.max(ts, this.stateT));
    const fraction = loadFraction(seg, ts);
    const { traits, noiseSeed } = this;
    const n = (ch: number) => hashGaussian(noiseSeed, ts, ch);
    const temperature = ambientAt(traits.ambientC, ts) + this.rise + 0.12 * n(CH_TEMPERATURE);
    const vibration = seg.running
      ? traits.baseVibration * (0.8 + 0.4 * fraction) * (1 + 0.04 * n(CH_VIBRATION))
      : 0.06 + 0.02 * Math.abs(n(CH_VIBRATION)); // floor vibration from neighbouring machines
    const current = seg.running
      ? traits.ratedCurrent * fraction * (1 + 0.015 * n(CH_CURRENT))
      : traits.ratedCurrent * 0.004 * Math.abs(n(CH_CURRENT)); // CT offset noise
    return { ts, running: seg.running, fraction, temperature, vibration, current };
  }

  /** Integrates the thermal state exactly up to t, segment by segment. */
  private advance(t: number): void {
    const tau = this.traits.tauMs;
    while (this.stateT < t) {
      const seg = this.timeline.at(this.stateT);
      const pieceEnd = Math.min(seg.end, t);
      const target = steadyRise(this.traits, meanSquareFraction(seg), seg.running);
      this.rise = target + (this.rise - target) * Math.exp(-(pieceEnd - this.stateT) / tau);
      this.stateT = pieceEnd;
    }
  }
}
