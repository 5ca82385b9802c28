export { lineDowntime } from './line-downtime';
export { DEFAULT_LINE_POLICY, deriveLineStates, type DerivedLineState, type LineFacts, type LinePolicy } from './line-state-derivation';
export { lineStateRoutes } from './line-state-routes';
export { createLineStateTracker, ROSTER_MAX_AGE_MS, type LineStateTracker, type LineStateTrackerDeps } from './line-state-tracker';
export { startLineStateUpdates, type LineStateUpdates, type LineStateUpdatesOptions } from './line-state-updates';
