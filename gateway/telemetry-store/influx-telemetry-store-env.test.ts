import { describe, expect, it } from 'vitest';
import { influxOptionsFromEnv, InfluxEnvError } from './influx-telemetry-store-env';

describe('InfluxDB store configuration from the environment', () => {
  it('reads a 2.x setup (token, org, bucket, mapped database)', () => {
    expect(
      influxOptionsFromEnv({ INFLUX_URL: 'https://influx.example:8086', INFLUX_TOKEN: 's3cret', INFLUX_ORG: 'plant', INFLUX_BUCKET: 'telemetry', INFLUX_DATABASE: 'telemetry_db' }),
    ).toEqual({ url: 'https://influx.example:8086', token: 's3cret', org: 'plant', bucket: 'telemetry', database: 'telemetry_db' });
  });

  it('reads a 1.x setup (database, retention policy, username/password) and ignores empty values', () => {
    expect(
      influxOptionsFromEnv({ INFLUX_URL: 'http://localhost:8086', INFLUX_DATABASE: 'pdm', INFLUX_RETENTION_POLICY: 'thirty_days', INFLUX_USERNAME: 'ingest', INFLUX_PASSWORD: 'pw', INFLUX_ORG: '' }),
    ).toEqual({ url: 'http://localhost:8086', database: 'pdm', retentionPolicy: 'thirty_days', username: 'ingest', password: 'pw' });
  });

  it('names every bad variable and never echoes a secret', () => {
    let error: unknown;
    try {
      influxOptionsFromEnv({ INFLUX_URL: 'localhost:8086', INFLUX_TOKEN: 'top-secret', INFLUX_USERNAME: 'u' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InfluxEnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/INFLUX_URL="localhost:8086": must be an http\(s\) URL/);
    expect(message).toMatch(/INFLUX_DATABASE=\(unset\): set INFLUX_DATABASE \(InfluxDB 1.x \/ 3.x\) or INFLUX_BUCKET \(2.x\)/);
    expect(message).toMatch(/INFLUX_USERNAME="u": set either INFLUX_TOKEN or INFLUX_USERNAME\/INFLUX_PASSWORD/);
    expect(message).toMatch(/INFLUX_PASSWORD=\(unset\): is required with INFLUX_USERNAME/);
    expect(message).not.toContain('top-secret');
  });

  it('requires INFLUX_URL', () => {
    expect(() => influxOptionsFromEnv({ INFLUX_DATABASE: 'pdm' })).toThrow(/INFLUX_URL=\(unset\): is required/);
  });
});
