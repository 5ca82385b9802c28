/** Who a token belongs to, and the tokens themselves. */
import { createBody } from '../../auth/token-routes';
import type { ApiFeature } from './api-operation';

export const accessFeature: ApiFeature = {
  tag: 'access',
  description: 'Bearer tokens: random secrets stored only as their SHA-256, each with one role.',
  operations: [
    { method: 'GET', path: '/api/me', summary: 'Who this token belongs to', response: { status: 200, schema: 'MeView', description: 'Name, role and what the role may do' } },
    { method: 'GET', path: '/api/tokens', summary: 'List tokens', description: 'Without secrets.', response: { status: 200, schema: 'TokenList', description: 'Every token' } },
    { method: 'POST', path: '/api/tokens', summary: 'Create a token', description: 'The secret is in this response only.', body: createBody, response: { status: 201, schema: 'CreatedToken', description: 'The token with its secret' } },
    { method: 'DELETE', path: '/api/tokens/:id', summary: 'Revoke a token', params: { id: 'Token id (a positive integer)' }, response: { status: 200, schema: 'TokenView', description: 'The revoked token' } },
  ],
};
