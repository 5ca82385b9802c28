/**
 * How hard each machine works over time: a chain of load segments per device,
 * shaped by its equipment class. Load is expressed as a fraction of rated
 * current (about 0.35-0.85 while running, 0 when stopped).
 *
 * Segments are generated lazily, forward in time, from a per-device PRNG
 * stream, so the same seed gives the same operating history however the
 * device is sampled. Within a segment the pattern is fixed (steady level with
 * a slow wobble, or a repeating machine cycle), which lets the thermal model
 * integrate a segment exactly.
 */
import type { EquipmentClass } from '../contract/plant';
import { between, gaussian, type Rng } from './random';

const MINUTE = 60_000;

/** A repeating machine cycle: shot of a molder, stroke of a press. */
export interface MachineCycle {
  periodMs: number;
  /** Consecutive phases; shares sum to 1, fraction is of rated current. */
  phases: readonly { share: number; fraction: number }[];
}

export interface LoadSegment {
  start: number;
  /** Exclusive; Infinity for an open-ended last segment. */
  end: number;
  running: boolean;
  /** Steady fraction of rated current while running (ignored for cycles). */
  level: number;
  /** Slow sinusoidal variation around `level` (demand, material, pressure). */
  wobble: { amplitude: number; periodMs: number } | null;
  cycle: MachineCycle | null;
}

/** Where the device's load is at any instant; `at(t)` returns the segment containing t. */
export interface LoadTimeline {
  at(t: number): LoadSegment;
}

/** Instantaneous fraction of rated current. */
export function loadFraction(seg: LoadSegment, t: number): number {
  if (!seg.running) return 0;
  const elapsed = Math.max(0, t - seg.start);
  if (seg.cycle) {
    let pos = (elapsed % seg.cycle.periodMs) / seg.cycle.periodMs;
    for (const phase of seg.cycle.phases) {
      if (pos < phase.share) return phase.fraction;
      pos -= phase.share;
    }
    return seg.cycle.phases[seg.cycle.phases.length - 1]!.fraction;
  }
  const wobble = seg.wobble ? seg.wobble.amplitude * Math.sin((2 * Math.PI * elapsed) / seg.wobble.periodMs) : 0;
  return seg.level + wobble;
}

/**
 * Mean of the squared fraction over the segment: copper losses go with I²,
 * so this is what heats the machine. Cycles and wobble are seconds to minutes,
 * far shorter than the thermal time constant, so their mean is what counts.
 */
export function meanSquareFraction(seg: LoadSegment): number {
  if (!seg.running) return 0;
  if (seg.cycle) return seg.cycle.phases.reduce((sum, p) => sum + p.share * p.fraction * p.fraction, 0);
  const amp = seg.wobble?.amplitude ?? 0;
  return seg.level * seg.level + (amp * amp) / 2;
}

interface GeneratorState {
  start: number;
  previous: LoadSegment | null;
  /** Level of the last running segment, for random walks across stops. */
  lastLevel: number | null;
}
type SegmentGenerator = (rng: Rng, state: GeneratorState) => LoadSegment;

const stoppedSegment = (rng: Rng, start: number, minMinutes: number, maxMinutes: number): LoadSegment => ({
  start,
  end: start + Math.round(between(rng, minMinutes, maxMinutes) * MINUTE),
  running: false,
  level: 0,
  wobble: null,
  cycle: null,
});

interface SteadyProfile {
  range: [number, number];
  step: number;
  minutes: [number, number];
  wobble: number;
  stopChance: number;
  stopMinutes: [number, number];
}

/** Steady running with a random walk of level between segments and occasional stops. */
function steady(p: SteadyProfile): SegmentGenerator {
  return (rng, { start, previous, lastLevel }) => {
    if (previous?.running && rng() < p.stopChance) return stoppedSegment(rng, start, ...p.stopMinutes);
    const [lo, hi] = p.range;
    const level = lastLevel === null ? between(rng, lo, hi) : Math.min(hi, Math.max(lo, lastLevel + p.step * gaussian(rng)));
    return {
      start,
      end: start + Math.round(between(rng, ...p.minutes) * MINUTE),
      running: true,
      level,
      wobble: p.wobble > 0 ? { amplitude: p.wobble, periodMs: Math.round(between(rng, 3, 8) * MINUTE) } : null,
      cycle: null,
    };
  };
}

interface CyclicProfile {
  periodSeconds: [number, number];
  phases: readonly { share: number; fraction: number }[];
  runMinutes: [number, number];
  stopChance: number;
  stopMinutes: [number, number];
}

/** Production runs of a repeating cycle, with stops (mold change, material) between some runs. */
function cyclic(p: CyclicProfile): SegmentGenerator {
  return (rng, { start, previous }) => {
    if (previous?.running && rng() < p.stopChance) return stoppedSegment(rng, start, ...p.stopMinutes);
    const scale = between(rng, 0.93, 1); // shot size / part differs per run
    return {
      start,
      end: start + Math.round(between(rng, ...p.runMinutes) * MINUTE),
      running: true,
      level: 0,
      wobble: null,
      cycle: {
        periodMs: Math.round(between(rng, ...p.periodSeconds) * 1000),
        phases: p.phases.map((ph) => ({ share: ph.share, fraction: ph.fraction * scale })),
      },
    };
  };
}

/** Screw compressor: loaded and unloaded periods of a few minutes each, alternating. */
const compressor: SegmentGenerator = (rng, { start, previous }) => {
  const loaded = !(previous && previous.level > 0.6);
  return {
    start,
    end: start + Math.round((loaded ? between(rng, 1, 3) : between(rng, 1, 4)) * MINUTE),
    running: true,
    level: loaded ? between(rng, 0.8, 0.85) : between(rng, 0.35, 0.4),
    wobble: { amplitude: 0.01, periodMs: 47_000 },
    cycle: null,
  };
};

export const LOAD_GENERATORS: Record<EquipmentClass, SegmentGenerator> = {
  pump: steady({ range: [0.55, 0.8], step: 0.04, minutes: [10, 40], wobble: 0.015, stopChance: 0.01, stopMinutes: [2, 10] }),
  fan: steady({ range: [0.66, 0.76], step: 0.015, minutes: [60, 240], wobble: 0.005, stopChance: 0, stopMinutes: [1, 1] }),
  conveyor: steady({ range: [0.5, 0.65], step: 0.03, minutes: [20, 120], wobble: 0.02, stopChance: 0.35, stopMinutes: [1, 10] }),
  motor: steady({ range: [0.45, 0.75], step: 0.06, minutes: [5, 30], wobble: 0.02, stopChance: 0.05, stopMinutes: [1, 5] }),
  gearbox: steady({ range: [0.5, 0.75], step: 0.05, minutes: [5, 30], wobble: 0.02, stopChance: 0.05, stopMinutes: [1, 5] }),
  compressor,
  'injection-molder': cyclic({
    periodSeconds: [30, 60],
    // close, inject, hold, plasticise + cool, open + eject
    phases: [
      { share: 0.1, fraction: 0.5 },
      { share: 0.12, fraction: 0.85 },
      { share: 0.18, fraction: 0.62 },
      { share: 0.4, fraction: 0.55 },
      { share: 0.2, fraction: 0.4 },
    ],
    runMinutes: [60, 240],
    stopChance: 0.25,
    stopMinutes: [5, 30],
  }),
  press: cyclic({
    periodSeconds: [8, 15],
    // press stroke, return, idle (part handling)
    phases: [
      { share: 0.25, fraction: 0.85 },
      { share: 0.15, fraction: 0.55 },
      { share: 0.6, fraction: 0.38 },
    ],
    runMinutes: [30, 120],
    stopChance: 0.2,
    stopMinutes: [2, 15],
  }),
};

/**
 * The generated operating history of one device from `startAt` on. Queries
 * must not go back past the segment of the previous query (old segments are
 * dropped); earlier than `startAt` is answered with the first segment.
 */
export class GeneratedTimeline implements LoadTimeline {
  private segments: LoadSegment[] = [];
  private lastLevel: number | null = null;
  /** True once old segments have been forgotten. */
  private dropped = false;
  private readonly generate: SegmentGenerator;

  constructor(
    equipmentClass: EquipmentClass,
    private readonly rng: Rng,
    startAt: number,
  ) {
    this.generate = LOAD_GENERATORS[equipmentClass];
    this.push(startAt);
  }

  at(t: number): LoadSegment {
    if (t < this.segments[0]!.start) {
      if (this.dropped) throw new Error(`load timeline queried at ${t}, before its retained history (${this.segments[0]!.start})`);
      return this.segments[0]!;
    }
    let last = this.segments[this.segments.length - 1]!;
    while (last.end <= t) {
      this.push(last.end);
      last = this.segments[this.segments.length - 1]!;
    }
    let i = 0;
    while (this.segments[i]!.end <= t) i++;
    if (i > 32) {
      // queries move forward: forget the distant past
      this.segments.splice(0, i);
      this.dropped = true;
      i = 0;
    }
    return this.segments[i]!;
  }

  private push(start: number): void {
    const previous = this.segments[this.segments.length - 1] ?? null;
    const seg = this.generate(this.rng, { start, previous, lastLevel: this.lastLevel });
    if (seg.running && !seg.cycle) this.lastLevel = seg.level;
    this.segments.push(seg);
  }
}

/** A hand-written timeline (tests, what-if runs). The last segment extends forever. */
export function fixedTimeline(segments: readonly Omit<LoadSegment, 'end'>[]): LoadTimeline {
  if (segments.length === 0) throw new Error('fixedTimeline needs at least one segment');
  const full: LoadSegment[] = segments.map((s, i) => ({ ...s, end: segments[i + 1]?.start ?? Infinity }));
  return {
    at(t) {
      for (let i = full.length - 1; i >= 0; i--) if (t >= full[i]!.start) return full[i]!;
      return full[0]!;
    },
  };
}
