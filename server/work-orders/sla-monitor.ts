/**
 * The SLA monitor: on every tick, evaluates each order still being worked
 * (open .. on-hold) at `now()`, asks decideEscalations (server/sla) what is
 * due given the notifications already recorded, and for each new action
 * records a `work_order_notifications` row (unique per order and key), writes
 * an 'sla' timeline entry and publishes the order as updated.
 *
 * Idempotent: a second tick at the same time records nothing, and two
 * monitors racing on one database record each key once (the unique index
 * decides). Recording is the only delivery there is for now; a notifier
 * (mail, chat) can subscribe to the bus or read the table later.
 *
 * Timeline entries of the monitor do not count as activity, so flagging an
 * order as stalled does not end its quiet spell.
 */
import { inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { workOrderNotifications } from '../db/schema';
import { inTransaction } from '../db/transaction';
import type { WorkOrderNotificationView } from '../http/api-types';
import type { ServiceDeps } from '../service-deps';
import { decideEscalations, formatDuration, formatLocal, type EscalationAction, type SlaEvaluation, type SlaPolicy } from '../sla';
import { createSiteCalendars, type SiteCalendarLookup } from '../sla/site-calendars';
import { createLineImpact, type LineImpactLookup } from './line-impact';
import { withAssignees, type ContactLookup } from './sla-contacts';
import { createPriorityKeeper } from './work-order-priority';
import {
  appendTimeline,
  findWorkOrderRecord,
  insertNotification,
  listOpenWorkOrderIds,
  listOpenWorkOrderRecords,
  openWorkOrderRecordsByIds,
  type NotificationRow,
  type WorkOrderRecord,
} from './work-order-repository';
import { createSlaReader } from './work-order-sla';
import { createWorkOrderPresenter, toNotificationView } from './work-order-views';

/** Actor of the monitor's timeline entries. */
export const SLA_ACTOR = 'system:sla';

export const DEFAULT_SLA_TICK_MS = 60_000;

export interface SlaMonitorDeps extends ServiceDeps {
  slaPolicy?: SlaPolicy;
  /** Default: each site's calendar from the `sites` table. */
  calendarOf?: SiteCalendarLookup;
  /** Default: the assignee and their supervisor, else placeholder planner and supervisor per site (sla-contacts.ts). */
  contactsFor?: ContactLookup;
  /** For computing the priority of orders stored before priorities existed. */
  lineImpactOf?: LineImpactLookup;
  /** Orders per slice of a timer tick (default SLA_SLICE_ORDERS). */
  sliceOrders?: number;
}

export interface SlaTickResult {
  /** Orders evaluated. */
  evaluated: number;
  /** Notifications recorded by this tick. */
  recorded: WorkOrderNotificationView[];
}

export interface SlaMonitor {
  tick(): SlaTickResult;
  /** Ticks every `intervalMs` (default 60 s) until stopped; the timer does not keep the process alive. */
  start(intervalMs?: number): void;
  stop(): void;
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The timeline sentence for a recorded action. */
export function slaTimelineNote(action: EscalationAction, e: SlaEvaluation, timeZone: string): string {
  const to = action.to.join(', ') + (action.cc.length ? ` (cc ${action.cc.join(', ')})` : '');
  const local = (at: number) => formatLocal(timeZone, at);
  if (action.kind === 'flag-stalled') {
    const time = e.resolution.calendar === 'working' ? ' of working time' : '';
    return `Stalled: no activity since ${local(e.stall.lastActivityAt)} (${formatDuration(e.stall.idleWorkingMs)}${time}); flagged to ${to}`;
  }
  const t = e[action.target ?? 'resolution'];
  const target = `${capitalised(action.target ?? 'resolution')} target (${e.priority}, ${formatDuration(t.targetMs)}${t.calendar === 'working' ? ' working time' : ''})`;
  if (action.kind === 'escalate-supervisor') return `${target} breached at ${local(action.at)}; escalated to ${to}`;
  const due = t.dueAt === null ? 'clock paused' : `due ${local(t.dueAt)}`;
  return `${target} ${Math.floor(t.usedRatio * 100)} % used, ${due}; warned ${to}`;
}

function recordActions(database: Database, workOrderId: number, actions: EscalationAction[], e: SlaEvaluation, timeZone: string, sentAt: number): NotificationRow[] {
  return inTransaction(database, () =>
    actions.flatMap((action) => {
      const row = insertNotification(database, {
        workOrderId,
        key: action.key,
        at: action.at,
        sentAt,
        kind: action.kind,
        target: action.target,
        to: JSON.stringify(action.to),
        cc: JSON.stringify(action.cc),
        message: action.message,
      });
      if (!row) return [];
      const note = slaTimelineNote(action, e, timeZone);
      appendTimeline(database, { workOrderId, at: sentAt, actor: SLA_ACTOR, kind: 'sla', from: action.target, to: action.kind, note, holdReason: null });
      return [row];
    }),
  );
}

/**
 * Orders evaluated per slice of a timer tick; the event loop runs between
 * slices. 100 orders hold the loop 3-5 ms on an idle machine (records,
 * timeline and notification keys read per slice): short enough not to show
 * in HTTP p99s, and 30 slices for 3,000 open orders cost little extra.
 */
export const SLA_SLICE_ORDERS = 100;

/** Notification keys already recorded, per order, in one query. */
function notificationKeysOf(database: Database, ids: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = database.db
    .select({ workOrderId: workOrderNotifications.workOrderId, key: workOrderNotifications.key })
    .from(workOrderNotifications)
    .where(inArray(workOrderNotifications.workOrderId, [...ids]))
    .all();
  for (const { workOrderId, key } of rows) {
    const list = out.get(workOrderId);
    if (list) list.push(key);
    else out.set(workOrderId, [key]);
  }
  return out;
}

export function createSlaMonitor(deps: SlaMonitorDeps): SlaMonitor {
  const { database, bus, now, logger } = deps;
  const sla = createSlaReader({ database, now, calendarOf: deps.calendarOf ?? createSiteCalendars(database), policy: deps.slaPolicy });
  const present = createWorkOrderPresenter(sla);
  const priorities = createPriorityKeeper({ database, lineImpactOf: deps.lineImpactOf ?? createLineImpact(database) });
  const contactsFor = deps.contactsFor ?? withAssignees(database);
  let timer: ReturnType<typeof setInterval> | null = null;
  let running = false;

  /** Evaluates one slice of open orders at `at`, records what is due; returns the ids of orders that got a notification. */
  function evaluate(records: readonly WorkOrderRecord[], at: number, recorded: NotificationRow[]): number[] {
    const readings = sla.readMany(records, at);
    const notified = notificationKeysOf(database, records.map((r) => r.order.id));
    const touched: number[] = [];
    for (const record of records) {
      const { evaluation, calendar } = readings.get(record.order.id)!;
      const actions = decideEscalations({
        workOrder: { number: record.order.number },
        evaluation,
        contacts: contactsFor({ siteId: record.siteId, lineId: record.lineId, deviceId: record.order.deviceId, assigneeId: record.order.assigneeId }),
        alreadyNotified: notified.get(record.order.id) ?? [],
        timeZone: calendar.timeZone,
      });
      if (actions.length === 0) continue;
      const rows = recordActions(database, record.order.id, actions, evaluation, calendar.timeZone, at);
      if (rows.length) touched.push(record.order.id);
      recorded.push(...rows);
    }
    return touched;
  }

  function finish(records: readonly WorkOrderRecord[], recorded: NotificationRow[], touched: number[]): SlaTickResult {
    const views = present(touched.flatMap((id) => findWorkOrderRecord(database, { id }) ?? []));
    for (const workOrder of views) bus.publish('work-order', { change: 'updated', workOrder });
    if (recorded.length) logger.info({ notifications: recorded.length, orders: touched.length }, 'SLA notifications recorded');
    return { evaluated: records.length, recorded: recorded.map(toNotificationView) };
  }

  function tick(): SlaTickResult {
    const at = now();
    inTransaction(database, () => priorities.backfill(at));
    const records = listOpenWorkOrderRecords(database);
    const recorded: NotificationRow[] = [];
    const touched = evaluate(records, at, recorded);
    return finish(records, recorded, touched);
  }

  /**
   * The timer's tick: the same work at one `now`, in slices of
   * SLA_SLICE_ORDERS orders with the event loop running in between, so a
   * plant with many open orders does not stall ingest and HTTP for the
   * length of a whole tick. Only the ids are read up front; each slice
   * loads its own records (reading all 3,000 at once held the loop for
   * 40 ms), skipping orders finished since the tick began.
   */
  async function slicedTick(): Promise<SlaTickResult> {
    const at = now();
    inTransaction(database, () => priorities.backfill(at));
    const ids = listOpenWorkOrderIds(database);
    const records: WorkOrderRecord[] = [];
    const recorded: NotificationRow[] = [];
    const touched: number[] = [];
    const size = deps.sliceOrders ?? SLA_SLICE_ORDERS;
    for (let i = 0; i < ids.length; i += size) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const slice = openWorkOrderRecordsByIds(database, ids.slice(i, i + size));
      records.push(...slice);
      touched.push(...evaluate(slice, at, recorded));
    }
    return finish(records, recorded, touched);
  }

  return {
    tick,
    start(intervalMs = DEFAULT_SLA_TICK_MS) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return; // the previous tick is still working through its slices
        running = true;
        slicedTick()
          .catch((err: unknown) => logger.error({ err }, 'SLA monitor tick failed'))
          .finally(() => (running = false));
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
