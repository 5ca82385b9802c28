import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLineStateTestServer, type LineStateTestServer } from '../testing/line-state-test-server';
import { T0 } from '../testing/test-server';
import { startLineStateUpdates, type LineStateUpdates } from './line-state-updates';

const MIN = 60_000;
const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('startLineStateUpdates', () => {
  let server: LineStateTestServer;
  let updates: LineStateUpdates | undefined;
  const errors: unknown[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    server = createLineStateTestServer();
    server.services.devices.touchDevices(new Map(['P-101', 'P-104', 'C-201', 'CV-C1'].map((id) => [id, T0])));
  });
  afterEach(async () => {
    updates?.stop();
    vi.useRealTimers();
    await server.close();
    errors.length = 0;
  });

  const start = () => (updates = startLineStateUpdates({ tracker: server.tracker, bus: server.bus, now: () => server.clock.now, onError: (err) => errors.push(err) }));
  const lineStates = () => server.lineEvents.map((e) => `${e.id}:${e.state}`);

  it('refreshes at start, once after a burst of work-order and anomaly events, and on a tick when devices fell silent', async () => {
    start();
    expect(lineStates()).toEqual(['utilities:running', 'assembly:running']);

    const refresh = vi.spyOn(server.tracker, 'refresh');
    server.services.workOrders.create({ type: 'emergency', deviceId: 'P-104', title: 'Mold repair' });
    server.bus.publish('work-order', { change: 'updated', workOrder: server.services.workOrders.get(1) });
    expect(lineStates()).toHaveLength(2);
    await flushMicrotasks();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(lineStates().slice(2)).toEqual(['utilities:down', 'assembly:starved']);

    // Ticks while nothing fell silent cost no refresh.
    server.clock.now = T0 + 30_000;
    vi.advanceTimersByTime(3000);
    expect(refresh).toHaveBeenCalledTimes(1);

    // No event, but the devices fall silent: the tick notices.
    server.clock.now = T0 + 15 * MIN;
    vi.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(lineStates().at(-1)).toBe('assembly:no-data');
    vi.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(2);

    // One comes back: the next tick refreshes again.
    server.services.devices.touchDevices(new Map([['CV-C1', server.clock.now]]));
    vi.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(lineStates().at(-1)).toBe('assembly:starved');
    expect(errors).toEqual([]);
  });

  it('reports a failing refresh and stops refreshing when stopped', async () => {
    start();
    const refresh = vi.spyOn(server.tracker, 'refresh').mockImplementation(() => {
      throw new Error('database is locked');
    });
    server.clock.now = T0 + 15 * MIN; // devices fall silent, so the tick refreshes
    vi.advanceTimersByTime(1000);
    expect(errors).toEqual([new Error('database is locked')]);
    updates!.stop();
    vi.advanceTimersByTime(5000);
    server.services.workOrders.create({ type: 'emergency', deviceId: 'P-104', title: 'Mold repair' });
    await flushMicrotasks();
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
