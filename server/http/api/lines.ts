import type { Metric } from '../../../contract/metrics';
import type { FailureMode, Severity } from '../../detection/types';
import type { WorkOrderStatus, WorkOrderType } from './work-orders';

/**
 * The disturbance map (server/line-states): each production line's state,
 * derived from its devices and from the lines around it. Precedence when
 * several apply: down > no-data > starved > blocked > degraded > running.
 */
export const LINE_STATES = ['running', 'degraded', 'down', 'starved', 'blocked', 'no-data'] as const;
export type LineState = (typeof LINE_STATES)[number];
/** What a reason does to its line ('running' is the absence of reasons). */
export type LineEffect = Exclude<LineState, 'running'>;

/** What sits at the end of a reason's chain. */
export const LINE_ROOT_CAUSES = ['work-order', 'device-stopped', 'anomaly', 'device-silent', 'no-devices'] as const;
export type LineRootCause = (typeof LINE_ROOT_CAUSES)[number];

/** One step of a reason's chain: lines first (this line, then its neighbours), then a device, then the root cause. */
export type LineChainLink =
  /** `state` is the part the line plays in this chain (its own tile may show a higher-ranking state). */
  | { kind: 'line'; id: string; name: string; state: LineEffect }
  | { kind: 'device'; id: string; name: string }
  | {
      kind: 'work-order';
      id: number;
      number: string;
      type: WorkOrderType;
      status: WorkOrderStatus;
      title: string;
      severity: Severity | null;
      stopsLine: boolean;
      /** Who works on it; null until orders carry an assignee. */
      assignee: string | null;
      /** The order's due time (epoch ms), or null. */
      expectedFinish: number | null;
    }
  | { kind: 'anomaly'; id: number; metric: Metric; severity: Severity; failureMode: FailureMode; startedAt: number }
  | { kind: 'device-stopped' }
  | { kind: 'device-silent'; liveness: 'offline' | 'never-seen'; lastSeenAt: number | null };

/** Why a line is in its state: the effect, the kind of root cause, and the path from this line to it. */
export interface LineReason {
  effect: LineEffect;
  cause: LineRootCause;
  /** Starts at this line; for starved/blocked it runs through the neighbouring lines to the root cause. */
  chain: LineChainLink[];
}

/** GET /api/lines/states (line order) and the SSE event 'line-state'. */
export interface LineStateView {
  id: string;
  name: string;
  siteId: string;
  state: LineState;
  /** Since when (epoch ms) the line is in this state, as far as this server has seen. */
  since: number;
  /** Most important first; reasons[0].effect === state unless running (no reasons). */
  reasons: LineReason[];
  /** reasons[0].chain, or [] while running: the chain the tile explains. */
  chain: LineChainLink[];
}

/** PUT /api/lines/:id/feeds -> LineView. Replaces the lines this line feeds (downstream). */
export interface SetLineFeedsRequest {
  feeds: string[];
}

/** One recorded change: a new state, or the same state with a different primary root cause. */
export interface LineStateChangeView {
  id: number;
  lineId: string;
  at: number;
  /** null for the first record of the line. */
  from: LineState | null;
  to: LineState;
  /** Root cause of the primary reason; null while running. */
  cause: LineRootCause | null;
  /** Which one: work-order number, anomaly id, device id or line id (no-devices); null while running. */
  causeRef: string | null;
  reasons: LineReason[];
}

/** Lost time attributed to one root cause (the primary reason while the line was down, starved or blocked). */
export interface LineLostTimeView {
  cause: LineRootCause;
  /** Which one (see LineStateChangeView.causeRef); null when only the kind is summed. */
  ref: string | null;
  downMs: number;
  starvedMs: number;
  blockedMs: number;
  totalMs: number;
}

export interface LineDowntimeView {
  lineId: string;
  name: string;
  siteId: string;
  /** Time in each state inside the window; time before the first record counts nowhere. */
  stateMs: Record<LineState, number>;
  /** down + starved + blocked. */
  lostMs: number;
  /** Lost time per root-cause kind, biggest first. */
  byCauseKind: LineLostTimeView[];
  /** Lost time per root cause (which work order, device, ...), biggest first. */
  byCause: LineLostTimeView[];
}

/** GET /api/lines/downtime?from&to (window clipped to now), lines in line order. */
export interface LineDowntimeReportView {
  from: number;
  to: number;
  lines: LineDowntimeView[];
}

/** GET /api/lines/:id/history?from&to: the changes inside the window, oldest first. */
export interface LineHistoryView {
  lineId: string;
  from: number;
  to: number;
  /** The state in force at `from`; null when nothing was recorded before. */
  stateAtFrom: LineState | null;
  changes: LineStateChangeView[];
  downtime: LineDowntimeView;
}
