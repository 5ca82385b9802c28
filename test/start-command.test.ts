/**
 * The newcomer's path: `npm start`'s program, as its own process, prints the
 * dashboard URL, serves the dashboard and the API, shows telemetry arriving
 * and, once the demo scenario's bearing fault develops, a potential-fault
 * work order; Ctrl-C stops it cleanly. A bad setting stops it with a message
 * naming the variable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceView, Paged, WorkOrderView } from '../server/http/api-types';
import { waitFor } from './support/system-fixture';

const TSX = join('node_modules', '.bin', 'tsx');

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(TSX, ['server/main.ts'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pdm-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the whole system in one process, shows telemetry and a work order, and stops on SIGINT', async () => {
    // 240x: the demo scenario's bearing wear on P-104 (from +2 min) raises in about 6 real seconds.
    const run = start({ PORT: '0', MQTT_PORT: '0', DATA_DIR: dataDir, SIM_SPEED: '240' });
    try {
      const link = await waitFor('the dashboard link on stdout', () => /Dashboard:\s+(http:\/\/[^/\s]+)\/#token=(pdm_\S+)/.exec(run.output()) ?? undefined, 30_000);
      const [, url, token] = link as unknown as [string, string, string];
      expect(run.output()).toMatch(/MQTT broker:\s+mqtt:\/\/127\.0\.0\.1:\d+/);
      const api = async <T>(path: string) => (await (await fetch(url + path, { headers: { authorization: `Bearer ${token}` } })).json()) as T;

      const page = await fetch(url + '/');
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      // The API is closed without the token.
      expect((await fetch(url + '/api/devices')).status).toBe(401);

      await waitFor('every device online', async () => {
        const devices = await api<DeviceView[]>('/api/devices');
        return devices.length > 0 && devices.every((d) => d.liveness === 'online') ? devices : undefined;
      });
      const order = await waitFor(
        'a potential-fault work order for P-104',
        async () => (await api<Paged<WorkOrderView>>('/api/work-orders?deviceId=P-104')).items[0],
        45_000,
      );
      expect(order).toMatchObject({ type: 'potential-fault', failureMode: 'vibration-high' });
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  });

  it('refuses a bad setting with a message that names it', async () => {
    const run = start({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/PORT="eighty"/);
  });

  it('refuses a broken plant file naming the file and what is wrong', async () => {
    const run = start({ PORT: '0', MQTT_PORT: '0', DATA_DIR: dataDir, PLANT_FILE: 'package.json' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/plant file package\.json is invalid/);
  });
});
