/**
 * What /api/health reports: "ok", or "degraded" with the reasons, from the
 * state of the parts the system depends on. Pure: facts in, report out.
 */
import type { BrokerConnection } from '../../gateway/gateway';

export interface HealthFacts {
  now: number;
  /** The embedded broker, or the connection to the external one (MQTT_MODE=external). */
  broker: Pick<BrokerConnection, 'mode' | 'url' | 'up' | 'reason' | 'downSince'>;
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
  const b = f.broker;
  if (!b.up && b.mode === 'embedded') reasons.push('MQTT broker is stopped: agents are keeping samples in their outboxes');
  if (!b.up && b.mode === 'external') {
    const secs = b.downSince === null ? null : Math.max(0, Math.round((f.now - b.downSince) / 1000));
    // Nothing is lost meanwhile: unacknowledged messages wait in the broker's session for this consumer, or in the agents' outboxes.
    reasons.push(
      `external MQTT broker ${b.url} disconnected${secs === null ? '' : ` for ${secs} s`}: ${b.reason ?? 'unknown reason'}; ingest keeps reconnecting, messages wait in the broker or the agents' outboxes`,
    );
  }
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
      broker: b.up ? 'up' : 'down',
      telemetryStore: f.storeFailingSince === null ? 'up' : 'failing',
      database: f.databaseOk ? 'up' : 'failing',
    },
    bufferDepth: f.bufferDepth,
  };
}
