/**
 * Keeps the disturbance map current in a running server: one refresh at
 * start, one after work-order and anomaly events (a burst of events in the
 * same turn gives one refresh, run after the publishing code is done), and
 * on a tick for liveness (devices going silent without any event): the tick
 * asks the tracker first and refreshes only when the silent devices changed
 * (or the roster is due), so a quiet plant costs one small query a second.
 * The composition root starts it and stops it before closing the database.
 */
import type { EventBus } from '../events/event-bus';
import type { LineStateTracker } from './line-state-tracker';

export interface LineStateUpdatesOptions {
  tracker: LineStateTracker;
  bus: EventBus;
  now: () => number;
  onError: (err: unknown) => void;
  /** Liveness tick; 1 s by default. */
  tickMs?: number;
}

export interface LineStateUpdates {
  stop(): void;
}

export function startLineStateUpdates({ tracker, bus, now, onError, tickMs = 1000 }: LineStateUpdatesOptions): LineStateUpdates {
  let stopped = false;
  let pending = false;
  const refresh = () => {
    if (stopped) return;
    try {
      tracker.refresh(now());
    } catch (err) {
      onError(err);
    }
  };
  const unsubscribe = bus.subscribe((event) => {
    if ((event.name !== 'work-order' && event.name !== 'anomaly') || pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      refresh();
    });
  });
  const tick = () => {
    if (stopped) return;
    try {
      if (tracker.livenessChanged(now())) tracker.refresh(now());
    } catch (err) {
      onError(err);
    }
  };
  const timer = setInterval(tick, tickMs);
  timer.unref?.();
  refresh();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
    },
  };
}
