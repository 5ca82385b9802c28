/** Priorities P0 (drop everything) .. P4 (plan it in): labels, queue order, the filter. Pure. */
import type { Priority, WorkOrderView } from '../../../server/http/api-types';

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3', 'P4'] as const satisfies readonly Priority[];

type Missing = Exclude<Priority, (typeof PRIORITIES)[number]>;
const noneMissing: [Missing] extends [never] ? true : never = true;
void noneMissing;

export const PRIORITY_LABEL: Record<Priority, string> = {
  P0: 'Drop everything',
  P1: 'Urgent',
  P2: 'High',
  P3: 'Normal',
  P4: 'Plan it in',
};

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}

/** 0 for P0 .. 4 for P4; anything unknown sorts after P4. */
export function priorityRank(p: Priority | null | undefined): number {
  const i = p ? PRIORITIES.indexOf(p) : -1;
  return i === -1 ? PRIORITIES.length : i;
}

/** The server's default queue order: most urgent priority first, newest first within it (higher id on a tie). */
export function compareQueueOrder(a: WorkOrderView, b: WorkOrderView): number {
  return priorityRank(a.priority) - priorityRank(b.priority) || b.createdAt - a.createdAt || b.id - a.id;
}

/** `P0,P1` → ['P0', 'P1'] in priority order, unknown and repeated entries dropped; [] means every priority. */
export function parsePriorityFilter(value: string | null | undefined): Priority[] {
  if (!value) return [];
  const wanted = new Set(value.split(',').map((s) => s.trim().toUpperCase()));
  return PRIORITIES.filter((p) => wanted.has(p));
}

/** Adds or removes one priority; choosing all five is the same as none (every priority). */
export function togglePriority(current: readonly Priority[], p: Priority): Priority[] {
  const next = current.includes(p) ? current.filter((x) => x !== p) : [...current, p];
  const sorted = PRIORITIES.filter((x) => next.includes(x));
  return sorted.length === PRIORITIES.length ? [] : sorted;
}

export function matchesPriorities(order: Pick<WorkOrderView, 'priority'>, priorities: readonly Priority[]): boolean {
  return priorities.length === 0 || priorities.includes(order.priority);
}
