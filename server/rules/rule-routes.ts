/**
 * Rules (mounted under /api):
 * GET  /rules                          -> RuleView[] (stored templates, by id)
 * GET  /rules/precision                -> RulePrecisionView[]
 * GET  /rules/effective?deviceId=      -> DeviceEffectiveRulesView[] (all devices, or the one asked for; 404 unknown)
 * GET  /rules/:id                      -> RuleView
 * GET  /rules/:id/history              -> RuleVersionView[] (newest first)
 * POST /rules                          CreateRuleOverrideRequest -> 201 RuleView (a per-device override)
 * PUT  /rules/:id                      UpdateRuleRequest -> RuleView
 * Saves need 'rules.edit'; the author is the token's principal. To switch a
 * class rule off for one device, POST an override with `enabled: false`
 * (limits are copied from the class rule). Each save publishes 'rules-changed'.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { actorOf } from '../auth/actor';
import { HttpError } from '../http/errors';
import { parseBody, parseQuery } from '../http/validation';
import { createOverrideBody, effectiveQuery, updateRuleBody } from './rule-schemas';
import type { RuleService } from './rule-service';

const limitBody = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new HttpError(413, 'payload-too-large', 'request body is larger than 16 KiB');
  },
});

export function ruleRoutes(rules: RuleService) {
  return new Hono()
    .get('/rules', (c) => c.json(rules.list()))
    .get('/rules/precision', (c) => c.json(rules.precision()))
    .get('/rules/effective', (c) => c.json(rules.effective(parseQuery(c, effectiveQuery).deviceId)))
    .get('/rules/:id', (c) => c.json(rules.get(c.req.param('id'))))
    .get('/rules/:id/history', (c) => c.json(rules.history(c.req.param('id'))))
    .post('/rules', limitBody, async (c) => {
      const body = await parseBody(c, createOverrideBody);
      return c.json(rules.createOverride(body, actorOf(c)), 201);
    })
    .put('/rules/:id', limitBody, async (c) => {
      const body = await parseBody(c, updateRuleBody);
      return c.json(rules.update(c.req.param('id'), body, actorOf(c)));
    });
}
