/**
 * Default rule templates: one per metric for every equipment class, stored as
 * class-scope templates that reliability engineers can edit or override per
 * device. Limits are given on a basis (see LimitBasis in types.ts), so one
 * template fits every device of the class; resolveRules turns them into
 * absolute limits for a device.
 *
 * Vibration, basis 'iso-10816-rigid' (velocity RMS, mm/s):
 *   warn 2.8 and alarm 4.5 are the zone B/C and C/D boundaries of ISO 10816-3
 *   (ISO 20816-3) for medium machines (group 2, 15-300 kW) on rigid
 *   foundations: C = "unsatisfactory for long-term continuous operation",
 *   D = "severe enough to cause damage". clear 2.3 sits between the A/B
 *   boundary (1.4) and warn, so a machine must be well back inside zone B to
 *   clear. A flexible foundation multiplies all three by 1.6 (4.48 / 7.2 / 3.68).
 *   No class-specific adjustment: for every class here the measurement is
 *   taken at the bearings of the driving motor or rotating element, which is
 *   what ISO 10816-3 covers. A reciprocating compressor (ISO 10816-6 scope)
 *   needs a device override.
 *   Durations: 5 min to raise (vibration trends over hours; short excursions
 *   come from start-ups, process transients or a bump to the sensor), 10 min
 *   below clear to clear.
 *
 * Temperature, basis 'insulation-margin' (°C below the insulation-class
 *   limit, class B 130 / F 155 / H 180 °C): warn 60, alarm 45, clear 65 margin.
 *   For class F that is a frame temperature of 95 / 110 / clear 90 °C. The
 *   sensor sits on the frame or bearing housing, which runs well below the
 *   winding hot spot the insulation limit applies to, so the margins are wide.
 *   Durations: 5 min to raise (thermal time constants are minutes; a shorter
 *   excursion is a sensor glitch), 10 min to clear.
 *
 * Current, basis 'rated-current' (multiples of nameplate full-load current):
 *   warn 1.10, alarm 1.25, clear 1.05 × rated. Sustained overcurrent means a
 *   jam, mechanical binding, a failing bearing or a process overload; the
 *   service factor of a standard motor is 1.0-1.15, so 1.25 is past it.
 *   Durations: 30 s to raise (a jam develops fast, and 30 s rides through the
 *   few seconds of direct-on-line starting inrush), 2 min to clear.
 *
 * No undercurrent or low-temperature defaults: without knowing whether a
 * machine is meant to run, a stopped machine would raise them all the time.
 * Add them per device where the run state is known.
 */
import { EQUIPMENT_CLASSES } from '../../contract/plant';
import type { RuleTemplate } from './types';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

type MetricDefaults = Pick<
  RuleTemplate,
  'metric' | 'direction' | 'basis' | 'warn' | 'alarm' | 'clear' | 'minDurationMs' | 'clearDurationMs' | 'failureMode'
>;

const METRIC_DEFAULTS: readonly MetricDefaults[] = [
  {
    metric: 'vibration',
    direction: 'above',
    basis: 'iso-10816-rigid',
    warn: 2.8,
    alarm: 4.5,
    clear: 2.3,
    minDurationMs: 5 * MINUTE,
    clearDurationMs: 10 * MINUTE,
    failureMode: 'vibration-high',
  },
  {
    metric: 'temperature',
    direction: 'above',
    basis: 'insulation-margin',
    warn: 60,
    alarm: 45,
    clear: 65,
    minDurationMs: 5 * MINUTE,
    clearDurationMs: 10 * MINUTE,
    failureMode: 'overheating',
  },
  {
    metric: 'current',
    direction: 'above',
    basis: 'rated-current',
    warn: 1.1,
    alarm: 1.25,
    clear: 1.05,
    minDurationMs: 30 * SECOND,
    clearDurationMs: 2 * MINUTE,
    failureMode: 'overcurrent',
  },
];

/** Fresh copies of the default class-scope templates, ids like `class.pump.vibration`, version 1. */
export function defaultRuleTemplates(): RuleTemplate[] {
  return EQUIPMENT_CLASSES.flatMap((equipmentClass) =>
    METRIC_DEFAULTS.map((d) => ({
      id: `class.${equipmentClass}.${d.metric}`,
      version: 1,
      scope: { kind: 'class' as const, equipmentClass },
      ...d,
      enabled: true,
    })),
  );
}
