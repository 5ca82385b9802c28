/**
 * Who works an order: the ranked candidates (server/technicians/assignment-
 * ranking.ts), assignment by name or to the top candidate, and the order's
 * requirements (certifications that exclude, skills that rank).
 *
 * Assigning moves an open or acknowledged order to 'assigned' through the
 * state machine; an order already assigned, in progress, on hold or resolved
 * keeps its status (reassignment); a closed or cancelled one is refused with
 * the state machine's 409. Each assignment writes an 'assignment' timeline
 * entry (from = previous technician id, to = new one) and is published as a
 * 'work-order' update and a 'work-order-assigned' event after it commits.
 */
import { acknowledgeAnomaliesOf } from '../anomalies/anomaly-repository';
import { toAnomalyView } from '../anomalies/anomaly-views';
import { inTransaction } from '../db/transaction';
import type { AssignmentCandidatesView, TechnicianRef, WorkOrderStatus } from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import { exclusionReasons, rankCandidates, type RankedOrder, type Ranking } from '../technicians/assignment-ranking';
import type { TechnicianService } from '../technicians/technician-service';
import { toTechnicianRef } from '../technicians/technician-views';
import { createSiteCalendars } from '../sla/site-calendars';
import { requirementColumns, type WorkRequirements } from './work-order-requirements';
import { appendTimeline, findWorkOrderRecord, listTimeline, updateWorkOrder, type WorkOrderRecord } from './work-order-repository';
import type { WorkOrderServiceDeps } from './work-order-service';
import { createSlaReader } from './work-order-sla';
import { allowedTransitions, checkTransition, isTerminal } from './work-order-state';
import { createWorkOrderPresenter, toTimelineEntryView, type WorkOrderDetailView } from './work-order-views';

export type AssignmentService = ReturnType<typeof createAssignmentService>;

/** Actor of assignments made by the AUTO_ASSIGN_ON_ACK setting. */
export const AUTO_ASSIGN_ACTOR = 'system:auto-assign';

export interface AssignInput {
  technicianId?: string | undefined;
  auto?: boolean | undefined;
  note?: string | undefined;
  actor: string;
}

export interface RequirementsInput extends WorkRequirements {
  note?: string | undefined;
  actor: string;
}

/** Statuses an assignment moves to 'assigned'; every other open status keeps its status. */
const MOVES_TO_ASSIGNED: readonly WorkOrderStatus[] = ['open', 'acknowledged'];

const invalidField = (path: string, message: string) =>
  new HttpError(400, 'invalid-body', `request body is invalid: ${path}: ${message}`, [{ path, message }]);

const listOrNone = (names: readonly string[]) => (names.length ? names.join(', ') : 'none');

export function requirementsOf(record: WorkOrderRecord): RankedOrder {
  return {
    siteId: record.siteId,
    priority: record.order.priority,
    requiredCertifications: JSON.parse(record.order.requiredCertifications) as string[],
    requiredSkills: JSON.parse(record.order.requiredSkills) as string[],
  };
}

/** "nobody can take WO-…: Anna Weber: lacks the high-voltage certification; …" */
function nobodyQualifies(number: string, ranking: Ranking, order: RankedOrder): HttpError {
  const needs = order.requiredCertifications.length ? ` (requires ${order.requiredCertifications.join(', ')})` : '';
  const why = ranking.excluded.map((e) => `${e.technician.name}: ${e.reasons.join(', ')}`).join('; ');
  return new HttpError(409, 'no-qualified-technician', `nobody at site ${order.siteId} can take ${number}${needs}${why ? `: ${why}` : ': no technicians on record'}`);
}

export function createAssignmentService(deps: WorkOrderServiceDeps & { technicians: TechnicianService }) {
  const { database, bus, now, technicians } = deps;
  const sla = createSlaReader({ database, now, calendarOf: deps.calendarOf ?? createSiteCalendars(database), policy: deps.slaPolicy });
  const present = createWorkOrderPresenter(sla);

  function load(key: string | number): WorkOrderRecord {
    const record =
      typeof key === 'number' || /^\d+$/.test(key)
        ? findWorkOrderRecord(database, { id: Number(key) })
        : findWorkOrderRecord(database, { number: key });
    if (!record) throw notFound(`work order ${key}`);
    return record;
  }

  function detail(id: number): WorkOrderDetailView {
    const record = load(id);
    return {
      ...present([record])[0]!,
      timeline: listTimeline(database, id).map(toTimelineEntryView),
      allowedTransitions: allowedTransitions(record.order.status),
    };
  }

  function rank(record: WorkOrderRecord, at: number): Ranking {
    return rankCandidates(requirementsOf(record), technicians.rankingInputs(record.siteId, at), at);
  }

  return {
    /** Who may take the order, best first, and who may not and why; evaluated at now. */
    candidates(key: string | number): AssignmentCandidatesView {
      const record = load(key);
      const at = now();
      const order = requirementsOf(record);
      const { candidates, excluded } = rank(record, at);
      const { assigneeId } = record.order;
      return {
        workOrderId: record.order.id,
        evaluatedAt: at,
        requiredCertifications: [...order.requiredCertifications],
        requiredSkills: [...order.requiredSkills],
        assignee: assigneeId !== null && record.assigneeName !== null ? { id: assigneeId, name: record.assigneeName } : null,
        candidates,
        excluded,
      };
    },

    /**
     * Checked in this order: 404 unknown order; 409 'illegal-transition' for
     * a closed or cancelled order; 400 naming technicianId for an unknown
     * technician; 409 'technician-not-qualified' naming each missing or
     * expired certification (or the other site, or deactivation); with
     * `auto`, 409 'no-qualified-technician' saying why each person is out.
     * Assigning the current assignee again changes nothing.
     */
    assign(key: string | number, input: AssignInput): WorkOrderDetailView {
      const id = load(key).order.id;
      const result = inTransaction(database, () => {
        const record = load(id);
        const { order } = record;
        if (isTerminal(order.status)) {
          const check = checkTransition(order.status, 'assigned');
          throw new HttpError(409, 'illegal-transition', check.ok ? `${order.number} is ${order.status}` : check.message);
        }
        const at = now();
        const requirements = requirementsOf(record);
        let to: TechnicianRef;
        let why: string | null = null;
        if (input.auto) {
          const ranking = rank(record, at);
          const top = ranking.candidates[0];
          if (!top) throw nobodyQualifies(order.number, ranking, requirements);
          to = top.technician;
          why = `top candidate, score ${top.score}: ${top.breakdown.map((l) => l.reason).join('; ')}`;
        } else {
          const technician = technicians.find(input.technicianId!);
          if (!technician) throw invalidField('technicianId', `no technician ${input.technicianId}`);
          const reasons = exclusionReasons(technician, requirements, at);
          if (reasons.length) throw new HttpError(409, 'technician-not-qualified', `${technician.name} cannot take ${order.number}: ${reasons.join(', ')}`);
          to = toTechnicianRef(technician);
        }
        if (order.assigneeId === to.id) return null;
        const from = order.assigneeId !== null && record.assigneeName !== null ? { id: order.assigneeId, name: record.assigneeName } : null;
        const moves = MOVES_TO_ASSIGNED.includes(order.status);
        updateWorkOrder(database, id, { assigneeId: to.id, updatedAt: at, ...(moves && { status: 'assigned' as const }) });
        const note = [input.auto ? `Auto-assigned to ${to.name} (${why})` : `Assigned to ${to.name}`, input.note].filter(Boolean).join('. ');
        appendTimeline(database, { workOrderId: id, at, actor: input.actor, kind: 'assignment', from: order.assigneeId, to: to.id, note, holdReason: null });
        if (moves) appendTimeline(database, { workOrderId: id, at, actor: input.actor, kind: 'status', from: order.status, to: 'assigned', note: `assigned to ${to.name}`, holdReason: null });
        // Someone took the order up: its anomalies are acknowledged, as with any move out of open.
        const acknowledged = order.status === 'open' ? acknowledgeAnomaliesOf(database, id) : [];
        return { from, to, note: input.note ?? null, acknowledged };
      });
      if (result) {
        for (const row of result.acknowledged) bus.publish('anomaly', toAnomalyView(row));
        const workOrder = present([load(id)])[0]!;
        bus.publish('work-order', { change: 'updated', workOrder });
        bus.publish('work-order-assigned', { workOrder, from: result.from, to: result.to, by: input.actor, auto: input.auto === true, note: result.note });
      }
      return detail(id);
    },

    /**
     * For AUTO_ASSIGN_ON_ACK: assigns a just-acknowledged, unassigned order to
     * its top candidate. When nobody qualifies the order stays acknowledged
     * and its timeline says why, so a planner sees it; never throws for that.
     */
    assignOnAcknowledge(id: number): void {
      const record = load(id);
      if (record.order.status !== 'acknowledged' || record.order.assigneeId !== null) return;
      try {
        this.assign(id, { auto: true, actor: AUTO_ASSIGN_ACTOR, note: 'on acknowledgement' });
      } catch (err) {
        if (!(err instanceof HttpError && err.status === 409)) throw err;
        inTransaction(database, () => {
          const at = now();
          updateWorkOrder(database, id, { updatedAt: at });
          appendTimeline(database, { workOrderId: id, at, actor: AUTO_ASSIGN_ACTOR, kind: 'comment', from: null, to: null, note: `Not auto-assigned: ${err.message}`, holdReason: null });
        });
        bus.publish('work-order', { change: 'updated', workOrder: present([load(id)])[0]! });
      }
    },

    /**
     * Replaces the order's required certifications and skills, with a
     * timeline entry saying what changed (and whether the assignee still
     * qualifies). 409 'order-finished' for a closed or cancelled order.
     */
    setRequirements(key: string | number, input: RequirementsInput): WorkOrderDetailView {
      const id = load(key).order.id;
      const changed = inTransaction(database, () => {
        const record = load(id);
        const { order } = record;
        if (isTerminal(order.status)) throw new HttpError(409, 'order-finished', `${order.number} is ${order.status}; its requirements no longer change`);
        const before = requirementsOf(record);
        const sameCerts = JSON.stringify(before.requiredCertifications) === JSON.stringify(input.certifications);
        const sameSkills = JSON.stringify(before.requiredSkills) === JSON.stringify(input.skills);
        if (sameCerts && sameSkills) return false;
        const at = now();
        updateWorkOrder(database, id, { ...requirementColumns(input), updatedAt: at });
        const parts = [
          !sameCerts && `certifications ${listOrNone(before.requiredCertifications)} → ${listOrNone(input.certifications)}`,
          !sameSkills && `skills ${listOrNone(before.requiredSkills)} → ${listOrNone(input.skills)}`,
        ];
        const assignee = order.assigneeId === null ? undefined : technicians.find(order.assigneeId);
        const missing = assignee ? exclusionReasons(assignee, { siteId: record.siteId, requiredCertifications: input.certifications }, at) : [];
        const note = [
          `Requirements changed: ${parts.filter(Boolean).join('; ')}`,
          missing.length && `assignee ${assignee!.name} no longer qualifies (${missing.join(', ')}); reassign`,
          input.note,
        ];
        appendTimeline(database, { workOrderId: id, at, actor: input.actor, kind: 'comment', from: null, to: null, note: note.filter(Boolean).join('. '), holdReason: null });
        return true;
      });
      if (changed) bus.publish('work-order', { change: 'updated', workOrder: present([load(id)])[0]! });
      return detail(id);
    },
  };
}
