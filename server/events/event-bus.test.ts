import { describe, expect, it } from 'vitest';
import { createEventBus, type ServerEvent } from './event-bus';

const deadLetter = {
  id: 1,
  receivedAt: 1,
  clientId: null,
  topic: 't',
  reason: 'schema' as const,
  detail: 'd',
  payloadPreview: '{}',
  payloadBytes: 2,
};

describe('event bus', () => {
  it('delivers published events to every subscriber until it unsubscribes', () => {
    const bus = createEventBus();
    const a: ServerEvent[] = [];
    const b: ServerEvent[] = [];
    const stopA = bus.subscribe((e) => a.push(e));
    bus.subscribe((e) => b.push(e));
    bus.publish('dead-letter', deadLetter);
    stopA();
    bus.publish('telemetry', { points: [] });
    expect(a.map((e) => e.name)).toEqual(['dead-letter']);
    expect(b.map((e) => e.name)).toEqual(['dead-letter', 'telemetry']);
    expect(b[0]?.data).toEqual(deadLetter);
    expect(bus.listenerCount()).toBe(1);
  });

  it('keeps delivering to the others when one listener throws, and reports the error', () => {
    const errors: unknown[] = [];
    const bus = createEventBus((err) => errors.push(err));
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.subscribe((e) => seen.push(e.name));
    bus.publish('telemetry', { points: [] });
    expect(seen).toEqual(['telemetry']);
    expect(errors).toHaveLength(1);
  });
});
