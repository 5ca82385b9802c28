/**
 * Test support: outcomes a technician would report, and the clicks that take
 * an order from open to closed through the work-order service.
 */
import type { OutcomeInput, WorkOrderStatus } from '../http/api-types';
import type { WorkOrderService } from '../work-orders';

export const DAY = 24 * 60 * 60_000;

export type ConfirmedOutcome = Extract<OutcomeInput, { kind: 'confirmed' }>;

export function confirmedOutcome(overrides: Partial<ConfirmedOutcome> = {}): ConfirmedOutcome {
  return {
    kind: 'confirmed',
    failureMode: 'vibration-high',
    cause: 'Worn drive-end bearing',
    action: 'Replaced the drive-end bearing and realigned the coupling',
    parts: [{ partNumber: '6205-2RS', description: 'Deep groove ball bearing', quantity: 1 }],
    labourMinutes: 90,
    ...overrides,
  };
}

export const noFaultFound = (note = 'Vibration came from the neighbouring compressor during its start-up'): OutcomeInput => ({
  kind: 'no-fault-found',
  note,
});

/** open -> acknowledged -> in-progress -> resolved (with the outcome) -> `last` ('closed' unless told). */
export function finishOrder(
  workOrders: WorkOrderService,
  id: number,
  outcome: OutcomeInput,
  last: Extract<WorkOrderStatus, 'resolved' | 'closed'> = 'closed',
): void {
  workOrders.transition(id, { to: 'acknowledged' });
  workOrders.transition(id, { to: 'in-progress' });
  workOrders.transition(id, { to: 'resolved', outcome, actor: 'maria' });
  if (last === 'closed') workOrders.transition(id, { to: 'closed', actor: 'planner' });
}
