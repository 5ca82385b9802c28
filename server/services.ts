/**
 * All feature services over one database and one bus. The composition root
 * (main.ts) builds them once and hands them to the HTTP app and to ingest.
 */
import { createAnomalyService } from './anomalies';
import { createTokenService } from './auth';
import { createDeadLetterStore } from './dead-letters';
import { createDeviceService } from './devices';
import { createLineStateTracker } from './line-states';
import { createLineService } from './lines';
import { createMaintenancePlanService } from './maintenance-plans';
import { createRuleService } from './rules';
import type { ServiceDeps } from './service-deps';
import { createTechnicianService } from './technicians';
import { createAssignmentService, createWorkOrderService } from './work-orders';

export type Services = ReturnType<typeof createServices>;

export interface ServiceOptions {
  /** AUTO_ASSIGN_ON_ACK: assign an order to its top candidate when it is acknowledged. */
  autoAssignOnAcknowledge?: boolean;
}

export function createServices(deps: ServiceDeps, options: ServiceOptions = {}) {
  const technicians = createTechnicianService(deps);
  const assignments = createAssignmentService({ ...deps, technicians });
  const onAcknowledged = options.autoAssignOnAcknowledge ? (id: number) => assignments.assignOnAcknowledge(id) : undefined;
  return {
    devices: createDeviceService(deps),
    lines: createLineService(deps),
    lineStates: createLineStateTracker(deps),
    rules: createRuleService(deps),
    anomalies: createAnomalyService(deps),
    workOrders: createWorkOrderService({ ...deps, onAcknowledged }),
    deadLetters: createDeadLetterStore(deps),
    tokens: createTokenService(deps),
    technicians,
    assignments,
    maintenancePlans: createMaintenancePlanService(deps),
  };
}
