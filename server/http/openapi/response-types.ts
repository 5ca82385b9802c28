/**
 * Every response body of the HTTP API by name: the root that
 * generate-schemas.ts turns into JSON Schemas (api-types.schema.json), one
 * definition per named type. A new response type goes in here, then
 * `npx tsx server/http/openapi/generate-schemas.ts`.
 * Generic shapes get a named interface, so their schema has a plain name.
 */
import type { TokenView, CreatedToken } from '../../auth/token-service';
import type { Role } from '../../auth/roles';
import type { DeadLetterPage } from '../../dead-letters/dead-letter-store';
import type { HealthReport } from '../../observability/health';
import type { WorkOrderDetailView } from '../../work-orders/work-order-views';
import type {
  AnomalyView,
  ApiError,
  AssignmentCandidatesView,
  BacktestResultView,
  CreatedWebhookView,
  DeviceEffectiveRulesView,
  DeviceView,
  KpiView,
  LineDowntimeReportView,
  LineHistoryView,
  LineStateView,
  LineView,
  MaintenancePlanView,
  Paged,
  RulePrecisionView,
  RuleVersionView,
  RuleView,
  ServerEvents,
  SimilarWorkOrdersView,
  TechnicianView,
  TelemetryView,
  TimelineEntryView,
  WebhookDeliveryView,
  WebhookView,
  WorkOrderNotificationView,
  WorkOrderView,
} from '../api-types';

export interface WorkOrderPage extends Paged<WorkOrderView> {}
export interface AnomalyPage extends Paged<AnomalyView> {}
export interface WorkOrderNotificationPage extends Paged<WorkOrderNotificationView> {}
export interface TechnicianPage extends Paged<TechnicianView> {}
export interface MaintenancePlanPage extends Paged<MaintenancePlanView> {}
export interface WebhookPage extends Paged<WebhookView> {}
export interface WebhookDeliveryPage extends Paged<WebhookDeliveryView> {}

/** GET /api/tokens */
export interface TokenList {
  items: TokenView[];
}

/** GET /api/me: who the token belongs to and what the role may do. */
export interface MeView {
  name: string;
  role: Role;
  can: string;
}

export interface ApiResponseTypes {
  ApiError: ApiError;
  HealthReport: HealthReport;
  DeviceView: DeviceView;
  TelemetryView: TelemetryView;
  LineView: LineView;
  LineStateView: LineStateView;
  LineDowntimeReportView: LineDowntimeReportView;
  LineHistoryView: LineHistoryView;
  RuleView: RuleView;
  RulePrecisionView: RulePrecisionView;
  DeviceEffectiveRulesView: DeviceEffectiveRulesView;
  RuleVersionView: RuleVersionView;
  AnomalyPage: AnomalyPage;
  AnomalyView: AnomalyView;
  WorkOrderPage: WorkOrderPage;
  WorkOrderDetailView: WorkOrderDetailView;
  TimelineEntryView: TimelineEntryView;
  WorkOrderNotificationPage: WorkOrderNotificationPage;
  SimilarWorkOrdersView: SimilarWorkOrdersView;
  AssignmentCandidatesView: AssignmentCandidatesView;
  TechnicianPage: TechnicianPage;
  TechnicianView: TechnicianView;
  MaintenancePlanPage: MaintenancePlanPage;
  MaintenancePlanView: MaintenancePlanView;
  DeadLetterPage: DeadLetterPage;
  ServerEvents: ServerEvents;
  MeView: MeView;
  TokenList: TokenList;
  TokenView: TokenView;
  CreatedToken: CreatedToken;
  KpiView: KpiView;
  BacktestResultView: BacktestResultView;
  WebhookPage: WebhookPage;
  WebhookView: WebhookView;
  CreatedWebhookView: CreatedWebhookView;
  WebhookDeliveryPage: WebhookDeliveryPage;
  WebhookDeliveryView: WebhookDeliveryView;
}
