/** Request bodies and queries of the webhook API (zod). */
import { z } from 'zod';
import { paging } from '../http/query-schemas';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';

const EVENT_CHOICES = ['*', ...WEBHOOK_EVENT_TYPES] as const;

const url = z
  .string({ error: 'must be a string' })
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https URL, e.g. https://example.com/hooks/pdm' }));

const events = z
  .array(z.enum(EVENT_CHOICES, { error: `must be "*" or one of ${WEBHOOK_EVENT_TYPES.join(', ')}` }), { error: 'must be a list of event types' })
  .min(1, 'must name at least one event type (or "*" for all)')
  .transform((list) => (list.includes('*') ? ['*'] : [...new Set(list)]));

const description = z.string({ error: 'must be a string' }).trim().max(500, 'must be at most 500 characters');

export const createWebhookBody = z.strictObject({
  url,
  events,
  description: description.optional(),
  /** Absent: a random secret is generated. */
  secret: z.string({ error: 'must be a string' }).min(16, 'must be at least 16 characters').max(200, 'must be at most 200 characters').optional(),
});

export const updateWebhookBody = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'must change at least one of url, events, description, active' });

export const deliveriesQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed'], { error: 'must be pending, delivered or failed' }).optional(),
  ...paging(50, 200),
});
