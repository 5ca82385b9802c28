import type { Sample } from '../contract/telemetry';

/**
 * What an edge agent samples. The simulator implements it; a real agent would
 * read its PLC or sensors instead. `null` means the sensor gave no reading
 * (dropout): the agent sends nothing for that device at that instant.
 */
export interface SignalSource {
  read(deviceId: string, ts: number): Sample | null;
}

/** A clock in epoch ms; the simulator's may run faster than real time. */
export interface Clock {
  now(): number;
}
