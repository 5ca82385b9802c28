/**
 * Configuration from environment variables, validated at start. A bad value
 * stops the process with a message naming the variable.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { InfluxEnvError, influxOptionsFromEnv } from '../gateway/telemetry-store/influx-telemetry-store-env';
import type { InfluxTelemetryStoreOptions } from '../gateway/telemetry-store/influx-telemetry-store';
import { readTlsPair, TlsFilesError, type TlsPair } from '../gateway/auth/tls-files';

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
  /** on: an order is assigned to its top-ranked technician when it is acknowledged (server/technicians/assignment-ranking.ts). */
  AUTO_ASSIGN_ON_ACK: onOff.default(false),
  /** Agent logins on the embedded broker; unset: required unless the broker is loopback-only and no credentials file exists. */
  MQTT_AUTH: z.enum(['required', 'off']).optional(),
  /** Per-agent scrypt hashes (gateway/auth/cli.ts); default DATA_DIR/agent-credentials.json. */
  AGENT_CREDENTIALS_FILE: z.string().optional(),
  MQTT_CONNECT_BURST: z.coerce.number().int().positive().default(50),
  MQTT_CONNECT_PER_SECOND: z.coerce.number().positive().default(10),
  MQTT_MAX_CLIENTS: z.coerce.number().int().positive().default(1000),
  MQTT_TLS_PORT: port.default(8883),
  MQTT_TLS_CERT: z.string().optional(),
  MQTT_TLS_KEY: z.string().optional(),
  HTTP_TLS_CERT: z.string().optional(),
  HTTP_TLS_KEY: z.string().optional(),
  /** embedded: the gateway runs its own broker (aedes) on MQTT_PORT; external: it consumes from the broker at MQTT_URL. */
  MQTT_MODE: z.enum(['embedded', 'external']).default('embedded'),
  MQTT_URL: z.url({ protocol: /^(mqtts?|wss?|tcp|ssl)$/, error: 'must be an MQTT URL such as mqtt://broker:1883' }).optional(),
  MQTT_USERNAME: z.string().min(1).optional(),
  MQTT_PASSWORD: z.string().optional(),
  /** The consumer's client id: stable, so its persistent session (queued and unacknowledged messages) survives restarts. */
  MQTT_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "." or "-"').default('pdm-ingest'),
  /** Share group of the ingest workers (MQTT 5 shared subscription); unset: one consumer gets every message. */
  INGEST_SHARE_GROUP: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "." or "-" (no "/", "+" or "#")').optional(),
}).superRefine((c, ctx) => {
  if (c.MQTT_MODE === 'external' && !c.MQTT_URL) ctx.addIssue({ code: 'custom', path: ['MQTT_URL'], message: 'is required with MQTT_MODE=external' });
  if (c.MQTT_MODE === 'embedded' && c.INGEST_SHARE_GROUP) ctx.addIssue({ code: 'custom', path: ['INGEST_SHARE_GROUP'], message: 'needs MQTT_MODE=external (the embedded broker has one consumer)' });
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
  agentCredentialsFile: string;
  /** Whether the embedded broker requires agent logins, and why (logged at start). */
  mqttAuth: { required: boolean; because: string };
  /** MQTT over TLS on MQTT_TLS_PORT (MQTT_TLS_CERT/KEY), and HTTPS instead of HTTP (HTTP_TLS_CERT/KEY). */
  mqttTls: (TlsPair & { port: number }) | null;
  httpTls: TlsPair | null;
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
  let mqttTls: TlsPair | null;
  let httpTls: TlsPair | null;
  try {
    mqttTls = readTlsPair(env, 'MQTT_TLS_CERT', 'MQTT_TLS_KEY');
    httpTls = readTlsPair(env, 'HTTP_TLS_CERT', 'HTTP_TLS_KEY');
  } catch (err) {
    if (err instanceof TlsFilesError) throw new ConfigError(`${err.message}\nFix these environment variables (see README "Security").`);
    throw err;
  }
  const agentCredentialsFile = resolve(c.AGENT_CREDENTIALS_FILE ?? resolve(dataDir, 'agent-credentials.json'));
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
    agentCredentialsFile,
    mqttAuth: mqttAuthMode(c.MQTT_AUTH, c.MQTT_HOST, existsSync(agentCredentialsFile), Boolean(mqttTls)),
    mqttTls: mqttTls && { ...mqttTls, port: c.MQTT_TLS_PORT },
    httpTls,
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * MQTT_AUTH when set; otherwise required as soon as anything but this machine
 * can reach the broker (a non-loopback MQTT_HOST, or a TLS listener), or an
 * operator has created agent credentials. Only a loopback-only broker with no
 * credentials file stays open, so a fresh `npm start` needs no setup.
 */
export function mqttAuthMode(setting: 'required' | 'off' | undefined, host: string, credentialsFileExists: boolean, tls: boolean): Config['mqttAuth'] {
  if (setting) return { required: setting === 'required', because: `MQTT_AUTH=${setting}` };
  if (!LOOPBACK.test(host)) return { required: true, because: `MQTT_HOST=${host} is reachable from other machines` };
  if (tls) return { required: true, because: 'a TLS listener is configured' };
  if (credentialsFileExists) return { required: true, because: 'the agent credentials file exists' };
  return { required: false, because: 'the broker listens on loopback only and no agent credentials file exists' };
}
