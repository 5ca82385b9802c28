/**
 * SLA: site working calendars, response/resolution targets per priority with
 * clock pausing, stalled orders, and the escalations due. All pure.
 */
export {
  addWorkingMs,
  ALWAYS_WORKING,
  isWorking,
  nextWorkingStart,
  shiftSchema,
  WEEKDAYS,
  workingCalendarSchema,
  workingIntervals,
  workingIntervalsFrom,
  workingMsBetween,
  type Interval,
  type Shift,
  type Weekday,
  type WorkingCalendar,
  type WorkingCalendarInput,
} from './working-calendar';
export {
  DEFAULT_PAUSING_HOLD_REASONS,
  DEFAULT_SLA_POLICY,
  DEFAULT_SLA_TARGETS,
  MAX_TARGET_MS,
  pauseRuleSchema,
  pausesResolution,
  slaPolicySchema,
  slaTargetSchema,
  WORKING_DAY_MS,
  type PauseRule,
  type SlaPolicy,
  type SlaPolicyInput,
  type SlaTarget,
} from './sla-policy';
export { evaluateSla, type SlaEvaluation, type SlaOrder, type SlaState, type StallEvaluation, type StatusChange, type TargetEvaluation } from './sla-evaluation';
export { decideEscalations, formatDuration, type EscalationAction, type EscalationContacts, type EscalationInput, type EscalationKind } from './escalation';
export { formatLocal, isValidTimeZone } from './zoned-time';
