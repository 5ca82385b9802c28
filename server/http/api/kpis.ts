import type { Priority } from '../../priority/priority-scoring';
import type { RulePrecisionView } from './work-orders';

/** A mean duration over `count` orders; null when there were none. */
export interface KpiMeanView {
  ms: number | null;
  count: number;
}

/** SLA targets met vs missed (met late counts as missed); ratio null when none stopped. */
export interface KpiSlaTargetView {
  met: number;
  missed: number;
  ratio: number | null;
}

/** GET /api/kpis: maintenance KPIs over [from, to) for the devices in scope (definitions in server/kpis/kpi-compute.ts). */
export interface KpiView {
  from: number;
  to: number;
  filter: { siteId: string | null; lineId: string | null; deviceId: string | null };
  mtta: KpiMeanView;
  mttr: KpiMeanView;
  /** (observed ms × devices) / failures; null without failures. */
  mtbf: { ms: number | null; failures: number; devices: number; observedMs: number };
  slaAttainment: { response: KpiSlaTargetView; resolution: KpiSlaTargetView };
  backlog: { open: number; byPriority: Record<Priority, number>; trend: Array<{ at: number; open: number }> };
  rulePrecision: RulePrecisionView[];
}
