import type { PlantDevice } from '../../contract/plant';
import type { DeviceView } from '../http/api-types';
import { notFound } from '../http/errors';
import type { ServiceDeps } from '../service-deps';
import { addRunningTime, deviceCounts, findDeviceRow, listDeviceRows, toPlantDevice, touchDevices } from './device-repository';
import { toDeviceView } from './device-views';

export type DeviceService = ReturnType<typeof createDeviceService>;

export function createDeviceService({ database, now }: Pick<ServiceDeps, 'database' | 'now'>) {
  return {
    list(): DeviceView[] {
      const counts = deviceCounts(database);
      const at = now();
      return listDeviceRows(database).map((row) => toDeviceView(row, counts.get(row.id), at));
    },

    /** Throws a 404 HttpError for an unknown id. */
    get(id: string): DeviceView {
      const row = findDeviceRow(database, id);
      if (!row) throw notFound(`device ${id}`);
      return toDeviceView(row, deviceCounts(database, id).get(id), now());
    },

    plantDevice(id: string): PlantDevice | undefined {
      const row = findDeviceRow(database, id);
      return row && toPlantDevice(row);
    },

    plantDevices(): PlantDevice[] {
      return listDeviceRows(database).map(toPlantDevice);
    },

    /** For ingest, about once a second: device id -> newest sample time seen. Only moves forward. */
    touchDevices(lastSeen: ReadonlyMap<string, number>): number {
      return touchDevices(database, lastSeen);
    },

    /** For ingest, about once a second: device id -> running ms since the last call (running-hours.ts). */
    addRunningTime(increments: ReadonlyMap<string, number>): number {
      return addRunningTime(database, increments);
    },
  };
}
