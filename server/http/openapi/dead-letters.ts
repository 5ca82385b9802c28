/** Messages ingest refused. */
import { listQuery } from '../../dead-letters/dead-letter-routes';
import type { ApiFeature } from './api-operation';

export const deadLettersFeature: ApiFeature = {
  tag: 'dead-letters',
  description: 'Telemetry messages ingest refused (bad topic, oversize, malformed, schema, unknown device), with the reason.',
  operations: [
    { method: 'GET', path: '/api/dead-letters', summary: 'List dead letters', description: 'Newest first, with counts by reason.', query: listQuery, response: { status: 200, schema: 'DeadLetterPage', description: 'A page of dead letters' } },
  ],
};
