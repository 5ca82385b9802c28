/**
 * Health and metrics in external-broker mode against a real Mosquitto: they
 * speak of this server's connection to that broker (not of an embedded one),
 * turn degraded naming the broker and the reason while it is down, and ok
 * again once the consumer has reconnected.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startMosquitto, type RunningMosquitto } from './support/mosquitto';
import { startTestSystem, waitFor, type TestSystem } from './support/system-fixture';

describe('external broker: health and metrics follow the connection to Mosquitto', () => {
  let broker: RunningMosquitto | undefined;
  let sys: TestSystem | undefined;
  afterAll(async () => {
    await sys?.cleanup();
    await broker?.stop();
  });

  const health = async () => {
    const res = await fetch(sys!.httpUrl + '/api/health');
    return { status: res.status, body: (await res.json()) as { status: string; reasons: string[]; checks: { broker: string } } };
  };
  const metrics = async () => (await fetch(sys!.httpUrl + '/metrics', { headers: { authorization: `Bearer ${sys!.adminToken}` } })).text();

  it('is degraded naming the broker while Mosquitto is stopped, and ok after it is back', { timeout: 60_000 }, async () => {
    broker = await startMosquitto({ maxQueuedMessages: 0, maxQueuedBytes: 64 * 1024 * 1024, persistence: true });
    sys = await startTestSystem({ MQTT_MODE: 'external', MQTT_URL: broker.url, MQTT_CLIENT_ID: 'pdm-health-test', SIMULATOR: 'off' }, { scenario: null });

    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', reasons: [], checks: { broker: 'up' } } });
    const up = await metrics();
    expect(up).toContain('pdm_mqtt_external_broker_connected 1');
    expect(up).toContain('pdm_mqtt_external_broker_reconnects_total 0');
    // No embedded broker runs in this mode, so its figures are not reported.
    expect(up).not.toMatch(/^pdm_mqtt_broker_up|^pdm_mqtt_connected_clients/m);

    await broker.stopServer();
    const down = await waitFor('health to turn degraded', async () => {
      const h = await health();
      return h.status === 503 ? h.body : undefined;
    });
    expect(down.checks.broker).toBe('down');
    expect(down.reasons).toHaveLength(1);
    // The URL names the broker; the reason is Mosquitto's DISCONNECT on shutdown or, once it is gone, the refused reconnect.
    const url = broker.url.replace(/[.]/g, '\\.');
    expect(down.reasons[0]).toMatch(new RegExp(`^external MQTT broker ${url} disconnected for \\d+ s: (broker sent DISCONNECT 0x8b \\(server shutting down\\)|connect ECONNREFUSED|connection closed by the broker or the network)`));
    await waitFor('the refused reconnect to be the reason', async () => {
      const h = await health();
      return /connect ECONNREFUSED 127\.0\.0\.1:\d+/.test(h.body.reasons[0] ?? '') ? true : undefined;
    });
    expect(await metrics()).toContain('pdm_mqtt_external_broker_connected 0');

    await broker.startServer();
    await waitFor('health to be ok again', async () => ((await health()).status === 200 ? true : undefined), 15_000);
    expect((await health()).body).toMatchObject({ status: 'ok', reasons: [], checks: { broker: 'up' } });
    const back = await metrics();
    expect(back).toContain('pdm_mqtt_external_broker_connected 1');
    expect(back).toContain('pdm_mqtt_external_broker_reconnects_total 1');
    expect(back).toContain('pdm_mqtt_external_broker_disconnected_seconds 0');
  });
});
