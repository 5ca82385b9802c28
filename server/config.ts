/**
 * Configuration from environment variables, validated at start. A bad value
 * stops the process with a message naming the variable.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { InfluxEnvError, influxOptionsFromEnv } from '../gateway/telemetry-store/influx-telemetry-store-env';
import type { InfluxTelemetryStoreOptions } from '../gateway/telemetry-store/influx-telemetry-store';

const port = z.coerce.number().int().min(0).max(65535);
const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

export const configSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(8080),
  MQTT_HOST: z.string().default('127.0.0.1'),
  MQTT_PORT: port.default(1883),
  DATA_DIR: z.string().default('data'),
  PLANT_FILE: z.string().default('simulators/plants/demo-plant.json'),
  TELEMETRY_STORE: z.enum(['sqlite', 'influxdb']).default('sqlite'),
  TELEMETRY_RETENTION_DAYS: z.coerce.number().positive().default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIMULATOR: onOff.default(true),
  SIM_SPEED: z.coerce.number().positive().max(10_000).default(60),
  SIM_SAMPLE_SECONDS: z.coerce.number().positive().default(1),
  SIM_SCENARIO: z.string().default('simulators/scenarios/demo.json'),
  SIM_RANDOM_FAULTS_PER_DEVICE_DAY: z.coerce.number().min(0).default(0),
  SIM_SEED: z.coerce.number().int().default(42),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  appDbFile: string;
  telemetryDbFile: string;
  outboxDir: string;
  groundTruthFile: string;
  /** The bootstrap admin token, kept so each start can print a signed-in dashboard link. */
  adminTokenFile: string;
  retentionMs: number;
  /** Connection of the InfluxDB store, when TELEMETRY_STORE=influxdb (INFLUX_* variables). */
  influx: InfluxTelemetryStoreOptions | null;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = configSchema.safeParse(relevant);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])])}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}\nFix these environment variables (see README "Configuration").`);
  }
  const c = result.data;
  let influx: InfluxTelemetryStoreOptions | null = null;
  if (c.TELEMETRY_STORE === 'influxdb') {
    try {
      influx = influxOptionsFromEnv(env);
    } catch (err) {
      if (err instanceof InfluxEnvError) throw new ConfigError(`${err.message}\nFix these environment variables (see README "Configuration").`);
      throw err;
    }
  }
  const dataDir = resolve(c.DATA_DIR);
  return {
    ...c,
    DATA_DIR: dataDir,
    appDbFile: resolve(dataDir, 'pdm.db'),
    telemetryDbFile: resolve(dataDir, 'telemetry.db'),
    outboxDir: resolve(dataDir, 'outbox'),
    groundTruthFile: resolve(dataDir, 'ground-truth.jsonl'),
    adminTokenFile: resolve(dataDir, 'admin-token'),
    retentionMs: c.TELEMETRY_RETENTION_DAYS * 86_400_000,
    influx,
  };
}
