/**
 * The state of the ingest consumer's connection to the external broker, as
 * health and metrics report it: up, or down since when and why. MQTT.js
 * spreads that over several events (an `error` per failed connect, the
 * broker's DISCONNECT packet, `close`), so this keeps the most telling one:
 * the broker's own reason or the socket error (e.g. ECONNREFUSED), rather
 * than the bare "closed" that follows each of them.
 */
import type { IDisconnectPacket, MqttClient } from 'mqtt';

export interface BrokerLinkState {
  up: boolean;
  /** Why the connection is down; null while up. */
  reason: string | null;
  /** Wall-clock ms since which it has been down; null while up. */
  downSince: number | null;
  /** Connections re-established after a loss. */
  reconnects: number;
}

/** MQTT 5 DISCONNECT reason codes a broker sends to a client (MQTT 5.0 §3.14.2.1), the ones worth naming. */
const DISCONNECT_REASONS: Record<number, string> = {
  0x80: 'unspecified error',
  0x81: 'malformed packet',
  0x82: 'protocol error',
  0x83: 'implementation specific error',
  0x87: 'not authorized',
  0x89: 'server busy',
  0x8b: 'server shutting down',
  0x8d: 'keep alive timeout',
  0x8e: 'session taken over (another client connected with the same client id)',
  0x93: 'receive maximum exceeded',
  0x97: 'quota exceeded',
  0x9c: 'use another server',
  0x9d: 'server moved',
};

export function describeDisconnect(packet: Pick<IDisconnectPacket, 'reasonCode' | 'properties'>): string {
  const code = packet.reasonCode ?? 0;
  const name = DISCONNECT_REASONS[code] ?? 'disconnected';
  const text = packet.properties?.reasonString;
  return `broker sent DISCONNECT 0x${code.toString(16).padStart(2, '0')} (${name}${text ? `: ${text}` : ''})`;
}

export function trackBrokerLink(client: MqttClient, now: () => number = Date.now): { state(): BrokerLinkState; stopped(reason: string): void } {
  let up = false;
  let everUp = false;
  let reason: string | null = 'connecting';
  let downSince: number | null = now();
  let reconnects = 0;
  /** Set by an error or DISCONNECT during this connection attempt; `close` keeps it instead of overwriting it. */
  let specific = false;

  const down = (why: string, isSpecific: boolean) => {
    if (up) {
      up = false;
      downSince = now();
    }
    if (isSpecific || !specific) reason = why;
    specific ||= isSpecific;
  };
  client.on('connect', () => {
    if (everUp) reconnects++;
    everUp = true;
    up = true;
    reason = null;
    downSince = null;
    specific = false;
  });
  client.on('error', (err) => down(err.message, true));
  client.on('disconnect', (packet) => down(describeDisconnect(packet), true));
  client.on('close', () => down('connection closed by the broker or the network', false));
  // Each reconnect attempt starts fresh, so a refused connect after a broker shutdown is what gets reported.
  client.on('reconnect', () => (specific = false));

  return {
    state: () => ({ up, reason, downSince, reconnects }),
    stopped(why) {
      down(why, true);
    },
  };
}
