import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { describeDisconnect, trackBrokerLink } from './broker-link';
import { withoutCredentials } from './external-gateway';

describe('broker link state', () => {
  it('keeps the telling reason (error or DISCONNECT) over the "closed" that follows it, and counts reconnects', () => {
    const client = new EventEmitter();
    let t = 1000;
    const link = trackBrokerLink(client as unknown as MqttClient, () => t);
    expect(link.state()).toEqual({ up: false, reason: 'connecting', downSince: 1000, reconnects: 0 });
    client.emit('connect', {});
    expect(link.state()).toEqual({ up: true, reason: null, downSince: null, reconnects: 0 });

    t = 5000;
    client.emit('disconnect', { cmd: 'disconnect', reasonCode: 0x8b });
    client.emit('close');
    expect(link.state()).toEqual({ up: false, reason: 'broker sent DISCONNECT 0x8b (server shutting down)', downSince: 5000, reconnects: 0 });
    t = 6000;
    client.emit('reconnect');
    client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:1883'));
    client.emit('close');
    expect(link.state()).toMatchObject({ up: false, reason: 'connect ECONNREFUSED 127.0.0.1:1883', downSince: 5000 });

    client.emit('connect', {});
    expect(link.state()).toEqual({ up: true, reason: null, downSince: null, reconnects: 1 });
    client.emit('close');
    expect(link.state().reason).toBe('connection closed by the broker or the network');
  });

  it('names DISCONNECT reason codes and the broker\'s reason string', () => {
    expect(describeDisconnect({ reasonCode: 0x8e })).toMatch(/^broker sent DISCONNECT 0x8e \(session taken over/);
    expect(describeDisconnect({ reasonCode: 0x87, properties: { reasonString: 'acl' } })).toBe('broker sent DISCONNECT 0x87 (not authorized: acl)');
  });

  it('leaves credentials out of the broker URL that health shows', () => {
    expect(withoutCredentials('mqtt://ingest:s3cret@broker.plant:1883')).toBe('mqtt://broker.plant:1883');
    expect(withoutCredentials('mqtts://broker.plant:8883')).toBe('mqtts://broker.plant:8883');
  });
});
