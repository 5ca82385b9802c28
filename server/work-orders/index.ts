export type { AnomalyIntakeResult, RuleLookup, WorkOrderChange } from './anomaly-intake';
export { workOrderRoutes } from './work-order-routes';
export { ANONYMOUS, createWorkOrderService, type TransitionInput, type WorkOrderService } from './work-order-service';
export { allowedTransitions, checkTransition, isTerminal, OPEN_STATUSES, TERMINAL_STATUSES } from './work-order-state';
export { RECURRENCE_WINDOW_MS } from './recurrence';
export type { WorkOrderDetailView } from './work-order-views';
