/**
 * The default rule templates at plant sync: each one not stored yet is added
 * as version 1 with its history row (author 'defaults'); stored rules are
 * never overwritten, an engineer's edits win. Rules stored before rule
 * history existed get a history row for the version in force.
 */
import type { Database } from '../db/database';
import { defaultRuleTemplates } from '../detection/default-rules';
import { insertMissingRules, recordMissingHistory } from './rule-repository';

export const DEFAULTS_AUTHOR = 'defaults';
export const DEFAULTS_REASON = 'default for equipment class';
/** Who stored the defaults before rule history existed. */
const LEGACY_DEFAULTS_AUTHOR = 'default-rules';

/** Returns how many default templates were added. Run inside the plant-sync transaction. */
export function seedDefaultRules(database: Database, at: number): number {
  const added = insertMissingRules(database, defaultRuleTemplates(), { at, by: DEFAULTS_AUTHOR, reason: DEFAULTS_REASON });
  recordMissingHistory(database, (row) =>
    row.version === 1 && (row.updatedBy === DEFAULTS_AUTHOR || row.updatedBy === LEGACY_DEFAULTS_AUTHOR) ? DEFAULTS_REASON : 'in force when rule history began',
  );
  return added;
}
