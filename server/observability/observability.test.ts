import { describe, expect, it } from 'vitest';
import { healthReport } from './health';
import { renderPrometheus } from './prometheus';

const embedded = { mode: 'embedded' as const, url: 'mqtt://127.0.0.1:1883', up: true, reason: null, downSince: null };
const healthy = { now: 100_000, broker: embedded, storeFailingSince: null, lastStoreError: null, bufferDepth: 0, telemetryStore: 'sqlite', databaseOk: true };

describe('health', () => {
  it('is ok when every dependency is up', () => {
    expect(healthReport(healthy)).toMatchObject({ status: 'ok', reasons: [], checks: { broker: 'up', telemetryStore: 'up', database: 'up' } });
  });

  it('is degraded with the reason while the store refuses writes or the broker is stopped', () => {
    const r = healthReport({ ...healthy, broker: { ...embedded, up: false, reason: 'stopped', downSince: 90_000 }, storeFailingSince: 40_000, lastStoreError: 'connect ECONNREFUSED 127.0.0.1:8086', bufferDepth: 5000, telemetryStore: 'influxdb' });
    expect(r.status).toBe('degraded');
    expect(r.checks).toMatchObject({ broker: 'down', telemetryStore: 'failing' });
    expect(r.reasons.join('\n')).toMatch(/MQTT broker is stopped/);
    expect(r.reasons.join('\n')).toMatch(/influxdb\) refusing writes for 60 s: connect ECONNREFUSED.*5000 samples held/);
  });

  it('names the external broker and why the connection to it is down', () => {
    const external = { mode: 'external' as const, url: 'mqtt://broker.plant:1883', up: true, reason: null, downSince: null };
    expect(healthReport({ ...healthy, broker: external })).toMatchObject({ status: 'ok', checks: { broker: 'up' } });
    const r = healthReport({ ...healthy, broker: { ...external, up: false, reason: 'connect ECONNREFUSED 10.0.0.5:1883', downSince: 88_000 } });
    expect(r).toMatchObject({ status: 'degraded', checks: { broker: 'down' } });
    expect(r.reasons).toEqual([expect.stringMatching(/^external MQTT broker mqtt:\/\/broker\.plant:1883 disconnected for 12 s: connect ECONNREFUSED 10\.0\.0\.5:1883;/)]);
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
