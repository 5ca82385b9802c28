/**
 * One EventSource on /api/events for the whole app. Views subscribe to named
 * events; the top bar subscribes to the connection state. The browser retries
 * a dropped stream itself; if it gives up (stream closed for good, e.g. a 401
 * or the server gone), we open a new one with back-off. After any reconnect,
 * `onReconnect` listeners re-fetch. EventSource cannot send headers, so the
 * URL carries the token (`?access_token=`); it is read at each (re)open.
 */
import type { ServerEvents } from '../../server/http/api-types';
import { initialLive, nextLive, reconnectDelay, type LiveSignal, type LiveState, type LiveTransition } from './lib/live-connection';

type EventName = keyof ServerEvents;
type Handler<K extends EventName> = (data: ServerEvents[K]) => void;

const EVENT_NAMES: EventName[] = ['work-order', 'anomaly', 'telemetry', 'dead-letter', 'line-state'];

export class LiveEvents {
  private source: EventSource | null = null;
  private live: LiveTransition = initialLive();
  private attempt = 0;
  private retryTimer: number | null = null;
  private readonly handlers = new Map<EventName, Set<(data: never) => void>>();
  private readonly stateListeners = new Set<(state: LiveState) => void>();
  private readonly reconnectListeners = new Set<() => void>();

  constructor(private readonly url: () => string = () => '/api/events') {}

  get state(): LiveState {
    return this.live.state;
  }

  start(): void {
    if (this.source) return;
    const source = new EventSource(this.url());
    this.source = source;
    source.onopen = () => {
      this.attempt = 0;
      this.signal('open');
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        this.signal('closed');
        this.source = null;
        this.scheduleRestart();
      } else this.signal('error');
    };
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (ev) => this.dispatch(name, (ev as MessageEvent<string>).data));
    }
  }

  /** Closes the stream and stops retrying (signed out). */
  stop(): void {
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.attempt = 0;
  }

  /** Reopens the stream at once (a new token); views re-fetch once it is open. */
  restart(): void {
    const wasOpen = this.source !== null;
    this.stop();
    if (wasOpen) this.signal('closed');
    this.start();
  }

  on<K extends EventName>(name: K, handler: Handler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(handler as (data: never) => void);
    return () => set.delete(handler as (data: never) => void);
  }

  onState(listener: (state: LiveState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.live.state);
    return () => this.stateListeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private signal(signal: LiveSignal): void {
    const prev = this.live.state;
    this.live = nextLive(this.live, signal);
    if (this.live.state !== prev) for (const l of this.stateListeners) l(this.live.state);
    if (this.live.refetch) for (const l of this.reconnectListeners) l();
  }

  private scheduleRestart(): void {
    if (this.retryTimer !== null) return;
    const delay = reconnectDelay(this.attempt++);
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      this.start();
    }, delay);
  }

  private dispatch(name: EventName, raw: string): void {
    const set = this.handlers.get(name);
    if (!set || set.size === 0) return;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      console.warn(`ignoring unparsable '${name}' event`, raw.slice(0, 200));
      return;
    }
    for (const handler of [...set]) {
      try {
        (handler as (d: unknown) => void)(data);
      } catch (err) {
        console.error(`'${name}' handler failed`, err);
      }
    }
  }
}
