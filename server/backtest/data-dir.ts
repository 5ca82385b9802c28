/**
 * What `npm run backtest` reads, found as the server finds it (server/config.ts):
 * the application database (devices, rule templates, confirmed work orders)
 * and the telemetry store of DATA_DIR, or InfluxDB when TELEMETRY_STORE=influxdb,
 * opened with the same constructors as server/system.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { formatIssues } from '../../contract/telemetry';
import { createInfluxTelemetryStore } from '../../gateway/telemetry-store/influx-telemetry-store';
import { createSqliteTelemetryStore } from '../../gateway/telemetry-store/sqlite-telemetry-store';
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import type { Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { ruleTemplateSchema } from '../detection/rule-template-schema';
import type { RuleTemplate } from '../detection/types';
import { listRuleRows, toRuleTemplate } from '../rules/rule-repository';

export class DataDirError extends Error {}

export interface DataDir {
  database: Database;
  store: TelemetryStore;
  templates: () => RuleTemplate[];
  close(): Promise<void>;
}

export async function openDataDir(config: Config, warn: (message: string) => void): Promise<DataDir> {
  if (!existsSync(config.appDbFile)) {
    throw new DataDirError(`no application database at ${config.appDbFile}; run the server once (npm start) or point DATA_DIR at its data folder`);
  }
  let store: TelemetryStore;
  if (config.influx) {
    const influx = createInfluxTelemetryStore({ ...config.influx, retentionMs: config.retentionMs, onWarning: warn });
    try {
      await influx.verify();
    } catch (err) {
      await influx.close();
      throw new DataDirError(`cannot use InfluxDB at ${config.influx.url}: ${(err as Error).message}. Check INFLUX_URL and the credentials, or unset TELEMETRY_STORE.`);
    }
    store = influx;
  } else {
    if (!existsSync(config.telemetryDbFile)) throw new DataDirError(`no telemetry store at ${config.telemetryDbFile}; point DATA_DIR at the server's data folder`);
    store = createSqliteTelemetryStore({ file: config.telemetryDbFile, retentionMs: config.retentionMs });
  }
  const database = openDatabase(config.appDbFile);
  return {
    database,
    store,
    templates: () => listRuleRows(database).map(toRuleTemplate),
    async close() {
      await store.close();
      database.close();
    },
  };
}

const candidateFileSchema = z.union([z.array(ruleTemplateSchema), z.strictObject({ changes: z.array(ruleTemplateSchema) }).transform((o) => o.changes)]);

/**
 * A candidate file: a JSON array of rule templates (or `{ "changes": [...] }`,
 * the API's field), each replacing the stored template with its id or added.
 * Throws naming the field: `candidate.0.warn: ...`.
 */
export function readCandidateFile(path: string): RuleTemplate[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new DataDirError(`cannot read candidate rules from ${path}: ${(err as Error).message}`);
  }
  const list = Array.isArray(raw) ? z.array(ruleTemplateSchema).safeParse(raw) : candidateFileSchema.safeParse(raw);
  if (!list.success) {
    const issues = formatIssues(list.error).map((i) => `  candidate.${i.path}: ${i.message}`);
    throw new DataDirError(`candidate rules in ${path} are invalid:\n${issues.join('\n')}`);
  }
  return list.data;
}
