import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { telemetryFilter } from './external-consumer';

describe('external broker configuration', () => {
  it('defaults to the embedded broker', () => {
    expect(loadConfig({})).toMatchObject({ MQTT_MODE: 'embedded', MQTT_CLIENT_ID: 'pdm-ingest' });
    expect(loadConfig({}).INGEST_SHARE_GROUP).toBeUndefined();
  });

  it('takes the broker URL, credentials, client id and share group in external mode', () => {
    const c = loadConfig({
      MQTT_MODE: 'external',
      MQTT_URL: 'mqtts://broker.plant:8883',
      MQTT_USERNAME: 'ingest',
      MQTT_PASSWORD: 'pw',
      MQTT_CLIENT_ID: 'pdm-ingest-2',
      INGEST_SHARE_GROUP: 'pdm-ingest',
    });
    expect(c).toMatchObject({ MQTT_MODE: 'external', MQTT_URL: 'mqtts://broker.plant:8883', MQTT_USERNAME: 'ingest', MQTT_CLIENT_ID: 'pdm-ingest-2', INGEST_SHARE_GROUP: 'pdm-ingest' });
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => loadConfig({ MQTT_MODE: 'external' })).toThrowError(/MQTT_URL[^\n]*required with MQTT_MODE=external/);
    expect(() => loadConfig({ MQTT_MODE: 'external', MQTT_URL: 'http://broker' })).toThrowError(/MQTT_URL="http:\/\/broker": must be an MQTT URL/);
    expect(() => loadConfig({ MQTT_MODE: 'external', MQTT_URL: 'mqtt://b', INGEST_SHARE_GROUP: 'a/#' })).toThrowError(/INGEST_SHARE_GROUP="a\/#"/);
    expect(() => loadConfig({ INGEST_SHARE_GROUP: 'g' })).toThrowError(/INGEST_SHARE_GROUP[^\n]*needs MQTT_MODE=external/);
    expect(() => loadConfig({ MQTT_MODE: 'cloud' })).toThrowError(ConfigError);
  });
});

describe('telemetryFilter', () => {
  it('is the plain telemetry filter without a group and the shared one with it', () => {
    expect(telemetryFilter()).toBe('pdm/v1/+/+/+/telemetry');
    expect(telemetryFilter('pdm-ingest')).toBe('$share/pdm-ingest/pdm/v1/+/+/+/telemetry');
  });
});
