/**
 * In-process, typed publish/subscribe of the events the server streams over
 * SSE (ServerEvents in api-types.ts). Publishing is synchronous; a listener
 * that throws is reported and does not stop the others.
 */
import type { ServerEvents } from '../http/api-types';

export type ServerEventName = keyof ServerEvents;

/** One event: its name and its data, as a discriminated union over ServerEvents. */
export type ServerEvent = { [K in ServerEventName]: { name: K; data: ServerEvents[K] } }[ServerEventName];

export type ServerEventListener = (event: ServerEvent) => void;

export interface EventBus {
  publish<K extends ServerEventName>(name: K, data: ServerEvents[K]): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: ServerEventListener): () => void;
  listenerCount(): number;
}

export function createEventBus(onListenerError: (err: unknown, event: ServerEvent) => void = () => {}): EventBus {
  const listeners = new Set<ServerEventListener>();
  return {
    publish(name, data) {
      const event = { name, data } as ServerEvent;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (err) {
          onListenerError(err, event);
        }
      }
    },
    subscribe(listener) {
      // Wrap so the same function subscribed twice gets two independent subscriptions.
      const entry: ServerEventListener = (event) => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    listenerCount: () => listeners.size,
  };
}
