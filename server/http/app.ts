/**
 * The HTTP app: every feature's routes under /api, server-sent events, and
 * the dashboard at /. Errors of every route come out in one shape
 * (`{ error: { code, message, issues? } }`), unknown /api routes included.
 * Access is checked once, in front of all of them (server/auth).
 */
import { Hono } from 'hono';
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import { anomalyRoutes } from '../anomalies';
import { authMiddleware, tokenRoutes } from '../auth';
import { backtestRoutes } from '../backtest';
import { deadLetterRoutes } from '../dead-letters';
import { deviceRoutes } from '../devices';
import { kpiRoutes } from '../kpis';
import { lineRoutes } from '../lines';
import { lineStateRoutes } from '../line-states';
import { maintenancePlanRoutes } from '../maintenance-plans';
import { ruleRoutes } from '../rules';
import type { ServiceDeps } from '../service-deps';
import { createServices, type Services } from '../services';
import { technicianRoutes } from '../technicians';
import { workOrderAssignmentRoutes, workOrderRoutes } from '../work-orders';
import { createWebhookService, webhookRoutes, type WebhookService } from '../webhooks';
import { similarWorkOrderRoutes } from '../work-orders/work-order-similarity-routes';
import { dashboardRoutes } from './dashboard-static';
import { docsRoutes, openApiRoutes } from './openapi/docs-routes';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/openapi-document';
import type { HealthReport } from '../observability/health';
import { createErrorHandler, errorBody, HttpError } from './errors';
import { eventStreamRoutes } from './event-stream-routes';

export interface AppDeps extends ServiceDeps {
  /** Health of the running system's dependencies (broker, telemetry store); absent in route tests. */
  health?: () => HealthReport;
  /** Prometheus text for GET /metrics; absent in route tests. */
  metrics?: () => string;
  telemetryStore: TelemetryStore;
  /** The services ingest also uses; built from the other deps when absent. */
  services?: Services;
  /** Folder of the built dashboard (index.html, assets/). */
  dashboardDir?: string;
  /** SSE heartbeat interval; 15 s by default. */
  sseHeartbeatMs?: number;
  /** The webhook service the dispatcher is woken by; built from the other deps when absent. */
  webhooks?: WebhookService;
}

/** GET /api/health without a running system behind the app. */
export interface HealthView {
  status: 'ok';
  now: number;
  telemetryStore: string;
}

export function createApp(deps: AppDeps): Hono {
  const services = deps.services ?? createServices(deps);
  let openApi: OpenApiDocument | undefined;
  const openApiDocument = () => (openApi ??= buildOpenApiDocument());
  const api = new Hono()
    .get('/health', (c) => {
      const report = deps.health?.() ?? ({ status: 'ok', now: deps.now(), telemetryStore: deps.telemetryStore.kind } satisfies HealthView);
      // 503 while degraded, so a load balancer or uptime check sees it; the body says why.
      return c.json(report, report.status === 'ok' ? 200 : 503);
    })
    .route('/', deviceRoutes({ devices: services.devices, rules: services.rules, telemetryStore: deps.telemetryStore, now: deps.now }))
    .route('/', lineRoutes(services.lines, { onFeedsChanged: () => services.lineStates.refresh(deps.now(), { graphChanged: true }) }))
    .route('/', lineStateRoutes({ tracker: services.lineStates, now: deps.now }))
    .route('/', ruleRoutes(services.rules))
    .route('/', anomalyRoutes(services.anomalies))
    .route('/', workOrderRoutes(services.workOrders))
    .route('/', workOrderAssignmentRoutes(services.assignments))
    .route('/', technicianRoutes(services.technicians))
    .route('/', maintenancePlanRoutes(services.maintenancePlans))
    .route('/', similarWorkOrderRoutes({ database: deps.database }))
    .route('/', deadLetterRoutes(services.deadLetters))
    .route('/', eventStreamRoutes({ bus: deps.bus, heartbeatMs: deps.sseHeartbeatMs }))
    .route('/', tokenRoutes(services.tokens))
    .route('/', webhookRoutes(deps.webhooks ?? createWebhookService({ database: deps.database, now: deps.now })))
    .route('/', openApiRoutes(openApiDocument))
    .route('/', kpiRoutes({ database: deps.database, now: deps.now }))
    .route('/', backtestRoutes({ database: deps.database, telemetryStore: deps.telemetryStore, rules: services.rules }));

  const app = new Hono();
  app.onError(createErrorHandler(deps.logger));
  // Every /api route but /api/health needs a bearer token whose role may do what the route does.
  const auth = authMiddleware({ resolve: (hash) => services.tokens.resolve(hash) });
  app.use('/api/*', auth);
  app.use('/metrics', auth);
  app.get('/metrics', (c) => {
    if (!deps.metrics) throw new HttpError(404, 'not-found', 'metrics are served by the running system only');
    return c.text(deps.metrics(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  app.notFound((c) => c.json(errorBody('not-found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.route('/api', api);
  // The API reference is public (it describes the API, it holds no data).
  app.route('/', docsRoutes(openApiDocument));
  app.route('/', dashboardRoutes(deps.dashboardDir));
  return app;
}
