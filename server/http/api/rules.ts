import type { Metric } from '../../../contract/metrics';
import type { EquipmentClass } from '../../../contract/plant';
import type { FailureMode, FlappingSettings, LimitBasis, RuleKind, RuleTemplate, Severity, TemplateParams } from '../../detection/types';

export interface AnomalyView {
  id: number;
  deviceId: string;
  metric: Metric;
  ruleId: string;
  failureMode: FailureMode;
  severity: Severity;
  active: boolean;
  acknowledged: boolean;
  startedAt: number;
  lastEventAt: number;
  clearedAt: number | null;
  lastValue: number;
  workOrderId: number | null;
  /** trend-to-limit anomalies: when the limit is predicted to be reached (from the order's evidence); null otherwise. */
  predictedBreachAt?: number | null;
}

/** A stored rule as the API shows it: the template (detection/types.ts RuleTemplate) with who saved its version and when. */
export interface RuleView extends Omit<RuleTemplate, 'kind'> {
  /** What the rule watches (always sent; optional for clients written before kinds); warn/alarm/clear mean what the kind says (README, "Detection rules"). */
  kind?: RuleKind;
  updatedAt: number;
  /** Who saved the version in force ('defaults' for a default template never edited). */
  updatedBy: string;
}

/** A rule template as saved in one version: RuleView without the bookkeeping. */
export type RuleTemplateView = Omit<RuleView, 'updatedAt' | 'updatedBy'>;

/** The fields of a rule an engineer edits (everything but id and version). */
export type RuleField = Exclude<keyof RuleTemplateView, 'id' | 'version'>;

/** The editable rule fields, in the order the API lists them. */
export const RULE_FIELDS = [
  'kind',
  'scope',
  'metric',
  'direction',
  'basis',
  'warn',
  'alarm',
  'clear',
  'minDurationMs',
  'clearDurationMs',
  'failureMode',
  'enabled',
  'params',
  'flapping',
] as const satisfies readonly RuleField[];

/**
 * PUT /api/rules/:id -> RuleView. Fields left out keep their stored values;
 * the resulting rule is validated as a whole (400 naming the field). `scope`
 * cannot change (create a device override instead). `expectedVersion`: the
 * version the edit is based on; 409 'version-conflict' when another save came
 * first (send it always from an editor). A body that changes nothing saves
 * nothing (same version, no history row, no event).
 */
export type UpdateRuleRequest = Partial<Omit<RuleTemplateView, 'id' | 'version'>> & { reason: string; expectedVersion?: number };

/**
 * POST /api/rules -> 201 RuleView (version 1): a per-device override. `id`
 * defaults to `device.<deviceId>.<metric>` ('above') or
 * `device.<deviceId>.<metric>.below`. Fields left out are copied from the
 * class rule the override replaces (same metric and direction); without one
 * they are required. Switching a class rule off for one device is an override
 * with `enabled: false`: `{ scope: { kind: 'device', deviceId }, metric, enabled: false, reason }`.
 */
export type CreateRuleOverrideRequest = Partial<Omit<RuleTemplateView, 'id' | 'version' | 'scope' | 'metric'>> & {
  id?: string;
  scope: { kind: 'device'; deviceId: string };
  metric: Metric;
  reason: string;
};

/** One field that differs from the previous version. */
export type RuleFieldChange = { [K in RuleField]: { field: K; from: RuleTemplateView[K]; to: RuleTemplateView[K] } }[RuleField];

/** GET /api/rules/:id/history: one per saved version, newest first. */
export interface RuleVersionView {
  ruleId: string;
  version: number;
  author: string;
  reason: string;
  at: number;
  /** The rule as saved in this version. */
  template: RuleTemplateView;
  /** What differs from the previous version, in RULE_FIELDS order; empty for the first recorded version. */
  changes: RuleFieldChange[];
}

/** A rule in force on one device, limits resolved to absolute numbers in the metric's unit. */
export interface EffectiveRuleView {
  ruleId: string;
  version: number;
  /** The rule's kind; warn/alarm/clear are limits of the metric only for 'threshold'. */
  kind?: RuleKind;
  /** Whether it comes from the device's class or from an override of this device. */
  source: 'class' | 'device';
  metric: Metric;
  direction: 'above' | 'below';
  warn: number;
  alarm: number;
  clear: number;
  minDurationMs: number;
  clearDurationMs: number;
  failureMode: FailureMode;
}

/** GET /api/rules/effective?deviceId= : per device (all, in plant order, or the one asked for). */
export interface DeviceEffectiveRulesView {
  deviceId: string;
  equipmentClass: EquipmentClass;
  rules: EffectiveRuleView[];
  /** Metric/direction slots switched off on this device: the rule that would apply is disabled. */
  disabled: Array<{ ruleId: string; source: 'class' | 'device'; metric: Metric; direction: 'above' | 'below' }>;
  /** Set when two rules conflict on this device: it then has no detection (rules and disabled are empty). */
  conflict: string | null;
}

/** Limits in force for one device and metric, resolved to absolute numbers. */
export interface EffectiveLimitView {
  metric: Metric;
  ruleId: string;
  direction: 'above' | 'below';
  warn: number;
  alarm: number;
  clear: number;
}
