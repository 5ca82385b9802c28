export { insertMissingRules } from './rule-repository';
export { ruleRoutes } from './rule-routes';
export { createRuleService, type RuleService } from './rule-service';
export { DEFAULTS_AUTHOR, seedDefaultRules } from './rule-seeding';
