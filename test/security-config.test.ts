/** When the embedded broker requires agent logins, and how the choice is explained at start. */
import { describe, expect, it } from 'vitest';
import { loadConfig, mqttAuthMode } from '../server/config';

describe('MQTT_AUTH and its default', () => {
  it('follows MQTT_AUTH when set', () => {
    expect(mqttAuthMode('off', '0.0.0.0', true, true)).toEqual({ required: false, because: 'MQTT_AUTH=off' });
    expect(mqttAuthMode('required', '127.0.0.1', false, false)).toEqual({ required: true, because: 'MQTT_AUTH=required' });
  });

  it('requires logins once other machines can reach the broker or credentials exist; stays open only on loopback without them', () => {
    expect(mqttAuthMode(undefined, '0.0.0.0', false, false)).toEqual({ required: true, because: 'MQTT_HOST=0.0.0.0 is reachable from other machines' });
    expect(mqttAuthMode(undefined, '192.168.1.20', false, false).required).toBe(true);
    expect(mqttAuthMode(undefined, '127.0.0.1', false, true)).toEqual({ required: true, because: 'a TLS listener is configured' });
    expect(mqttAuthMode(undefined, '::1', true, false)).toEqual({ required: true, because: 'the agent credentials file exists' });
    expect(mqttAuthMode(undefined, 'localhost', false, false).required).toBe(false);
  });

  it('validates the security variables with the variable named', () => {
    expect(() => loadConfig({ MQTT_AUTH: 'maybe' })).toThrow(/MQTT_AUTH="maybe"/);
    expect(() => loadConfig({ MQTT_CONNECT_BURST: '0' })).toThrow(/MQTT_CONNECT_BURST="0"/);
    expect(loadConfig({ DATA_DIR: '/tmp/pdm-x' }).agentCredentialsFile).toBe('/tmp/pdm-x/agent-credentials.json');
    expect(loadConfig({ AGENT_CREDENTIALS_FILE: '/etc/pdm/agents.json' }).agentCredentialsFile).toBe('/etc/pdm/agents.json');
  });
});
