/**
 * What /api/health reports: "ok", or "degraded" with the reasons, from the
 * state of the parts the system depends on. Pure: facts in, report out.
 */
export interface HealthFacts {
  now: number;
  brokerRunning: boolean;
  /** Since when the telemetry store has refused writes; null while healthy. */
  storeFailingSince: number | null;
  lastStoreError: string | null;
  /** Samples accepted but not yet stored. */
  bufferDepth: number;
  telemetryStore: string;
  databaseOk: boolean;
  databaseError?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  now: number;
  telemetryStore: string;
  reasons: string[];
  checks: {
    broker: 'up' | 'down';
    telemetryStore: 'up' | 'failing';
    database: 'up' | 'failing';
  };
  bufferDepth: number;
}

export function healthReport(f: HealthFacts): HealthReport {
  const reasons: string[] = [];
  if (!f.brokerRunning) reasons.push('MQTT broker is stopped: agents are keeping samples in their outboxes');
  if (f.storeFailingSince !== null) {
    const secs = Math.max(0, Math.round((f.now - f.storeFailingSince) / 1000));
    reasons.push(
      `telemetry store (${f.telemetryStore}) refusing writes for ${secs} s: ${f.lastStoreError ?? 'unknown error'}; ${f.bufferDepth} samples held, agents keep the rest unacknowledged`,
    );
  }
  if (!f.databaseOk) reasons.push(`application database failing: ${f.databaseError ?? 'unknown error'}`);
  return {
    status: reasons.length ? 'degraded' : 'ok',
    now: f.now,
    telemetryStore: f.telemetryStore,
    reasons,
    checks: {
      broker: f.brokerRunning ? 'up' : 'down',
      telemetryStore: f.storeFailingSince === null ? 'up' : 'failing',
      database: f.databaseOk ? 'up' : 'failing',
    },
    bufferDepth: f.bufferDepth,
  };
}
