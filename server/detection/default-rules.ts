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
 *
 * Beyond thresholds (ids `class.<class>.<metric>.<kind>`), each with flapping
 * suppression (more than 3 raises in an hour: held raised until 30 min quiet):
 *
 * Vibration, trend-to-limit: bearing wear grows over hours to days, so a
 *   line fitted over the last 3 h (36 buckets of 5 min, at least 24 of them,
 *   r² ≥ 0.8) predicts when the vibration threshold's alarm level (the ISO
 *   C/D boundary) will be reached: warn when that is within 24 h, alarm within
 *   2 h, cleared beyond 30 h for an hour; 15 min to raise. r² ≥ 0.8 keeps a
 *   start-up (a step from standstill, r² ≤ 0.75 for a clean step) from
 *   predicting anything. On the simulator's fault benchmark this moves the
 *   median warning on bearing wear from 6.5 h to about 10 h before failure,
 *   with no false alarms.
 *
 * Temperature, rate-of-change: frame temperature follows load with thermal
 *   time constants of 10-20 min, so even a cold start warms the frame by well
 *   under 1 °C/min (the simulator's starts peak around 0.85 °C/min). A rise of
 *   2 °C/min (alarm 4) over 10 min, for 3 min, is a jam, a blocked fan or lost
 *   cooling; clears below 1 °C/min.
 *
 * Temperature, adaptive-baseline: each machine against its own normal (a
 *   pump that always runs warm is judged against itself): an EWMA over 2880
 *   points (a day at 30 s sampling), 240 points of warm-up, warn at 6 σ, alarm
 *   at 10 σ, clear below 3 σ, with σ at least 2 °C so load changes of a steady
 *   machine do not count. The baseline learns 20× slower while anomalous.
 *   On the benchmark it warns of overheating about an hour before failure
 *   (the insulation-margin threshold: about 16 min), with no false alarms.
 *
 * No adaptive baseline on current or vibration: both follow the load (the
 *   simulator's load steps between 35 and 85 % of rated current), so a
 *   baseline would alarm on production changes.
 *
 * No data (deadman), id `class.<class>.no-data`, failure mode 'no-data': a
 *   device whose samples stop (a dead sensor or cable, a crashed edge agent,
 *   a broken link) warns after 5 min of silence and alarms after 20 min; the
 *   next sample clears it. Agents buffer and replay through short outages,
 *   so 5 min is well past a reconnect and a broker restart, yet short enough
 *   that a line lead hears of a blind machine within one round of the floor.
 *   One rule per device is enough: every sample carries all three metrics, so
 *   the rule watches temperature and stands for the whole device. A machine
 *   switched off on purpose keeps its agent sending (a stopped machine is
 *   cold and still, not silent), so a planned stop does not raise it.
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

const HOUR = 60 * MINUTE;
const FLAPPING = { maxRaises: 3, windowMs: HOUR, quietMs: 30 * MINUTE };

type KindDefaults = MetricDefaults & Pick<RuleTemplate, 'kind' | 'params' | 'flapping'>;

const KIND_DEFAULTS: readonly KindDefaults[] = [
  {
    kind: 'trend-to-limit',
    metric: 'vibration',
    direction: 'above',
    basis: 'iso-10816-rigid',
    warn: 24,
    alarm: 2,
    clear: 30,
    minDurationMs: 15 * MINUTE,
    clearDurationMs: HOUR,
    failureMode: 'vibration-high',
    params: { windowMs: 3 * HOUR, buckets: 36, minPoints: 24, minR2: 0.8 },
    flapping: FLAPPING,
  },
  {
    kind: 'rate-of-change',
    metric: 'temperature',
    direction: 'above',
    basis: 'absolute',
    warn: 2,
    alarm: 4,
    clear: 1,
    minDurationMs: 3 * MINUTE,
    clearDurationMs: 10 * MINUTE,
    failureMode: 'overheating',
    params: { windowMs: 10 * MINUTE },
    flapping: FLAPPING,
  },
  {
    kind: 'adaptive-baseline',
    metric: 'temperature',
    direction: 'above',
    basis: 'absolute',
    warn: 6,
    alarm: 10,
    clear: 3,
    minDurationMs: 5 * MINUTE,
    clearDurationMs: 10 * MINUTE,
    failureMode: 'overheating',
    params: { windowPoints: 2880, warmupPoints: 240, minSigma: 2, anomalousLearningRate: 0.05 },
    flapping: FLAPPING,
  },
  {
    kind: 'no-data',
    metric: 'temperature',
    direction: 'above',
    basis: 'absolute',
    warn: 5 * 60,
    alarm: 20 * 60,
    clear: 0,
    minDurationMs: 0,
    clearDurationMs: 0,
    failureMode: 'no-data',
    flapping: FLAPPING,
  },
];

/**
 * Fresh copies of the default class-scope templates, version 1: thresholds
 * with ids like `class.pump.vibration`, other kinds like
 * `class.pump.vibration.trend-to-limit`, the device-wide no-data rule
 * `class.pump.no-data`.
 */
export function defaultRuleTemplates(): RuleTemplate[] {
  return EQUIPMENT_CLASSES.flatMap((equipmentClass) => [
    ...METRIC_DEFAULTS.map((d) => ({
      kind: 'threshold' as const,
      id: `class.${equipmentClass}.${d.metric}`,
      version: 1,
      scope: { kind: 'class' as const, equipmentClass },
      ...d,
      enabled: true,
    })),
    ...KIND_DEFAULTS.map((d) => ({
      ...d,
      id: d.kind === 'no-data' ? `class.${equipmentClass}.no-data` : `class.${equipmentClass}.${d.metric}.${d.kind}`,
      version: 1,
      scope: { kind: 'class' as const, equipmentClass },
      ...(d.params ? { params: { ...d.params } } : {}),
      flapping: { ...FLAPPING },
      enabled: true,
    })),
  ]);
}
