/**
 * The InfluxDB telemetry store configured from environment variables,
 * validated with zod; a bad or missing value fails with a message naming the
 * variable (secrets are never echoed).
 *
 *   INFLUX_URL               http(s) base URL, e.g. http://influxdb:8086 (required)
 *   INFLUX_TOKEN             API token (2.x / 3.x)
 *   INFLUX_USERNAME/PASSWORD 1.x credentials (instead of a token)
 *   INFLUX_ORG               2.x organization (needed by 2.x writes; ignored by 1.x and 3.x)
 *   INFLUX_BUCKET            2.x bucket (written to; also the InfluxQL database unless INFLUX_DATABASE is set)
 *   INFLUX_DATABASE          1.x / 3.x database, or the DBRP-mapped database of the bucket on 2.x
 *   INFLUX_RETENTION_POLICY  1.x retention policy (or the DBRP-mapped one on 2.x)
 */
import { z } from 'zod';
import { createInfluxTelemetryStore, type InfluxTelemetryStore, type InfluxTelemetryStoreOptions } from './influx-telemetry-store';

const SECRET = new Set(['INFLUX_TOKEN', 'INFLUX_PASSWORD']);

const name = z.string().trim().min(1);
export const influxEnvSchema = z
  .object({
    INFLUX_URL: z.url({
      protocol: /^https?$/,
      error: (issue) => (issue.input === undefined ? 'is required for the InfluxDB telemetry store' : 'must be an http(s) URL such as http://localhost:8086'),
    }),
    INFLUX_TOKEN: name.optional(),
    INFLUX_USERNAME: name.optional(),
    INFLUX_PASSWORD: z.string().optional(),
    INFLUX_ORG: name.optional(),
    INFLUX_BUCKET: name.optional(),
    INFLUX_DATABASE: name.optional(),
    INFLUX_RETENTION_POLICY: name.optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.INFLUX_BUCKET && !env.INFLUX_DATABASE) {
      ctx.addIssue({ code: 'custom', path: ['INFLUX_DATABASE'], message: 'set INFLUX_DATABASE (InfluxDB 1.x / 3.x) or INFLUX_BUCKET (2.x)' });
    }
    if (env.INFLUX_TOKEN && env.INFLUX_USERNAME) {
      ctx.addIssue({ code: 'custom', path: ['INFLUX_USERNAME'], message: 'set either INFLUX_TOKEN or INFLUX_USERNAME/INFLUX_PASSWORD, not both' });
    }
    if (env.INFLUX_USERNAME && env.INFLUX_PASSWORD === undefined) {
      ctx.addIssue({ code: 'custom', path: ['INFLUX_PASSWORD'], message: 'is required with INFLUX_USERNAME' });
    }
  });

export class InfluxEnvError extends Error {
  override name = 'InfluxEnvError';
}

/** Options from the environment; throws InfluxEnvError listing every bad variable. */
export function influxOptionsFromEnv(env: Record<string, string | undefined>): InfluxTelemetryStoreOptions {
  const relevant = Object.fromEntries(Object.keys(influxEnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = influxEnvSchema.safeParse(relevant);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const key = String(i.path[0]);
      const shown = env[key] === undefined ? '(unset)' : SECRET.has(key) ? '(hidden)' : JSON.stringify(env[key]);
      return `  ${key}=${shown}: ${i.message}`;
    });
    throw new InfluxEnvError(`invalid InfluxDB configuration:\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    url: e.INFLUX_URL,
    ...(e.INFLUX_TOKEN ? { token: e.INFLUX_TOKEN } : {}),
    ...(e.INFLUX_USERNAME ? { username: e.INFLUX_USERNAME, password: e.INFLUX_PASSWORD ?? '' } : {}),
    ...(e.INFLUX_ORG ? { org: e.INFLUX_ORG } : {}),
    ...(e.INFLUX_BUCKET ? { bucket: e.INFLUX_BUCKET } : {}),
    ...(e.INFLUX_DATABASE ? { database: e.INFLUX_DATABASE } : {}),
    ...(e.INFLUX_RETENTION_POLICY ? { retentionPolicy: e.INFLUX_RETENTION_POLICY } : {}),
  };
}

/** The store from the environment; `extra` adds what is not configured there (retention, warnings, tuning). */
export function createInfluxTelemetryStoreFromEnv(
  env: Record<string, string | undefined>,
  extra: Omit<InfluxTelemetryStoreOptions, 'url' | 'token' | 'username' | 'password' | 'org' | 'bucket' | 'database' | 'retentionPolicy'> = {},
): InfluxTelemetryStore {
  return createInfluxTelemetryStore({ ...influxOptionsFromEnv(env), ...extra });
}
