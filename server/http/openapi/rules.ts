/** Alert rules: templates, device overrides, history, precision. */
import { createOverrideBody, effectiveQuery, updateRuleBody } from '../../rules/rule-schemas';
import type { ApiFeature } from './api-operation';

export const rulesFeature: ApiFeature = {
  tag: 'rules',
  description: 'Alert rules as data: per equipment class or per device, every saved version kept with author and reason.',
  operations: [
    { method: 'GET', path: '/api/rules', summary: 'List rule templates', response: { status: 200, schema: 'RuleView', array: true, description: 'Stored templates, by id' } },
    { method: 'GET', path: '/api/rules/precision', summary: 'Precision of each rule', description: 'Confirmed faults / (confirmed + no fault found) of the orders each rule raised.', response: { status: 200, schema: 'RulePrecisionView', array: true, description: 'One entry per rule id' } },
    {
      method: 'GET',
      path: '/api/rules/effective',
      summary: 'Rules in force per device',
      description: 'Limits resolved to absolute numbers; every device in plant order, or the one asked for (404 when unknown).',
      query: effectiveQuery,
      response: { status: 200, schema: 'DeviceEffectiveRulesView', array: true, description: 'Per device' },
    },
    { method: 'GET', path: '/api/rules/:id', summary: 'Get a rule template', params: { id: 'Rule id, e.g. class.pump.vibration' }, response: { status: 200, schema: 'RuleView', description: 'The rule' } },
    { method: 'GET', path: '/api/rules/:id/history', summary: 'Saved versions of a rule', params: { id: 'Rule id' }, response: { status: 200, schema: 'RuleVersionView', array: true, description: 'Newest first' } },
    {
      method: 'POST',
      path: '/api/rules',
      summary: 'Add a device override',
      description: 'Fields left out are copied from the class rule it replaces. Switch a class rule off for one device with `enabled: false`.',
      body: createOverrideBody,
      response: { status: 201, schema: 'RuleView', description: 'The override, version 1' },
      errors: { 409: 'A rule with that id exists', 413: 'Body larger than 16 KiB' },
    },
    {
      method: 'PUT',
      path: '/api/rules/:id',
      summary: 'Edit a rule',
      description: 'A reason is required. Send `expectedVersion`: 409 version-conflict when another save came first. A body that changes nothing saves nothing.',
      params: { id: 'Rule id' },
      body: updateRuleBody,
      response: { status: 200, schema: 'RuleView', description: 'The rule as saved' },
      errors: { 409: 'Version conflict', 413: 'Body larger than 16 KiB' },
    },
  ],
};
