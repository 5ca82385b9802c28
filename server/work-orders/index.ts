export type { AnomalyIntakeResult, RuleLookup, WorkOrderChange } from './anomaly-intake';
export { workOrderRoutes } from './work-order-routes';
export { ANONYMOUS, createWorkOrderService, type TransitionInput, type WorkOrderService, type WorkOrderServiceDeps } from './work-order-service';
export { allowedTransitions, checkTransition, isTerminal, OPEN_STATUSES, TERMINAL_STATUSES } from './work-order-state';
export { RECURRENCE_WINDOW_MS } from './recurrence';
export type { WorkOrderDetailView } from './work-order-views';
export { createLineImpact, linesDownstream, type LineImpact, type LineImpactLookup } from './line-impact';
export { createSlaMonitor, DEFAULT_SLA_TICK_MS, type SlaMonitor, type SlaMonitorDeps, type SlaTickResult } from './sla-monitor';
export { placeholderContacts, siteContacts, siteContactsSchema, type ContactLookup, type SiteContactsConfig } from './sla-contacts';
