import type { LineStateView } from './lines';
import type { AnomalyView } from './rules';
import type { WorkOrderAssignedEvent } from './technicians';
import type { DeadLetterView } from './dead-letters';
import type { WorkOrderView } from './work-orders';

/** Server-sent events on GET /api/events: event name -> data. */
export interface ServerEvents {
  'work-order': { change: 'created' | 'updated' | 'occurrence'; workOrder: WorkOrderView };
  /** An order was assigned or reassigned (published after its 'work-order' update). */
  'work-order-assigned': WorkOrderAssignedEvent;
  anomaly: AnomalyView;
  /** Latest sample per device that reported since the last tick (about once a second). */
  telemetry: { points: Array<{ deviceId: string; ts: number; temperature: number; vibration: number; current: number }> };
  'dead-letter': DeadLetterView;
  /** A line's state or reasons changed (published only on change). */
  'line-state': LineStateView;
  /** A rule was saved (edited or created): the live detector reloads its rules. */
  'rules-changed': { ruleId: string; version: number; change: 'created' | 'updated' };
}
