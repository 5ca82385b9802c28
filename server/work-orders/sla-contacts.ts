/**
 * Who hears about an order's SLA: its assignee (by name), the assignee's
 * supervisor, and the planner and supervisor of its site. Site contacts come
 * from a small per-site config with placeholder names; `withAssignees` puts
 * the assigned technician in front of them. Callers only see the
 * ContactLookup, so a lookup by role, shift or on-call rota can replace it.
 */
import { z } from 'zod';
import type { Database } from '../db/database';
import type { EscalationContacts } from '../sla';
import { findTechnician } from '../technicians/technician-repository';

const contact = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** `{ "plant-1": { "planner": "dana@plant.example", "supervisor": "lee@plant.example" } }`; a missing name keeps its placeholder. */
export const siteContactsSchema = z.record(
  z.string(),
  z.strictObject({ planner: contact.optional(), supervisor: contact.optional() }, { error: 'must be { planner?, supervisor? }' }),
);
export type SiteContactsConfig = z.output<typeof siteContactsSchema>;

export interface ContactSubject {
  siteId: string;
  lineId: string;
  deviceId: string;
  /** The technician the order is assigned to, if any. */
  assigneeId?: string | null;
}

export type ContactLookup = (order: ContactSubject) => EscalationContacts;

/** Placeholder names: `planner@{site}` and `supervisor@{site}`. */
export function placeholderContacts(siteId: string): Omit<EscalationContacts, 'assignee'> {
  return { planner: `planner@${siteId}`, supervisor: `supervisor@${siteId}` };
}

export function siteContacts(config: SiteContactsConfig = {}): ContactLookup {
  return ({ siteId }) => {
    const own = config[siteId] ?? {};
    const fallback = placeholderContacts(siteId);
    // No assignee here: warnings go to the planner (decideEscalations does that for a null assignee).
    return { assignee: null, planner: own.planner ?? fallback.planner, supervisor: own.supervisor ?? fallback.supervisor };
  };
}

/**
 * `site` with the order's assignee in front: warnings go to the assigned
 * technician (by name), escalations to their supervisor when they have one
 * (else the site's). An unassigned order, or an assignee no longer stored,
 * gets the site's contacts.
 */
export function withAssignees(database: Database, site: ContactLookup = siteContacts()): ContactLookup {
  return (order) => {
    const base = site(order);
    const technician = order.assigneeId ? findTechnician(database, order.assigneeId) : undefined;
    if (!technician) return base;
    return { ...base, assignee: technician.name, supervisor: technician.supervisor ?? base.supervisor };
  };
}
