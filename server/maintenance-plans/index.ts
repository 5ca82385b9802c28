export { maintenancePlanRoutes } from './plan-routes';
export { createMaintenancePlanService, type MaintenancePlanService } from './plan-service';
export { createMaintenancePlanMonitor, DEFAULT_PLAN_TICK_MS, PLAN_ACTOR, type PlanMonitor, type PlanMonitorDeps, type PlanTickResult } from './plan-monitor';
export { decide, nextDue, scheduleNote, type NextDue, type PlanDecision, type PlanFacts } from './plan-schedule';
