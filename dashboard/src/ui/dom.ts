/**
 * A tiny DOM toolkit: `h()` builds elements, `reconcile()` keeps a keyed list
 * of children in step with data, re-rendering only items whose data changed.
 * Text always goes in as text nodes; only the trusted icon constants use innerHTML.
 */

type Child = Node | string | number | null | undefined | false;
export type Children = Child | Child[];

export type Attrs = {
  class?: string;
  text?: string;
  dataset?: Record<string, string | number | undefined>;
  style?: Partial<Record<string, string>>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
} & Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Children[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) applyAttrs(el, attrs);
  append(el, children);
  return el;
}

function applyAttrs(el: HTMLElement, attrs: Attrs): void {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    switch (key) {
      case 'class':
        el.className = String(value);
        break;
      case 'text':
        el.textContent = String(value);
        break;
      case 'dataset':
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) el.dataset[k] = String(v);
        break;
      case 'style':
        for (const [k, v] of Object.entries(value as Record<string, string>)) el.style.setProperty(k, v);
        break;
      case 'on':
        for (const [type, handler] of Object.entries(value as Record<string, EventListener>)) el.addEventListener(type, handler);
        break;
      default:
        if (value === true) el.setAttribute(key, '');
        else el.setAttribute(key, String(value));
    }
  }
}

export function append(parent: Node, children: Children[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces all children. */
export function replaceChildren(parent: Element, ...children: Children[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** An element from a trusted SVG string (icons only). */
export function svg(markup: string, className = 'icon'): HTMLElement {
  const span = document.createElement('span');
  span.className = className;
  span.setAttribute('aria-hidden', 'true');
  span.innerHTML = markup;
  return span;
}

interface Rendered<T> {
  item: T;
  el: HTMLElement;
}

/**
 * Keeps `parent`'s children equal to render(item) for each item, in order.
 * An item whose object identity did not change keeps its element; a changed
 * one is re-rendered and replaced. Returns the elements of new keys so the
 * caller can highlight them.
 */
export function createReconciler<T>(parent: HTMLElement, key: (item: T) => string | number, render: (item: T) => HTMLElement) {
  let rendered = new Map<string | number, Rendered<T>>();

  return function reconcile(items: readonly T[]): { added: HTMLElement[]; changed: HTMLElement[] } {
    const next = new Map<string | number, Rendered<T>>();
    const added: HTMLElement[] = [];
    const changed: HTMLElement[] = [];
    for (const item of items) {
      const k = key(item);
      const prev = rendered.get(k);
      if (prev && prev.item === item) {
        next.set(k, prev);
      } else {
        const el = render(item);
        if (prev) {
          prev.el.replaceWith(el);
          changed.push(el);
        } else added.push(el);
        next.set(k, { item, el });
      }
    }
    for (const [k, r] of rendered) if (!next.has(k)) r.el.remove();
    // Put elements in order, moving only those out of place.
    let cursor: ChildNode | null = parent.firstChild;
    for (const { el } of next.values()) {
      if (el === cursor) cursor = el.nextSibling;
      else parent.insertBefore(el, cursor);
    }
    rendered = next;
    return { added, changed };
  };
}

/** Adds a class for `ms`, restarting the animation if it is already there. */
export function flash(el: HTMLElement, className: string, ms: number): void {
  el.classList.remove(className);
  void el.offsetWidth;
  el.classList.add(className);
  window.setTimeout(() => el.classList.remove(className), ms);
}
