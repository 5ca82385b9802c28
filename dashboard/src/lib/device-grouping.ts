/** Devices grouped by production line, and how liveness reads on screen. */
import type { DeviceLiveness, DeviceView, LineView } from '../../../server/http/api-types';

export interface LineGroup {
  lineId: string;
  lineName: string;
  devices: DeviceView[];
}

/**
 * One group per line in the order the server lists lines; devices on lines
 * the server did not list come last under their line id. Devices inside a
 * group: most open work orders first, then by name.
 */
export function groupDevicesByLine(devices: readonly DeviceView[], lines: readonly LineView[]): LineGroup[] {
  const groups = new Map<string, LineGroup>();
  for (const line of lines) groups.set(line.id, { lineId: line.id, lineName: line.name, devices: [] });
  for (const d of devices) {
    let g = groups.get(d.lineId);
    if (!g) {
      g = { lineId: d.lineId, lineName: d.lineId, devices: [] };
      groups.set(d.lineId, g);
    }
    g.devices.push(d);
  }
  return [...groups.values()]
    .filter((g) => g.devices.length > 0)
    .map((g) => ({ ...g, devices: g.devices.slice().sort(compareDevices) }));
}

function compareDevices(a: DeviceView, b: DeviceView): number {
  return b.openWorkOrders - a.openWorkOrders || b.activeAnomalies - a.activeAnomalies || a.name.localeCompare(b.name);
}

export const LIVENESS_LABEL: Record<DeviceLiveness, string> = {
  online: 'Online',
  stale: 'Stale',
  offline: 'Offline',
  'never-seen': 'Never seen',
};

/** Liveness as the server defines it: online < 2 min, stale < 15 min, else offline. */
export function livenessAt(lastSeenAt: number | null, now: number): DeviceLiveness {
  if (lastSeenAt === null) return 'never-seen';
  const age = now - lastSeenAt;
  if (age < 2 * 60_000) return 'online';
  if (age < 15 * 60_000) return 'stale';
  return 'offline';
}

export interface FleetSummary {
  total: number;
  byLiveness: Record<DeviceLiveness, number>;
  withAnomalies: number;
}

export function summarizeFleet(devices: readonly DeviceView[]): FleetSummary {
  const byLiveness: Record<DeviceLiveness, number> = { online: 0, stale: 0, offline: 0, 'never-seen': 0 };
  let withAnomalies = 0;
  for (const d of devices) {
    byLiveness[d.liveness]++;
    if (d.activeAnomalies > 0) withAnomalies++;
  }
  return { total: devices.length, byLiveness, withAnomalies };
}

/** Line name for an id, falling back to the id. */
export function lineName(lines: readonly LineView[], lineId: string): string {
  return lines.find((l) => l.id === lineId)?.name ?? lineId;
}
