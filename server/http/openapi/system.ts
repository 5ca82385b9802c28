/** Health, Prometheus metrics, the event stream and this document. */
import { z } from 'zod';
import type { ApiFeature } from './api-operation';

/** The stream reads its token from the header or, for browsers' EventSource, from this parameter (server/auth). */
const eventsQuery = z.object({
  access_token: z.string().optional().describe('The bearer token, for clients that cannot set headers (a browser EventSource).'),
});

export const systemFeature: ApiFeature = {
  tag: 'system',
  description: 'Health, metrics, the live event stream and this API description.',
  operations: [
    {
      method: 'GET',
      path: '/api/health',
      summary: 'Health of the system and its dependencies',
      description: 'No token needed. 503 while degraded (broker stopped, telemetry store or database failing); `reasons` says why.',
      response: { status: 200, schema: 'HealthReport', description: 'ok' },
      errors: { 503: 'Degraded: the body is the same HealthReport, with reasons.' },
    },
    {
      method: 'GET',
      path: '/metrics',
      summary: 'Prometheus metrics',
      description: 'Text exposition format 0.0.4: ingest counters, buffer depth, HTTP and SSE figures.',
      response: { status: 200, contentType: 'text/plain; version=0.0.4', description: 'Prometheus text' },
    },
    {
      method: 'GET',
      path: '/api/events',
      summary: 'Live events (server-sent events)',
      description:
        'A `text/event-stream`: each event is named after a key of ServerEvents (`work-order`, `anomaly`, `telemetry`, `dead-letter`, ' +
        '`line-state`, `rules-changed`, …) and its `data` is that key\'s JSON (schema ServerEvents). A comment line every 15 s keeps proxies from closing an idle stream.',
      query: eventsQuery,
      response: { status: 200, contentType: 'text/event-stream', description: 'The event stream; data schemas in ServerEvents' },
    },
    {
      method: 'GET',
      path: '/api/openapi.json',
      summary: 'This OpenAPI document',
      description: 'The same document is public at /docs/openapi.json (it holds the API\'s shape only, no data), with a reference page at /docs.',
      response: { status: 200, description: 'OpenAPI 3.1 document' },
    },
  ],
};
