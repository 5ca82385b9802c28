/** Stored rule templates. */
import { asc } from 'drizzle-orm';
import type { Database } from '../db/database';
import { rules } from '../db/schema';
import type { RuleTemplate } from '../detection/types';

export type RuleRow = typeof rules.$inferSelect;

export function listRuleRows(database: Database): RuleRow[] {
  return database.db.select().from(rules).orderBy(asc(rules.id)).all();
}

export function toRuleTemplate(row: RuleRow): RuleTemplate {
  return {
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

function scopeOf(row: RuleRow): RuleTemplate['scope'] {
  if (row.scopeKind === 'device' && row.deviceId) return { kind: 'device', deviceId: row.deviceId };
  if (row.scopeKind === 'class' && row.equipmentClass) return { kind: 'class', equipmentClass: row.equipmentClass };
  throw new Error(`rule ${row.id} has scope ${row.scopeKind} without its ${row.scopeKind === 'device' ? 'device id' : 'equipment class'}`);
}

function toRuleRow(t: RuleTemplate, at: number, by: string): RuleRow {
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

/** Inserts the templates whose id is not stored yet; stored ones are left as they are. Returns how many were added. */
export function insertMissingRules(database: Database, templates: readonly RuleTemplate[], who: { at: number; by: string }): number {
  let added = 0;
  for (const t of templates) {
    added += database.db.insert(rules).values(toRuleRow(t, who.at, who.by)).onConflictDoNothing({ target: rules.id }).run().changes;
  }
  return added;
}
