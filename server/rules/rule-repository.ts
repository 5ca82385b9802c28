/**
 * Stored rule templates and their append-only version history.
 *
 * The `rules` row holds the fields every kind shares; a rule's kind, params
 * and flapping settings live in the history row of the version in force (the
 * whole template as saved), which every read joins in. History rows written
 * before kinds existed have none: such a rule is a 'threshold' rule.
 */
import { and, asc, desc, eq, notExists } from 'drizzle-orm';
import type { Database } from '../db/database';
import { rules, ruleVersions } from '../db/schema';
import type { RuleTemplate } from '../detection/types';

type RuleTableRow = typeof rules.$inferSelect;
/** What a template adds to the shared columns: its kind and the kind's settings. */
export type KindFields = Pick<RuleTemplate, 'kind' | 'params' | 'flapping'>;
export type RuleRow = RuleTableRow & { kindFields: KindFields };
export type RuleVersionRow = typeof ruleVersions.$inferSelect;

/** The kind fields of a saved template (kind 'threshold' when it has none). */
export function kindFieldsOf(saved: Partial<RuleTemplate> | null | undefined): KindFields {
  const fields: KindFields = { kind: saved?.kind ?? 'threshold' };
  if (saved?.params) fields.params = saved.params;
  if (saved?.flapping) fields.flapping = saved.flapping;
  return fields;
}

function selectRules(database: Database) {
  return database.db
    .select({ rule: rules, saved: ruleVersions.template })
    .from(rules)
    .leftJoin(ruleVersions, and(eq(ruleVersions.ruleId, rules.id), eq(ruleVersions.version, rules.version)));
}

const withKind = ({ rule, saved }: { rule: RuleTableRow; saved: RuleTemplate | null }): RuleRow => ({ ...rule, kindFields: kindFieldsOf(saved) });

/** Who saved a version, when and why. */
export interface RuleSave {
  at: number;
  by: string;
  reason: string;
}

export function listRuleRows(database: Database): RuleRow[] {
  return selectRules(database).orderBy(asc(rules.id)).all().map(withKind);
}

export function findRuleRow(database: Database, id: string): RuleRow | undefined {
  const found = selectRules(database).where(eq(rules.id, id)).get();
  return found && withKind(found);
}

export function toRuleTemplate(row: RuleRow): RuleTemplate {
  return {
    ...row.kindFields,
    id: row.id,
    version: row.version,
    scope: scopeOf(row),
    metric: row.metric,
    direction: row.direction,
    basis: row.basis,
    warn: row.warn,
    alarm: row.alarm,
    clear: row.clear,
    minDurationMs: row.minDurationMs,
    clearDurationMs: row.clearDurationMs,
    failureMode: row.failureMode,
    enabled: row.enabled,
  };
}

function scopeOf(row: RuleTableRow): RuleTemplate['scope'] {
  if (row.scopeKind === 'device' && row.deviceId) return { kind: 'device', deviceId: row.deviceId };
  if (row.scopeKind === 'class' && row.equipmentClass) return { kind: 'class', equipmentClass: row.equipmentClass };
  throw new Error(`rule ${row.id} has scope ${row.scopeKind} without its ${row.scopeKind === 'device' ? 'device id' : 'equipment class'}`);
}

function toRuleRow(t: RuleTemplate, at: number, by: string): RuleTableRow {
  return {
    id: t.id,
    version: t.version,
    scopeKind: t.scope.kind,
    equipmentClass: t.scope.kind === 'class' ? t.scope.equipmentClass : null,
    deviceId: t.scope.kind === 'device' ? t.scope.deviceId : null,
    metric: t.metric,
    direction: t.direction,
    basis: t.basis,
    warn: t.warn,
    alarm: t.alarm,
    clear: t.clear,
    minDurationMs: t.minDurationMs,
    clearDurationMs: t.clearDurationMs,
    failureMode: t.failureMode,
    enabled: t.enabled,
    updatedAt: at,
    updatedBy: by,
  };
}

function insertVersion(database: Database, t: RuleTemplate, save: RuleSave): void {
  database.db.insert(ruleVersions).values({ ruleId: t.id, version: t.version, template: t, author: save.by, reason: save.reason, at: save.at }).run();
}

/**
 * Inserts the templates whose id is not stored yet, each with its history row;
 * stored ones are left as they are. Returns how many were added. Run it in a
 * transaction (plant sync does).
 */
export function insertMissingRules(database: Database, templates: readonly RuleTemplate[], save: { at: number; by: string; reason?: string }): number {
  let added = 0;
  for (const t of templates) {
    const inserted = database.db.insert(rules).values(toRuleRow(t, save.at, save.by)).onConflictDoNothing({ target: rules.id }).run().changes;
    if (inserted) insertVersion(database, t, { ...save, reason: save.reason ?? 'added' });
    added += inserted;
  }
  return added;
}

/**
 * Gives every stored rule without history (saved before rule history existed)
 * a history row for the version in force. Returns how many were recorded.
 */
export function recordMissingHistory(database: Database, reasonFor: (row: RuleRow) => string): number {
  const rows = database.db
    .select({ rule: rules, saved: ruleVersions.template })
    .from(rules)
    .leftJoin(ruleVersions, and(eq(ruleVersions.ruleId, rules.id), eq(ruleVersions.version, rules.version)))
    .where(notExists(database.db.select({ one: ruleVersions.version }).from(ruleVersions).where(eq(ruleVersions.ruleId, rules.id))))
    .all()
    .map(withKind);
  for (const row of rows) insertVersion(database, toRuleTemplate(row), { at: row.updatedAt, by: row.updatedBy, reason: reasonFor(row) });
  return rows.length;
}

/** Saves a new version of a stored rule and its history row; false when the stored version is no longer `previousVersion`. */
export function saveRuleVersion(database: Database, t: RuleTemplate, previousVersion: number, save: RuleSave): boolean {
  const { id, ...row } = toRuleRow(t, save.at, save.by);
  const updated = database.db
    .update(rules)
    .set(row)
    .where(and(eq(rules.id, id), eq(rules.version, previousVersion)))
    .run().changes;
  if (updated === 0) return false;
  insertVersion(database, t, save);
  return true;
}

/** Stores a new rule (its version 1) and its history row. */
export function insertRule(database: Database, t: RuleTemplate, save: RuleSave): void {
  database.db.insert(rules).values(toRuleRow(t, save.at, save.by)).run();
  insertVersion(database, t, save);
}

/** The history of one rule, newest first. */
export function listRuleVersions(database: Database, ruleId: string): RuleVersionRow[] {
  return database.db.select().from(ruleVersions).where(eq(ruleVersions.ruleId, ruleId)).orderBy(desc(ruleVersions.version)).all();
}
