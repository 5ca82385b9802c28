import { describe, expect, it } from 'vitest';
import { healthReport } from './health';
import { renderPrometheus } from './prometheus';

const healthy = { now: 100_000, brokerRunning: true, storeFailingSince: null, lastStoreError: null, bufferDepth: 0, telemetryStore: 'sqlite', databaseOk: true };

describe('health', () => {
  it('is ok when every dependency is up', () => {
    expect(healthReport(healthy)).toMatchObject({ status: 'ok', reasons: [], checks: { broker: 'up', telemetryStore: 'up', database: 'up' } });
  });

  it('is degraded with the reason while the store refuses writes or the broker is stopped', () => {
    const r = healthReport({ ...healthy, brokerRunning: false, storeFailingSince: 40_000, lastStoreError: 'connect ECONNREFUSED 127.0.0.1:8086', bufferDepth: 5000, telemetryStore: 'influxdb' });
    expect(r.status).toBe('degraded');
    expect(r.checks).toMatchObject({ broker: 'down', telemetryStore: 'failing' });
    expect(r.reasons.join('\n')).toMatch(/MQTT broker is stopped/);
    expect(r.reasons.join('\n')).toMatch(/influxdb\) refusing writes for 60 s: connect ECONNREFUSED.*5000 samples held/);
  });
});

describe('prometheus text', () => {
  it('renders help, type, labels (escaped) and values', () => {
    const text = renderPrometheus([
      { name: 'pdm_dead_letters_total', help: 'Messages refused by ingest.', type: 'counter', samples: [{ labels: { reason: 'schema' }, value: 3 }, { labels: { reason: 'a"b' }, value: 1 }] },
      { name: 'pdm_ingest_buffer_depth', help: 'Samples waiting.', type: 'gauge', samples: [{ value: 0 }] },
    ]);
    expect(text).toBe(
      [
        '# HELP pdm_dead_letters_total Messages refused by ingest.',
        '# TYPE pdm_dead_letters_total counter',
        'pdm_dead_letters_total{reason="schema"} 3',
        'pdm_dead_letters_total{reason="a\\"b"} 1',
        '# HELP pdm_ingest_buffer_depth Samples waiting.',
        '# TYPE pdm_ingest_buffer_depth gauge',
        'pdm_ingest_buffer_depth 0',
        '',
      ].join('\n'),
    );
  });
});
