/**
 * Who a change is recorded as. A person's own token names them; a planner or
 * admin may record work on behalf of someone else (e.g. a technician without
 * a device) by naming them in the body's `actor`.
 */
import type { Context } from 'hono';

export function actorOf(c: Context, bodyActor?: string): string {
  const p = c.get('principal');
  if (bodyActor && (p.role === 'planner' || p.role === 'admin')) return bodyActor;
  return p.name;
}
