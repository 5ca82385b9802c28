import { Hono } from 'hono';
import type { RuleService } from './rule-service';

/** GET /rules (mounted under /api): the stored templates. GET /rules/precision: RulePrecisionView[]. */
export function ruleRoutes(rules: RuleService) {
  return new Hono().get('/rules', (c) => c.json(rules.list())).get('/rules/precision', (c) => c.json(rules.precision()));
}
