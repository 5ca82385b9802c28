/**
 * Who hears about an order's SLA: the planner and the supervisor of its site
 * (and the assignee, once orders have one). Until the People part exists this
 * is a small per-site config with placeholder names; callers only see the
 * ContactLookup, so a lookup by role, shift or on-call rota can replace it.
 */
import { z } from 'zod';
import type { EscalationContacts } from '../sla';

const contact = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** `{ "plant-1": { "planner": "dana@plant.example", "supervisor": "lee@plant.example" } }`; a missing name keeps its placeholder. */
export const siteContactsSchema = z.record(
  z.string(),
  z.strictObject({ planner: contact.optional(), supervisor: contact.optional() }, { error: 'must be { planner?, supervisor? }' }),
);
export type SiteContactsConfig = z.output<typeof siteContactsSchema>;

export type ContactLookup = (order: { siteId: string; lineId: string; deviceId: string }) => EscalationContacts;

/** Placeholder names: `planner@{site}` and `supervisor@{site}`. */
export function placeholderContacts(siteId: string): Omit<EscalationContacts, 'assignee'> {
  return { planner: `planner@${siteId}`, supervisor: `supervisor@${siteId}` };
}

export function siteContacts(config: SiteContactsConfig = {}): ContactLookup {
  return ({ siteId }) => {
    const own = config[siteId] ?? {};
    const fallback = placeholderContacts(siteId);
    // Orders have no assignee yet: warnings go to the planner (decideEscalations does that for a null assignee).
    return { assignee: null, planner: own.planner ?? fallback.planner, supervisor: own.supervisor ?? fallback.supervisor };
  };
}
