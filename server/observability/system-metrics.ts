/**
 * The running system's figures for /metrics: ingest, detection, broker,
 * simulated edge agents, work orders.
 */
import type { EdgeAgent } from '../../edge/edge-agent';
import type { BrokerConnection, Gateway } from '../../gateway/gateway';
import type { Database } from '../db/database';
import type { LiveTelemetry } from '../live-telemetry';
import type { Metric } from './prometheus';

export interface MetricSources {
  gateway: Gateway;
  live: LiveTelemetry;
  agents: readonly EdgeAgent[];
  database: Database;
  now: () => number;
}

/**
 * The embedded broker is ours to count (running, connected agents); of an
 * external broker we only know our own connection to it, so the names say
 * that instead of suggesting a broker runs here.
 */
function brokerMetrics(b: BrokerConnection, gauge: (n: string, h: string, v: number) => Metric, counter: (n: string, h: string, v: number) => Metric): Metric[] {
  if (b.mode === 'embedded') {
    return [
      gauge('pdm_mqtt_broker_up', '1 while the embedded MQTT broker runs.', b.up ? 1 : 0),
      gauge('pdm_mqtt_connected_clients', 'Clients connected to the embedded broker.', b.connectedClients ?? 0),
    ];
  }
  return [
    gauge('pdm_mqtt_external_broker_connected', "1 while this process's ingest consumer is connected to the external MQTT broker (MQTT_URL).", b.up ? 1 : 0),
    gauge('pdm_mqtt_external_broker_disconnected_seconds', 'Seconds the ingest consumer has been disconnected from the external broker; 0 while connected.', b.downSince === null ? 0 : Math.max(0, (Date.now() - b.downSince) / 1000)),
    counter('pdm_mqtt_external_broker_reconnects_total', 'Times the ingest consumer got its connection to the external broker back.', b.reconnects ?? 0),
  ];
}

export function collectMetrics({ gateway, live, agents, database, now }: MetricSources): Metric[] {
  const g = gateway.stats();
  const counter = (name: string, help: string, value: number): Metric => ({ name, help, type: 'counter', samples: [{ value }] });
  const gauge = (name: string, help: string, value: number): Metric => ({ name, help, type: 'gauge', samples: [{ value }] });
  const openOrders = database.sqlite
    .prepare<[], { priority: string; n: number }>(
      "SELECT priority, count(*) AS n FROM work_orders WHERE status IN ('open','acknowledged','assigned','in-progress','on-hold') GROUP BY priority",
    )
    .all();
  const agentSum = (key: 'pending' | 'dropped') => agents.reduce((n, a) => n + a.stats[key], 0);
  return [
    counter('pdm_ingest_messages_total', 'MQTT telemetry messages received by ingest.', g.messages),
    counter('pdm_ingest_samples_accepted_total', 'Samples accepted (new by device and seq).', g.samplesAccepted),
    counter('pdm_ingest_samples_duplicate_total', 'Replayed samples dropped by (device, seq).', g.samplesDuplicate),
    counter('pdm_ingest_samples_stored_total', 'Samples written to the telemetry store.', g.samplesStored),
    counter('pdm_ingest_samples_dropped_total', 'Samples ingest accepted and then lost (always 0: unstored samples stay unacknowledged).', 0),
    {
      name: 'pdm_ingest_dead_letters_total',
      help: 'Messages refused by ingest and kept as dead letters, by reason.',
      type: 'counter',
      samples: Object.entries(g.deadLettersByReason).map(([reason, value]) => ({ labels: { reason }, value: value ?? 0 })),
    },
    gauge('pdm_ingest_buffer_depth', 'Samples accepted but not yet stored.', g.bufferDepth),
    counter('pdm_ingest_store_write_errors_total', 'Failed telemetry-store writes (retried).', g.writeErrors),
    gauge('pdm_ingest_last_write_age_seconds', 'Seconds since the last successful store write.', g.lastWriteAt ? (now() - g.lastWriteAt) / 1000 : 0),
    gauge('pdm_ingest_store_failing', '1 while the telemetry store refuses writes.', g.storeFailingSince === null ? 0 : 1),
    ...brokerMetrics(gateway.broker(), gauge, counter),
    counter('pdm_detection_points_total', 'Points run through the live detector.', live.stats.points),
    counter('pdm_detection_events_total', 'Anomaly events the live detector emitted.', live.stats.events),
    gauge('pdm_detection_active_anomalies', 'Anomalies active in the live detector.', live.activeAnomalies().length),
    gauge('pdm_edge_outbox_pending', 'Samples waiting in the outboxes of the in-process (simulated) edge agents.', agentSum('pending')),
    counter('pdm_edge_dropped_total', 'Samples the in-process edge agents dropped from a full outbox.', agentSum('dropped')),
    {
      name: 'pdm_work_orders_open',
      help: 'Work orders still being worked, by priority.',
      type: 'gauge',
      samples: openOrders.map((r) => ({ labels: { priority: r.priority }, value: r.n })),
    },
  ];
}
