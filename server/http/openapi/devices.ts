/** Devices and their telemetry. */
import { telemetryQuery } from '../../devices/device-routes';
import type { ApiFeature } from './api-operation';

export const devicesFeature: ApiFeature = {
  tag: 'devices',
  description: 'Machines from the plant file, their liveness and their telemetry.',
  operations: [
    { method: 'GET', path: '/api/devices', summary: 'List devices', description: 'In plant order, with liveness, active anomalies and open orders.', response: { status: 200, schema: 'DeviceView', array: true, description: 'Every device' } },
    { method: 'GET', path: '/api/devices/:id', summary: 'Get a device', params: { id: 'Device id, e.g. P-104' }, response: { status: 200, schema: 'DeviceView', description: 'The device' } },
    {
      method: 'GET',
      path: '/api/devices/:id/telemetry',
      summary: 'Telemetry of a device',
      description:
        'Stored samples in [from, to] (default: the hour up to the newest sample or now), with the limits in force. ' +
        'With `maxPoints`, a range holding more samples than that comes back downsampled: `points` is empty and `downsampled` holds the bucket width, ' +
        'the sample count and per time bucket the count and min / max / mean of each metric (min and max keep spikes visible); ' +
        'a range within `maxPoints` comes back raw, as without it.',
      params: { id: 'Device id' },
      query: telemetryQuery,
      response: { status: 200, schema: 'TelemetryView', description: 'Samples (or buckets) and limits' },
    },
  ],
};
