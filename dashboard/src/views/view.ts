/** What every routed view provides, and what it gets from the app. */
import type { Catalog } from '../catalog';
import type { Route } from '../lib/route';
import type { LiveEvents } from '../live-events';
import type { Session } from '../session';

export interface ViewContext {
  live: LiveEvents;
  catalog: Catalog;
  /** Who is signed in; views show only the actions the role may take. */
  session: Session;
  /** Sets the document title (the product name is appended). */
  setTitle(title: string): void;
}

export interface View {
  el: HTMLElement;
  /** Re-fetches the view's data (after a reconnect). */
  refresh(): void;
  /** Unsubscribes and stops timers; called when the route changes. */
  dispose(): void;
  /** The hash changed but the route key did not (e.g. the map's open line). */
  update?(route: Route): void;
}

/** Collects unsubscribe functions and an AbortController for in-flight requests. */
export class Disposer {
  private readonly fns: Array<() => void> = [];
  private controller = new AbortController();

  add(fn: () => void): void {
    this.fns.push(fn);
  }

  /** A signal aborted on dispose or on the next call (a newer fetch supersedes it). */
  nextSignal(): AbortSignal {
    this.controller.abort();
    this.controller = new AbortController();
    return this.controller.signal;
  }

  interval(fn: () => void, ms: number): void {
    const id = window.setInterval(fn, ms);
    this.add(() => window.clearInterval(id));
  }

  timeout(fn: () => void, ms: number): void {
    const id = window.setTimeout(fn, ms);
    this.add(() => window.clearTimeout(id));
  }

  dispose(): void {
    this.controller.abort();
    for (const fn of this.fns.splice(0)) fn();
  }
}
