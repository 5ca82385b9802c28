import type { Criticality, EquipmentClass } from '../../../contract/plant';

/** Derived from last-seen time: online (< 2 min), stale (< 15 min), offline, or never seen. */
export type DeviceLiveness = 'online' | 'stale' | 'offline' | 'never-seen';

export interface DeviceView {
  id: string;
  name: string;
  siteId: string;
  lineId: string;
  agentId: string;
  class: EquipmentClass;
  criticality: Criticality;
  ratedCurrent: number;
  insulationClass: 'B' | 'F' | 'H';
  foundation: 'rigid' | 'flexible';
  lastSeenAt: number | null;
  liveness: DeviceLiveness;
  activeAnomalies: number;
  openWorkOrders: number;
  /** Hours the device has run (current above 10 % of rated), counted from telemetry; running-hours maintenance plans use it. */
  runningHours: number;
}

export interface LineView {
  id: string;
  siteId: string;
  name: string;
  feeds: string[];
  deviceIds: string[];
}
