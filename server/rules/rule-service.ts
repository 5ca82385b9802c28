/**
 * Rule templates as stored, and the ThresholdRules they resolve to per device
 * (what the live detector loads at start and what charts draw as limits).
 */
import { resolveRules, RuleConflictError } from '../detection/resolve-rules';
import type { RuleTemplate, ThresholdRule } from '../detection/types';
import type { RulePrecisionView, RuleView } from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import { findDeviceRow, listDeviceRows, toPlantDevice } from '../devices/device-repository';
import type { ServiceDeps } from '../service-deps';
import { countOrdersByRule, rulePrecision } from './rule-precision';
import { listRuleRows, toRuleTemplate } from './rule-repository';
import { toRuleView } from './rule-views';

export type RuleService = ReturnType<typeof createRuleService>;

export function createRuleService({ database, logger }: Pick<ServiceDeps, 'database' | 'logger'>) {
  const templates = (): RuleTemplate[] => listRuleRows(database).map(toRuleTemplate);

  return {
    list(): RuleView[] {
      return listRuleRows(database).map(toRuleView);
    },

    templates,

    /** Per rule (stored ones and any that raised orders): confirmed, no fault found, open, precision. */
    precision(): RulePrecisionView[] {
      return rulePrecision(
        listRuleRows(database).map((r) => r.id),
        countOrdersByRule(database),
      );
    },

    /** Rules in force for one device. 404 for an unknown device; 409 when two templates conflict. */
    effectiveRules(deviceId: string): ThresholdRule[] {
      const row = findDeviceRow(database, deviceId);
      if (!row) throw notFound(`device ${deviceId}`);
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
