/** Anomalies raised by detection. */
import { listQuery } from '../../anomalies/anomaly-routes';
import type { ApiFeature } from './api-operation';

export const anomaliesFeature: ApiFeature = {
  tag: 'anomalies',
  description: 'Threshold breaches the detector raised, active or cleared.',
  operations: [
    { method: 'GET', path: '/api/anomalies', summary: 'List anomalies', description: 'Newest first.', query: listQuery, response: { status: 200, schema: 'AnomalyPage', description: 'A page of anomalies' } },
    {
      method: 'POST',
      path: '/api/anomalies/:id/acknowledge',
      summary: 'Acknowledge an anomaly',
      description: 'Acknowledged and active are independent: an acknowledged anomaly stays active until the signal clears.',
      params: { id: 'Anomaly id (a positive integer)' },
      response: { status: 200, schema: 'AnomalyView', description: 'The anomaly, acknowledged' },
    },
  ],
};
