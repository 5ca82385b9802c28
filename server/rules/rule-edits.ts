/**
 * Saving rules: an edit of a stored rule (PUT) and a new per-device override
 * (POST). Each save is one transaction: check, validate the whole rule with
 * ruleTemplateSchema (400 naming the field), make sure the rules still resolve
 * on every device the rule covers (409 'rule-conflict'), then write the rule
 * and its history row. Any failure leaves rule and history as they were.
 */
import type { z } from 'zod';
import { formatIssues } from '../../contract/telemetry';
import type { Database } from '../db/database';
import { inTransaction } from '../db/transaction';
import { findDeviceRow, listDeviceRows, toPlantDevice } from '../devices/device-repository';
import { ruleTemplateSchema } from '../detection/rule-template-schema';
import type { RuleKind, RuleTemplate } from '../detection/types';
import { HttpError, notFound } from '../http/errors';
import { assertResolvable, devicesInScope } from './rule-effective';
import { ruleChanges } from './rule-history';
import { findRuleRow, insertRule, listRuleRows, saveRuleVersion, toRuleTemplate, type RuleRow } from './rule-repository';
import type { CreateOverrideBody, UpdateRuleBody } from './rule-schemas';
import { toRuleTemplateView } from './rule-views';

/** Who saves and when; the reason comes with the body. */
export interface Saver {
  at: number;
  by: string;
}

export interface SaveResult {
  row: RuleRow;
  /** false when an edit changed nothing (nothing was saved). */
  saved: boolean;
}

function invalid(issues: Array<{ path: string; message: string }>): HttpError {
  return new HttpError(400, 'invalid-body', `request body is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/** The whole rule, checked as the one rule schema checks it. */
function validRule(candidate: Record<string, unknown>): RuleTemplate {
  const result = ruleTemplateSchema.safeParse(candidate);
  if (!result.success) throw invalid(formatIssues(result.error as z.ZodError));
  return result.data;
}

/** The entries whose value is not undefined. */
function given<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const sameScope = (a: RuleTemplate['scope'], b: RuleTemplate['scope']) =>
  a.kind === 'class' ? b.kind === 'class' && a.equipmentClass === b.equipmentClass : b.kind === 'device' && a.deviceId === b.deviceId;

const allDevices = (database: Database) => listDeviceRows(database).map(toPlantDevice);

export function updateRule(database: Database, id: string, body: UpdateRuleBody, saver: Saver): SaveResult {
  return inTransaction(database, () => {
    const row = findRuleRow(database, id);
    if (!row) throw notFound(`rule ${id}`);
    const stored = toRuleTemplate(row);
    const { reason, expectedVersion, ...fields } = body;
    if (expectedVersion !== undefined && expectedVersion !== stored.version) {
      throw new HttpError(
        409,
        'version-conflict',
        `rule ${id} is at version ${stored.version}, not ${expectedVersion}: ${row.updatedBy} saved it at ${new Date(row.updatedAt).toISOString()}; reload it and apply your change again`,
      );
    }
    if (fields.scope && !sameScope(fields.scope, stored.scope)) {
      throw invalid([{ path: 'scope', message: "cannot change; to change a rule for one device create a device override (POST /api/rules)" }]);
    }
    const merged: Record<string, unknown> = { ...stored, ...given(fields), id, version: stored.version + 1 };
    // A new kind does not inherit the old kind's params.
    if (fields.kind !== undefined && fields.kind !== stored.kind && fields.params === undefined) delete merged.params;
    const next = validRule(merged);
    if (ruleChanges(toRuleTemplateView(stored), toRuleTemplateView(next)).length === 0) return { row, saved: false };

    const templates = listRuleRows(database).map((r) => (r.id === id ? next : toRuleTemplate(r)));
    assertResolvable(templates, devicesInScope(next, allDevices(database)), id);
    if (!saveRuleVersion(database, next, stored.version, { ...saver, reason })) {
      throw new HttpError(409, 'version-conflict', `rule ${id} changed while saving; reload it and apply your change again`);
    }
    return { row: findRuleRow(database, id)!, saved: true };
  });
}

/** The fields an override copies from the class rule it replaces when the body leaves them out. */
const COPIED = ['basis', 'warn', 'alarm', 'clear', 'minDurationMs', 'clearDurationMs', 'failureMode'] as const;

/** The fields an override of the same kind also copies: the kind's settings. */
const COPIED_WITH_KIND = ['params', 'flapping'] as const;

/** `device.<deviceId>.<metric>`, with `.below` for a 'below' rule and `.<kind>` for kinds other than threshold. */
export const overrideId = (deviceId: string, metric: string, direction: 'above' | 'below', kind: RuleKind = 'threshold'): string =>
  `device.${deviceId}.${metric}${direction === 'below' ? '.below' : ''}${kind === 'threshold' ? '' : `.${kind}`}`;

export function createOverride(database: Database, body: CreateOverrideBody, saver: Saver): SaveResult {
  return inTransaction(database, () => {
    const { reason, id: givenId, scope, metric, direction = 'above', kind = 'threshold', ...fields } = body;
    const deviceRow = findDeviceRow(database, scope.deviceId);
    if (!deviceRow) throw invalid([{ path: 'scope.deviceId', message: `is not a known device (${scope.deviceId})` }]);
    const device = toPlantDevice(deviceRow);
    const id = givenId ?? overrideId(device.id, metric, direction, kind);
    if (findRuleRow(database, id)) {
      throw new HttpError(409, 'rule-exists', `rule ${id} exists already: edit it with PUT /api/rules/${id}, or give the new rule another id`);
    }
    const templates = listRuleRows(database).map(toRuleTemplate);
    const classRule = templates.find(
      (t) => t.scope.kind === 'class' && t.scope.equipmentClass === device.class && t.kind === kind && t.metric === metric && t.direction === direction,
    );
    const copied: Partial<RuleTemplate> = classRule
      ? Object.fromEntries([...COPIED, ...COPIED_WITH_KIND].filter((k) => classRule[k] !== undefined).map((k) => [k, classRule[k]]))
      : {};
    const candidate = { ...copied, ...given(fields), id, version: 1, scope, metric, direction, kind };
    const missing = COPIED.filter((k) => candidate[k] === undefined);
    if (missing.length) {
      const why = `is required: no ${device.class} class ${kind} rule for ${metric} ${direction} to copy it from`;
      throw invalid(missing.map((path) => ({ path, message: why })));
    }
    const rule = validRule(candidate);
    assertResolvable([...templates, rule], [device], id);
    insertRule(database, rule, { ...saver, reason });
    return { row: findRuleRow(database, id)!, saved: true };
  });
}
