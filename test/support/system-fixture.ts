/**
 * Starts the whole system in this process on random loopback ports with a
 * fresh data folder: real aedes broker, real MQTT.js agents, real SQLite files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadPlantFile } from '../../contract/plant';
import type { Scenario } from '../../simulators/simulator';
import { loadConfig } from '../../server/config';
import { startSystem, type RunningSystem, type SystemOptions } from '../../server/system';

export const DEMO_PLANT = 'simulators/plants/demo-plant.json';

export interface TestSystem extends RunningSystem {
  dataDir: string;
  /** GET an /api path as the bootstrap admin and parse the JSON body; throws on a non-2xx status. */
  get<T = unknown>(path: string): Promise<T>;
  cleanup(): Promise<void>;
}

export async function startTestSystem(
  env: Record<string, string> = {},
  /** `now`: the server's clock (SLA, timelines, KPIs); default Date.now. Telemetry timing keeps the real clock. */
  extra: { scenario?: Scenario | string | null; agentSettings?: SystemOptions['agentSettings']; now?: () => number } = {},
): Promise<TestSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pdm-journey-'));
  const config = loadConfig({ PORT: '0', MQTT_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PLANT_FILE: DEMO_PLANT, ...env });
  const system = await startSystem({
    config,
    plant: loadPlantFile(config.PLANT_FILE),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...extra,
  });
  return Object.assign(system, {
    dataDir,
    async get<T>(path: string): Promise<T> {
      const res = await fetch(system.httpUrl + path, { headers: { authorization: `Bearer ${system.adminToken}` } });
      if (!res.ok) throw new Error(`GET ${path} -> ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    async cleanup() {
      await system.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
