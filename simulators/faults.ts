/**
 * Fault models: what each fault kind does to a device's healthy signals, as a
 * function of time since it started. Pure; the simulator decides which faults
 * apply to which device.
 *
 * - bearing-wear: vibration grows exponentially from the baseline to
 *   FAILURE_VIBRATION_MM_S at failureAt (zone D, well above 7.1 mm/s); the
 *   bearing runs a few °C warmer near the end.
 * - overheating: frame temperature climbs (accelerating) from normal to just
 *   above the alarm limit at failureAt, crossing warn on the way.
 * - jam: current 170-230 % of rated and vibration up for durationMs; the
 *   motor heats with I² through the same thermal lag as the healthy model.
 * - sensor-dropout: no reading for durationMs.
 *
 * After a fault ends (repaired, or its duration is over) vibration and current
 * are healthy at once; extra heat decays with the frame's time constant.
 */
import type { DeviceTraits, SignalState } from './device-physics';

export const FAULT_KINDS = ['bearing-wear', 'overheating', 'jam', 'sensor-dropout'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds that degrade towards a failure instant. */
export const DEGRADATION_KINDS: readonly FaultKind[] = ['bearing-wear', 'overheating'];

export interface FaultInjection {
  id: string;
  deviceId: string;
  kind: FaultKind;
  startAt: number;
  /** bearing-wear, overheating: when the fault reaches failure (default 12 h / 2 h after start). */
  failureAt?: number;
  /** Ends the fault this long after startAt (jam default 3 min, dropout 10 min; others: until cleared). */
  durationMs?: number;
}

/** A validated injection with its end resolved. */
export interface ScheduledFault {
  id: string;
  deviceId: string;
  kind: FaultKind;
  startAt: number;
  failureAt: number | null;
  /** startAt + durationMs, if it has a duration. */
  plannedEndAt: number | null;
  /** When it was repaired (clearFault), if it was. */
  clearedAt: number | null;
  /** 0..1, fixed per fault: how hard a jam bites. */
  severity: number;
  /** Seeds the fault's own noise. */
  noiseSeed: number;
}

const MINUTE = 60_000;
export const DEFAULT_FAILURE_AFTER_MS: Partial<Record<FaultKind, number>> = { 'bearing-wear': 12 * 60 * MINUTE, overheating: 2 * 60 * MINUTE };
export const DEFAULT_DURATION_MS: Partial<Record<FaultKind, number>> = { jam: 3 * MINUTE, 'sensor-dropout': 10 * MINUTE };

/** Vibration velocity RMS a worn bearing reaches at failureAt, mm/s. */
export const FAILURE_VIBRATION_MM_S = 11;
/** Growth exponent of bearing wear: vibration ∝ e^(k·progress). */
export const WEAR_GROWTH = 3;
/** Share of a jam's extra I² heat that reaches the frame sensor (a 4 min jam: about +10 °C). */
export const JAM_FRAME_HEAT_SHARE = 0.3;
/** Overheating reaches alarm + this at failureAt, °C. */
export const OVERHEAT_MARGIN_C = 2;

export class FaultInjectionError extends Error {
  constructor(faultId: string, reason: string) {
    super(`fault "${faultId}": ${reason}`);
    this.name = 'FaultInjectionError';
  }
}

/**
 * Checks an injection and fills in defaults (times are rounded to whole ms);
 * throws FaultInjectionError naming the field. `faultSeed` fixes its severity and noise.
 */
export function scheduleFault(inj: FaultInjection, faultSeed: number): ScheduledFault {
  const fail = (reason: string): never => {
    throw new FaultInjectionError(inj.id, reason);
  };
  if (!(FAULT_KINDS as readonly string[]).includes(inj.kind)) fail(`kind must be one of ${FAULT_KINDS.join(', ')} (got "${inj.kind}")`);
  if (!Number.isFinite(inj.startAt)) fail('startAt must be a finite epoch ms');
  const degrades = DEGRADATION_KINDS.includes(inj.kind);
  let failureAt: number | null = null;
  if (degrades) {
    failureAt = inj.failureAt ?? inj.startAt + DEFAULT_FAILURE_AFTER_MS[inj.kind]!;
    if (!Number.isFinite(failureAt) || failureAt <= inj.startAt) fail(`failureAt must be after startAt (${inj.startAt}), got ${inj.failureAt}`);
  } else if (inj.failureAt !== undefined) {
    fail(`failureAt applies to ${DEGRADATION_KINDS.join(' and ')} only, not ${inj.kind}; use durationMs`);
  }
  const durationMs = inj.durationMs ?? DEFAULT_DURATION_MS[inj.kind];
  if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs > 0)) fail(`durationMs must be a positive number, got ${durationMs}`);
  const startAt = Math.round(inj.startAt);
  return {
    id: inj.id,
    deviceId: inj.deviceId,
    kind: inj.kind,
    startAt,
    failureAt: failureAt === null ? null : Math.round(failureAt),
    plannedEndAt: durationMs === undefined ? null : startAt + Math.round(durationMs),
    clearedAt: null,
    severity: (faultSeed >>> 0) / 4294967296,
    noiseSeed: faultSeed >>> 0,
  };
}

/** When the fault stops acting, or null while open-ended. */
export function faultEnd(f: ScheduledFault): number | null {
  if (f.plannedEndAt === null) return f.clearedAt;
  if (f.clearedAt === null) return f.plannedEndAt;
  return Math.min(f.plannedEndAt, f.clearedAt);
}

export function isActiveAt(f: ScheduledFault, t: number): boolean {
  const end = faultEnd(f);
  return f.startAt <= t && (end === null || t < end);
}

/** True once the fault can no longer change any signal (its heat has decayed). */
export function isSpent(f: ScheduledFault, t: number, tauMs: number): boolean {
  const end = faultEnd(f);
  return end !== null && t > end + 12 * tauMs;
}

/** Normalised wear: 0 at start, 1 at failure, exponential in between, saturating at 1.5 after. */
export function wearShape(progress: number): number {
  if (progress <= 0) return 0;
  if (progress <= 1) return Math.expm1(WEAR_GROWTH * progress) / Math.expm1(WEAR_GROWTH);
  return 1 + 0.5 * (1 - Math.exp(-(progress - 1)));
}

/** Normalised overheating: accelerating to 1 at failure, then still climbing slowly. */
export function overheatShape(progress: number): number {
  if (progress <= 0) return 0;
  if (progress <= 1) return progress ** 1.6;
  return 1 + 0.3 * (progress - 1);
}

/** Fault noise comes from channels of its own, so it does not echo the healthy noise. */
export type Noise = (channel: number) => number;

/**
 * Applies one fault to the signals at s.ts; null means no reading (dropout).
 * Faults not started yet leave the signals as they are.
 */
export function applyFault(f: ScheduledFault, s: SignalState, traits: DeviceTraits, noise: Noise): SignalState | null {
  const t = s.ts;
  if (t < f.startAt) return s;
  const end = faultEnd(f);
  const active = end === null || t < end;
  // extra heat of an ended fault fades with the frame's time constant
  const effectT = active ? t : end!;
  const cooling = active ? 1 : Math.exp(-(t - end!) / traits.tauMs);
  const progress = f.failureAt === null ? 0 : (effectT - f.startAt) / (f.failureAt - f.startAt);

  switch (f.kind) {
    case 'bearing-wear': {
      const wear = wearShape(progress);
      const extraVibration = active && s.running ? (FAILURE_VIBRATION_MM_S - traits.baseVibration) * wear * (1 + 0.08 * noise(0)) : 0;
      return { ...s, vibration: s.vibration + extraVibration, temperature: s.temperature + 6 * wear * cooling };
    }
    case 'overheating': {
      const ceiling = traits.alarmC + 25;
      const gap = Math.max(0, traits.alarmC + OVERHEAT_MARGIN_C - s.temperature);
      return { ...s, temperature: Math.min(ceiling, s.temperature + overheatShape(progress) * gap * cooling) };
    }
    case 'jam': {
      const jamFraction = 1.7 + 0.6 * f.severity;
      // superposed first-order response to the extra I² heat while jammed; the
      // stalled winding takes most of it, the frame sensor sees a share
      const extraHeat = JAM_FRAME_HEAT_SHARE * traits.riseFullC * 0.8 * (jamFraction ** 2 - 0.6 ** 2);
      const heated = extraHeat * (1 - Math.exp(-(effectT - f.startAt) / traits.tauMs)) * cooling;
      if (!active) return { ...s, temperature: s.temperature + heated };
      return {
        ...s,
        running: true,
        fraction: jamFraction,
        current: traits.ratedCurrent * jamFraction * (1 + 0.04 * noise(1)),
        vibration: s.vibration + (1.5 + 2 * f.severity) * (1 + 0.1 * noise(2)),
        temperature: s.temperature + heated,
      };
    }
    case 'sensor-dropout':
      return active ? null : s;
  }
}
