import type { DeviceView } from '../http/api-types';
import { deviceLiveness } from './device-liveness';
import type { DeviceCounts, DeviceRow } from './device-repository';

/** Hours to one decimal (6 minutes), as an hour meter shows them. */
export const msToHours = (ms: number): number => Math.round(ms / 360_000) / 10;

const NO_COUNTS: DeviceCounts = { activeAnomalies: 0, openWorkOrders: 0 };

export function toDeviceView(row: DeviceRow, counts: DeviceCounts | undefined, now: number): DeviceView {
  const { activeAnomalies, openWorkOrders } = counts ?? NO_COUNTS;
  return {
    id: row.id,
    name: row.name,
    siteId: row.siteId,
    lineId: row.lineId,
    agentId: row.agentId,
    class: row.class,
    criticality: row.criticality,
    ratedCurrent: row.ratedCurrent,
    insulationClass: row.insulationClass,
    foundation: row.foundation,
    lastSeenAt: row.lastSeenAt,
    liveness: deviceLiveness(row.lastSeenAt, now),
    activeAnomalies,
    openWorkOrders,
    runningHours: msToHours(row.runningMs),
  };
}
