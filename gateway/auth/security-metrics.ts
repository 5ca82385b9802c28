/** The broker's security counters as Prometheus metrics. */
import type { Metric } from '../../server/observability/prometheus';
import type { SecurityStats } from './broker-security';

export function brokerSecurityMetrics(s: SecurityStats | null): Metric[] {
  if (!s) return [];
  return [
    {
      name: 'pdm_mqtt_connections_refused_total',
      help: 'New MQTT connections refused before login: rate-limited per address, locked out after failed logins, or over the client cap.',
      type: 'counter',
      samples: Object.entries(s.connectionsRefused).map(([reason, value]) => ({ labels: { reason }, value })),
    },
    {
      name: 'pdm_mqtt_auth_failures_total',
      help: 'MQTT logins refused, by reason.',
      type: 'counter',
      samples: Object.entries(s.authFailures).map(([reason, value]) => ({ labels: { reason }, value })),
    },
    { name: 'pdm_mqtt_publishes_refused_total', help: 'PUBLISH packets refused by the access list (acknowledged, not stored, not delivered).', type: 'counter', samples: [{ value: s.publishesRefused }] },
    { name: 'pdm_mqtt_packets_too_large_total', help: 'Connections closed for announcing an MQTT packet over the size cap.', type: 'counter', samples: [{ value: s.packetsTooLarge }] },
    {
      name: 'pdm_mqtt_sessions_revoked_total',
      help: 'Connected agents disconnected because the credentials they logged in with were removed or rotated in the credentials file.',
      type: 'counter',
      samples: Object.entries(s.sessionsRevoked).map(([reason, value]) => ({ labels: { reason }, value })),
    },
    { name: 'pdm_mqtt_subscriptions_refused_total', help: 'Subscriptions refused by the access list (SUBACK 0x80).', type: 'counter', samples: [{ value: s.subscriptionsRefused }] },
  ];
}
