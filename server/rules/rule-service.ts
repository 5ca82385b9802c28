/**
 * Rule templates as stored, the ThresholdRules they resolve to per device
 * (what the live detector loads and what charts draw as limits), and saving
 * them: edits and per-device overrides, versioned with author and reason.
 * Each save publishes 'rules-changed' so the live detector can reload.
 */
import { resolveRules, RuleConflictError } from '../detection/resolve-rules';
import type { RuleTemplate, ThresholdRule } from '../detection/types';
import type { DeviceEffectiveRulesView, RulePrecisionView, RuleVersionView, RuleView } from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import { findDeviceRow, listDeviceRows, toPlantDevice } from '../devices/device-repository';
import type { ServiceDeps } from '../service-deps';
import { countOrdersByRule, rulePrecision } from './rule-precision';
import { deviceEffectiveRules } from './rule-effective';
import { createOverride, updateRule, type SaveResult } from './rule-edits';
import { findRuleRow, listRuleRows, listRuleVersions, toRuleTemplate } from './rule-repository';
import type { CreateOverrideBody, UpdateRuleBody } from './rule-schemas';
import { toRuleVersionViews, toRuleView } from './rule-views';

export type RuleService = ReturnType<typeof createRuleService>;

export function createRuleService({ database, logger, bus, now }: ServiceDeps) {
  const templates = (): RuleTemplate[] => listRuleRows(database).map(toRuleTemplate);
  const deviceRow = (deviceId: string) => {
    const row = findDeviceRow(database, deviceId);
    if (!row) throw notFound(`device ${deviceId}`);
    return row;
  };

  const published = ({ row, saved }: SaveResult, change: 'created' | 'updated'): RuleView => {
    if (saved) bus.publish('rules-changed', { ruleId: row.id, version: row.version, change });
    return toRuleView(row);
  };

  return {
    list(): RuleView[] {
      return listRuleRows(database).map(toRuleView);
    },

    get(id: string): RuleView {
      const row = findRuleRow(database, id);
      if (!row) throw notFound(`rule ${id}`);
      return toRuleView(row);
    },

    templates,

    /** Edits a stored rule as `author` (PUT /api/rules/:id). */
    update(id: string, body: UpdateRuleBody, author: string): RuleView {
      return published(updateRule(database, id, body, { at: now(), by: author }), 'updated');
    },

    /** Adds a per-device override as `author` (POST /api/rules). */
    createOverride(body: CreateOverrideBody, author: string): RuleView {
      return published(createOverride(database, body, { at: now(), by: author }), 'created');
    },

    /** Every saved version of a rule, newest first, with what changed. */
    history(id: string): RuleVersionView[] {
      if (!findRuleRow(database, id)) throw notFound(`rule ${id}`);
      return toRuleVersionViews(listRuleVersions(database, id));
    },

    /** Per device (one, or all in plant order): rules in force, switched-off slots, conflicts. */
    effective(deviceId?: string): DeviceEffectiveRulesView[] {
      const rows = deviceId === undefined ? listDeviceRows(database) : [deviceRow(deviceId)];
      const all = templates();
      return rows.map((row) => deviceEffectiveRules(all, toPlantDevice(row)));
    },

    /** Per rule (stored ones and any that raised orders): confirmed, no fault found, open, precision. */
    precision(): RulePrecisionView[] {
      return rulePrecision(
        listRuleRows(database).map((r) => r.id),
        countOrdersByRule(database),
      );
    },

    /** Rules in force for one device. 404 for an unknown device; 409 when two templates conflict. */
    effectiveRules(deviceId: string): ThresholdRule[] {
      const row = deviceRow(deviceId);
      try {
        return resolveRules(templates(), toPlantDevice(row));
      } catch (err) {
        if (err instanceof RuleConflictError) throw new HttpError(409, 'rule-conflict', err.message);
        throw err;
      }
    },

    /** Rules in force for every device. A device whose templates conflict gets none, and the conflict is logged. */
    allEffectiveRules(): ThresholdRule[] {
      const all = templates();
      return listDeviceRows(database).flatMap((row) => {
        try {
          return resolveRules(all, toPlantDevice(row));
        } catch (err) {
          logger.error({ err, deviceId: row.id }, 'rule templates conflict; no detection for this device until fixed');
          return [];
        }
      });
    },
  };
}
