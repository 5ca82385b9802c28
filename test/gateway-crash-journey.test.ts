/**
 * Journey: the server process (broker + ingest + store) is killed with
 * SIGKILL while edge agents in their own process stream at 120x, then
 * started again on the same ports and data. Because the broker acknowledges
 * a message only after its samples are stored, the agents still hold every
 * unstored sample and replay it: afterwards every sample taken is stored
 * exactly once and in order per device.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { TelemetryView } from '../server/http/api-types';
import { freePort, runTs, type RunningProcess } from './support/processes';
import { DEMO_PLANT, sleep, waitFor } from './support/system-fixture';

describe('journey: gateway killed mid-batch loses and doubles nothing', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pdm-crash-'));
  const running: RunningProcess[] = [];
  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every sample exactly once after a SIGKILL and restart', { timeout: 120_000 }, async () => {
    const [httpPort, mqttPort] = [await freePort(), await freePort()];
    const serverEnv = { PORT: String(httpPort), MQTT_PORT: String(mqttPort), DATA_DIR: dataDir, SIMULATOR: 'off', LOG_LEVEL: 'warn', PLANT_FILE: DEMO_PLANT };
    const startServer = async () => {
      const p = runTs('server/main.ts', [], serverEnv);
      running.push(p);
      try {
        await waitFor('the server to start', () => (p.output().includes('Dashboard:') ? true : undefined), 30_000);
      } catch (err) {
        throw new Error(`${(err as Error).message}; its output:\n${p.output()}`);
      }
      return p;
    };

    const server = await startServer();
    const edgeDir = join(dataDir, 'edge');
    const edge = runTs('edge/cli.ts', ['--plant', DEMO_PLANT, '--broker', `mqtt://127.0.0.1:${mqttPort}`, '--speed', '120', '--outbox-dir', edgeDir, '--no-scenario', '--max-batch-delay-ms', '200'], {
      LOG_LEVEL: 'warn',
    });
    running.push(edge);
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const stored = async (deviceId: string) =>
      (
        (await (
          await fetch(`http://127.0.0.1:${httpPort}/api/devices/${deviceId}/telemetry?from=0&to=${Number.MAX_SAFE_INTEGER}&limit=100000`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as TelemetryView
      ).points;
    await waitFor('samples to be stored', async () => ((await stored('P-104')).length > 200 ? true : undefined), 20_000);

    server.child.kill('SIGKILL'); // no chance to flush its batch or say goodbye
    expect(await server.exited).toBe(-1);
    await sleep(2000); // agents keep sampling into their outboxes
    await startServer();
    await sleep(3000);

    edge.child.kill('SIGINT'); // agents flush, publish offline and exit
    expect(await edge.exited).toBe(0);

    const outboxes = readdirSync(edgeDir).filter((f) => f.endsWith('.outbox.db'));
    expect(outboxes.length).toBe(5);
    let devices = 0;
    for (const file of outboxes) {
      const db = new Database(join(edgeDir, file), { readonly: true });
      const pending = (db.prepare('SELECT count(*) AS n FROM outbox_sample').get() as { n: number }).n;
      const series = db.prepare('SELECT device_id, next_seq FROM outbox_device').all() as Array<{ device_id: string; next_seq: number }>;
      db.close();
      expect(pending, `${file} still holds samples`).toBe(0);
      for (const { device_id, next_seq } of series) {
        const points = await stored(device_id);
        // Exactly once: every seq the agent ever assigned, none twice, none missing.
        expect(points.map((p) => p.seq), device_id).toEqual(Array.from({ length: next_seq }, (_, i) => i));
        for (let i = 1; i < points.length; i++) expect(points[i]!.ts).toBeGreaterThan(points[i - 1]!.ts);
        devices++;
      }
    }
    expect(devices).toBe(13);
  });
});
