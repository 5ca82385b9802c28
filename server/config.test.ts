import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 8080, MQTT_PORT: 1883, SIMULATOR: true, SIM_SPEED: 60 });
    expect(c.appDbFile).toMatch(/data\/pdm\.db$/);
    expect(c.retentionMs).toBe(30 * 86_400_000);
  });

  it('reads values and switches', () => {
    expect(loadConfig({ PORT: '9000', SIMULATOR: 'off', SIM_SPEED: '600' })).toMatchObject({ PORT: 9000, SIMULATOR: false, SIM_SPEED: 600 });
  });

  it('names every bad variable and says what to do', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'eighty', SIM_SPEED: '-1', LOG_LEVEL: 'loud' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toMatch(/PORT="eighty"/);
    expect(err!.message).toMatch(/SIM_SPEED="-1"/);
    expect(err!.message).toMatch(/LOG_LEVEL="loud"/);
    expect(err!.message).toMatch(/README/);
  });

  it('needs the InfluxDB connection when TELEMETRY_STORE=influxdb, without echoing secrets', () => {
    expect(loadConfig({}).influx).toBeNull();
    expect(() => loadConfig({ TELEMETRY_STORE: 'influxdb', INFLUX_TOKEN: 's3cret' })).toThrowError(/INFLUX_URL[\s\S]*README/);
    try {
      loadConfig({ TELEMETRY_STORE: 'influxdb', INFLUX_URL: 'http://influx:8086', INFLUX_TOKEN: 's3cret', INFLUX_USERNAME: 'u' });
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cret');
    }
    expect(loadConfig({ TELEMETRY_STORE: 'influxdb', INFLUX_URL: 'http://influx:8086', INFLUX_TOKEN: 't', INFLUX_ORG: 'o', INFLUX_BUCKET: 'pdm' }).influx).toMatchObject({
      url: 'http://influx:8086',
      org: 'o',
      bucket: 'pdm',
    });
  });
});
