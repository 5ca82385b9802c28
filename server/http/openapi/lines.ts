/** Production lines, the line graph and the disturbance map. */
import { windowQuery } from '../../line-states/line-state-routes';
import { setFeedsBody } from '../../lines/line-routes';
import type { ApiFeature } from './api-operation';

export const linesFeature: ApiFeature = {
  tag: 'lines',
  description: 'Production lines, which lines feed which, and each line\'s derived state (running, degraded, down, starved, blocked, no data) with its root cause.',
  operations: [
    { method: 'GET', path: '/api/lines', summary: 'List lines', response: { status: 200, schema: 'LineView', array: true, description: 'Every line with its feeds and devices' } },
    {
      method: 'PUT',
      path: '/api/lines/:id/feeds',
      summary: 'Set the lines a line feeds',
      description: 'Replaces the downstream lines. Cycles and unknown lines are refused, naming them. The plant file\'s feeds apply again at the next start.',
      params: { id: 'Line id' },
      body: setFeedsBody,
      response: { status: 200, schema: 'LineView', description: 'The line as saved' },
    },
    { method: 'GET', path: '/api/lines/states', summary: 'State of every line', description: 'Derived state, since when, reasons and the chain to the root cause.', response: { status: 200, schema: 'LineStateView', array: true, description: 'Lines in line order' } },
    {
      method: 'GET',
      path: '/api/lines/downtime',
      summary: 'Lost time per line and root cause',
      description: 'Default window: the 24 h up to now.',
      query: windowQuery,
      response: { status: 200, schema: 'LineDowntimeReportView', description: 'Downtime report' },
    },
    {
      method: 'GET',
      path: '/api/lines/:id/history',
      summary: 'State changes of a line',
      params: { id: 'Line id' },
      query: windowQuery,
      response: { status: 200, schema: 'LineHistoryView', description: 'Changes inside the window and the downtime' },
    },
  ],
};
