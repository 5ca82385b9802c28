/**
 * The server's SQLite tables. Timestamps are epoch milliseconds (integer).
 * Migrations in ./migrations are generated from this file with `npm run db:generate`.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { CRITICALITIES, EQUIPMENT_CLASSES } from '../../contract/plant';
import { METRICS } from '../../contract/metrics';
import { HOLD_REASONS, LINE_ROOT_CAUSES, LINE_STATES, WORK_ORDER_STATUSES, WORK_ORDER_TYPES, type MaintenanceTrigger, type TimelineEntryView } from '../http/api-types';
import { PRIORITIES } from '../priority/priority-scoring';
import { FAILURE_MODES, LIMIT_BASES } from '../detection/rule-template-schema';
import type { RuleTemplate, Severity } from '../detection/types';
import type { DeadLetterReason } from '../../gateway/ingest/dead-letter-sink';
import { ROLES } from '../auth/roles';

const SEVERITIES = ['warn', 'alarm'] as const satisfies readonly Severity[];
const TIMELINE_KINDS = ['created', 'status', 'comment', 'occurrence', 'severity', 'outcome', 'recurrence', 'priority', 'sla', 'assignment'] as const satisfies readonly TimelineEntryView['kind'][];
export const DEAD_LETTER_REASONS = [
  'bad-topic',
  'oversize',
  'malformed-json',
  'schema',
  'unknown-device',
  'device-line-mismatch',
] as const satisfies readonly DeadLetterReason[];

export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  /** The site's WorkingCalendar as JSON (from the plant file); null = the default two shifts Mon-Fri in `timezone`. */
  calendar: text('calendar'),
});

export const lines = sqliteTable(
  'lines',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    /** Order in the plant file, for stable listings. */
    position: integer('position').notNull(),
    /**
     * The feeds the plant file gave this line at the last sync (sorted JSON
     * array; null before the first). The file's feeds replace the stored ones
     * only when they differ from this, so feeds edited through the API
     * survive a restart with an unchanged file.
     */
    plantFeeds: text('plant_feeds'),
  },
  (t) => [index('lines_site_idx').on(t.siteId)],
);

/** from_line feeds its output to to_line (downstream). */
export const lineFeeds = sqliteTable(
  'line_feeds',
  {
    fromLine: text('from_line')
      .notNull()
      .references(() => lines.id),
    toLine: text('to_line')
      .notNull()
      .references(() => lines.id),
  },
  (t) => [primaryKey({ columns: [t.fromLine, t.toLine] })],
);

export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    lineId: text('line_id')
      .notNull()
      .references(() => lines.id),
    agentId: text('agent_id').notNull(),
    name: text('name').notNull(),
    class: text('class', { enum: EQUIPMENT_CLASSES }).notNull(),
    criticality: text('criticality', { enum: CRITICALITIES }).notNull(),
    ratedCurrent: real('rated_current').notNull(),
    insulationClass: text('insulation_class', { enum: ['B', 'F', 'H'] }).notNull(),
    foundation: text('foundation', { enum: ['rigid', 'flexible'] }).notNull(),
    position: integer('position').notNull(),
    lastSeenAt: integer('last_seen_at'),
    /**
     * Running time accumulated from telemetry (current above a share of the
     * rated current, server/devices/running-hours.ts), in ms; running-hours
     * maintenance plans count on it.
     */
    runningMs: integer('running_ms').notNull().default(0),
  },
  (t) => [index('devices_line_idx').on(t.lineId)],
);

/** Rule templates as engineers edit them: per equipment class, or per device (override). */
export const rules = sqliteTable('rules', {
  id: text('id').primaryKey(),
  version: integer('version').notNull(),
  scopeKind: text('scope_kind', { enum: ['class', 'device'] }).notNull(),
  equipmentClass: text('equipment_class', { enum: EQUIPMENT_CLASSES }),
  deviceId: text('device_id'),
  metric: text('metric', { enum: METRICS }).notNull(),
  direction: text('direction', { enum: ['above', 'below'] }).notNull(),
  basis: text('basis', { enum: LIMIT_BASES }).notNull(),
  warn: real('warn').notNull(),
  alarm: real('alarm').notNull(),
  clear: real('clear').notNull(),
  minDurationMs: integer('min_duration_ms').notNull(),
  clearDurationMs: integer('clear_duration_ms').notNull(),
  failureMode: text('failure_mode', { enum: FAILURE_MODES }).notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * Append-only history of rule templates: one row per saved version (the
 * default templates' version 1 included), with the whole template as saved,
 * who saved it, when and why. Rows are never updated or deleted.
 */
export const ruleVersions = sqliteTable(
  'rule_versions',
  {
    ruleId: text('rule_id')
      .notNull()
      .references(() => rules.id),
    version: integer('version').notNull(),
    /** The RuleTemplate as saved (id and version included), as JSON. */
    template: text('template', { mode: 'json' }).$type<RuleTemplate>().notNull(),
    author: text('author').notNull(),
    reason: text('reason').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.version] })],
);

export const workOrders = sqliteTable(
  'work_orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    type: text('type', { enum: WORK_ORDER_TYPES }).notNull(),
    status: text('status', { enum: WORK_ORDER_STATUSES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    failureMode: text('failure_mode', { enum: FAILURE_MODES }),
    severity: text('severity', { enum: SEVERITIES }),
    /** EvidenceView as JSON. */
    evidence: text('evidence'),
    occurrences: integer('occurrences').notNull().default(1),
    lastOccurrenceAt: integer('last_occurrence_at').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    closedAt: integer('closed_at'),
    /** When the order last moved to resolved; null until then and after a reopen. */
    resolvedAt: integer('resolved_at'),
    /** The line stands still while this order is worked (always for emergency orders). */
    stopsLine: integer('stops_line', { mode: 'boolean' }).notNull().default(false),
    dueAt: integer('due_at'),
    /** OutcomeView as JSON; set when the order is resolved or closed. */
    outcome: text('outcome'),
    /** The earlier repair of the same device and failure mode this fault came back after. */
    recurrenceOf: integer('recurrence_of').references((): AnySQLiteColumn => workOrders.id),
    /** false once the fault came back within the recurrence window; null while there is no verdict. */
    repairEffective: integer('repair_effective', { mode: 'boolean' }),
    /** The priority in force (override or computed), for filtering and sorting; P0 sorts first. */
    priority: text('priority', { enum: PRIORITIES }).notNull().default('P4'),
    /** PriorityState as JSON (computed priority, score, factors, breakdown, override); null until first computed. */
    priorityState: text('priority_state'),
    /** Why the order is on hold; null in every other status. */
    holdReason: text('hold_reason', { enum: HOLD_REASONS }),
    /** The technician the order is assigned to; null until assigned. */
    assigneeId: text('assignee_id').references((): AnySQLiteColumn => technicians.id),
    /** Certifications the work needs (JSON string array, e.g. ["high-voltage"]); only holders can be assigned. */
    requiredCertifications: text('required_certifications').notNull().default('[]'),
    /** Skills the work calls for (JSON string array); rank candidates, do not exclude them. */
    requiredSkills: text('required_skills').notNull().default('[]'),
  },
  (t) => [
    uniqueIndex('work_orders_number_idx').on(t.number),
    index('work_orders_assignee_status_idx').on(t.assigneeId, t.status),
    index('work_orders_priority_idx').on(t.priority, t.id),
    index('work_orders_device_mode_status_idx').on(t.deviceId, t.failureMode, t.status),
    index('work_orders_status_idx').on(t.status),
    index('work_orders_type_idx').on(t.type),
    // The work-order list: priority order (P0 first, newest first within a priority), alone or filtered by status or device.
    index('work_orders_priority_newest_idx').on(t.priority, sql`${t.id} desc`),
    index('work_orders_status_priority_idx').on(t.status, t.priority, sql`${t.id} desc`),
    index('work_orders_device_priority_idx').on(t.deviceId, t.priority, sql`${t.id} desc`),
  ],
);

/** The people who do the work: skills, certifications with expiry, shifts, on which site. */
export const technicians = sqliteTable(
  'technicians',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** JSON string array, e.g. ["mechanical", "vibration-analysis"]. */
    skills: text('skills').notNull().default('[]'),
    /** JSON array of { name, expiresAt? } (expiresAt epoch ms); an expired one does not count. */
    certifications: text('certifications').notNull().default('[]'),
    /** JSON array of shifts { days, start, end } in the site's time zone (same shape as the site calendar's). */
    shifts: text('shifts').notNull().default('[]'),
    /** The supervisor escalations for this technician's orders go to (a free-text user id or address). */
    supervisor: text('supervisor'),
    /** The API token name this person signs in with, so "my orders" and actor names line up. */
    tokenName: text('token_name'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('technicians_site_idx').on(t.siteId)],
);

/**
 * Preventive maintenance plans: a device's recurring service by calendar or by
 * running hours. The scheduler (server/maintenance-plans/) opens one
 * 'preventive' order at a time; `last_order_id` is that order, so a plan never
 * has two open orders. The last_* columns are the facts the next due date is
 * counted from (server/maintenance-plans/plan-schedule.ts).
 */
export const maintenancePlans = sqliteTable(
  'maintenance_plans',
  {
    id: text('id').primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** MaintenanceTrigger as JSON: calendar { everyDays, leadDays, firstDueAt? } or running-hours { everyHours, leadHours, firstDueHours? }. */
    trigger: text('trigger', { mode: 'json' }).$type<MaintenanceTrigger>().notNull(),
    /** JSON string arrays, copied onto each order (as with work_orders.required_*). */
    requiredSkills: text('required_skills').notNull().default('[]'),
    requiredCertifications: text('required_certifications').notNull().default('[]'),
    /** Priority the orders get as an override; null = computed like any other order. */
    priority: text('priority', { enum: PRIORITIES }),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** Where counting starts before the first order: the plan's creation time and the device's running ms then. */
    baselineAt: integer('baseline_at').notNull(),
    baselineRunningMs: integer('baseline_running_ms').notNull(),
    /** The plan's latest order (open or finished); null before the first. */
    lastOrderId: integer('last_order_id').references(() => workOrders.id),
    /** What that order was due at: a time (calendar) or the device's running ms (running hours). */
    lastDueAt: integer('last_due_at'),
    lastDueRunningMs: integer('last_due_running_ms'),
    /** When the last order was completed (resolved, else closed) and the device's running ms then. */
    lastDoneAt: integer('last_done_at'),
    lastDoneRunningMs: integer('last_done_running_ms'),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('maintenance_plans_device_idx').on(t.deviceId), uniqueIndex('maintenance_plans_last_order_idx').on(t.lastOrderId)],
);

/** Outgoing webhook subscriptions on work-order events. The secret signs each delivery (HMAC-SHA256). */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  /** Shared secret for the signature; kept in clear because signing needs it, never returned by the API after creation. */
  secret: text('secret').notNull(),
  /** JSON string array of event types, e.g. ["work-order.created"]; ["*"] = all. */
  events: text('events').notNull(),
  description: text('description').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  createdBy: text('created_by').notNull(),
});

/** One row per (webhook, event): attempts, backoff and the last result; the delivery log. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    event: text('event').notNull(),
    /** The exact JSON body sent (and signed). */
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    lastAttemptAt: integer('last_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_hook_idx').on(t.webhookId, t.id),
  ],
);

export const anomalies = sqliteTable(
  'anomalies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    metric: text('metric', { enum: METRICS }).notNull(),
    ruleId: text('rule_id').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    failureMode: text('failure_mode', { enum: FAILURE_MODES }).notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    acknowledged: integer('acknowledged', { mode: 'boolean' }).notNull(),
    startedAt: integer('started_at').notNull(),
    lastEventAt: integer('last_event_at').notNull(),
    clearedAt: integer('cleared_at'),
    lastValue: real('last_value').notNull(),
    workOrderId: integer('work_order_id').references(() => workOrders.id),
  },
  (t) => [
    index('anomalies_device_rule_active_idx').on(t.deviceId, t.ruleId, t.active),
    index('anomalies_active_idx').on(t.active),
    index('anomalies_work_order_idx').on(t.workOrderId),
  ],
);

/** Append-only timeline of a work order. */
export const workOrderEvents = sqliteTable(
  'work_order_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workOrderId: integer('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    kind: text('kind', { enum: TIMELINE_KINDS }).notNull(),
    from: text('from'),
    to: text('to'),
    note: text('note'),
    /** For status entries to 'on-hold': why. The SLA clock reads it from the history. */
    holdReason: text('hold_reason', { enum: HOLD_REASONS }),
  },
  (t) => [index('work_order_events_order_idx').on(t.workOrderId, t.id)],
);

/** SLA notifications carried out per order (warnings, escalations, stall flags); `key` makes each one happen once. */
export const workOrderNotifications = sqliteTable(
  'work_order_notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workOrderId: integer('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    /** EscalationAction.key, e.g. "escalate-supervisor:resolution:P1". */
    key: text('key').notNull(),
    /** What triggered it: the missed due instant, the moment it stalled, or the tick time for a warning. */
    at: integer('at').notNull(),
    /** When the monitor recorded (sent) it. */
    sentAt: integer('sent_at').notNull(),
    kind: text('kind', { enum: ['warn-assignee', 'escalate-supervisor', 'flag-stalled'] }).notNull(),
    target: text('target', { enum: ['response', 'resolution'] }),
    /** Recipients, a JSON array of user ids or addresses. */
    to: text('to').notNull(),
    /** In copy, a JSON array. */
    cc: text('cc').notNull(),
    message: text('message').notNull(),
  },
  (t) => [uniqueIndex('work_order_notifications_key_idx').on(t.workOrderId, t.key)],
);

export const deadLetters = sqliteTable(
  'dead_letters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    receivedAt: integer('received_at').notNull(),
    clientId: text('client_id'),
    topic: text('topic').notNull(),
    reason: text('reason', { enum: DEAD_LETTER_REASONS }).notNull(),
    detail: text('detail').notNull(),
    payloadPreview: text('payload_preview').notNull(),
    payloadBytes: integer('payload_bytes').notNull(),
  },
  (t) => [index('dead_letters_reason_idx').on(t.reason), index('dead_letters_received_idx').on(t.receivedAt)],
);

/**
 * The disturbance map's record: one row each time a line changes state (or
 * keeps its state with another primary root cause). Written by the line-state
 * tracker; downtime reports add up the time between rows.
 */
export const lineStateChanges = sqliteTable(
  'line_state_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    lineId: text('line_id')
      .notNull()
      .references(() => lines.id),
    at: integer('at').notNull(),
    /** null for the first record of a line. */
    from: text('from', { enum: LINE_STATES }),
    to: text('to', { enum: LINE_STATES }).notNull(),
    /** Root cause of the primary reason; null while running. */
    cause: text('cause', { enum: LINE_ROOT_CAUSES }),
    /** Work-order number, anomaly id, device id or line id, per cause. */
    causeRef: text('cause_ref'),
    /** LineReason[] as JSON. */
    reasons: text('reasons').notNull(),
  },
  (t) => [index('line_state_changes_line_at_idx').on(t.lineId, t.at)],
);

/** API access tokens: only the SHA-256 of each secret is stored. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash)],
);
