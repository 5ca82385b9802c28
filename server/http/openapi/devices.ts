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
      description: 'Stored samples in [from, to] (default: the hour up to the newest sample or now), with the limits in force.',
      params: { id: 'Device id' },
      query: telemetryQuery,
      response: { status: 200, schema: 'TelemetryView', description: 'Samples and limits' },
    },
  ],
};
