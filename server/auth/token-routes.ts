/**
 * GET    /me            who the token belongs to
 * GET    /tokens        every token, without secrets (admin)
 * POST   /tokens        { name, role } -> 201 with the secret, shown once (admin)
 * DELETE /tokens/:id    revoke (admin)
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/validation';
import { ROLE_DESCRIPTIONS, ROLES } from './roles';
import type { TokenService } from './token-service';

export const createBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
});

export function tokenRoutes(tokens: TokenService) {
  return new Hono()
    .get('/me', (c) => {
      const p = c.get('principal');
      return c.json({ name: p.name, role: p.role, can: ROLE_DESCRIPTIONS[p.role] });
    })
    .get('/tokens', (c) => c.json({ items: tokens.list() }))
    .post('/tokens', async (c) => {
      const body = await parseBody(c, createBody);
      return c.json(tokens.create({ ...body, createdBy: c.get('principal').name }), 201);
    })
    .delete('/tokens/:id', (c) => {
      const id = Number(c.req.param('id'));
      if (!Number.isInteger(id) || id <= 0) throw new HttpError(400, 'invalid-path', 'token id must be a positive integer');
      return c.json(tokens.revoke(id));
    });
}
