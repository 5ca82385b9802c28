/**
 * `<time>` elements that say "12 min ago" and stay true: one shared ticker
 * re-renders every element marked data-ago, so rows need no timers of their own.
 */
import { formatAgo, formatFullTimestamp, formatTimestamp } from '../lib/time-format';
import { h } from './dom';

export function timeAgo(ts: number, testId?: string): HTMLTimeElement {
  const el = h('time', {
    class: 'ago',
    datetime: new Date(ts).toISOString(),
    title: formatFullTimestamp(ts),
    dataset: { ago: ts },
    'data-testid': testId,
  });
  el.textContent = formatAgo(ts, Date.now());
  return el;
}

export function clockTime(ts: number): HTMLTimeElement {
  return h('time', { datetime: new Date(ts).toISOString(), title: formatFullTimestamp(ts), text: formatTimestamp(ts, Date.now()) });
}

let ticker: number | null = null;

/** Starts the shared ticker (idempotent). */
export function startAgoTicker(root: ParentNode = document, intervalMs = 5000): void {
  if (ticker !== null) return;
  ticker = window.setInterval(() => refreshAgo(root), intervalMs);
}

export function refreshAgo(root: ParentNode = document): void {
  const now = Date.now();
  root.querySelectorAll<HTMLElement>('[data-ago]').forEach((el) => {
    const ts = Number(el.dataset.ago);
    if (!Number.isFinite(ts)) return;
    const text = formatAgo(ts, now);
    if (el.textContent !== text) el.textContent = text;
  });
}
