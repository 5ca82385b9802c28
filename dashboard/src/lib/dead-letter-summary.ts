/** Counting and naming dead-letter reasons for the rejected-messages view. */
import type { DeadLetterReason, DeadLetterView } from '../../../server/http/api-types';

export const REASON_LABEL: Record<DeadLetterReason, string> = {
  'bad-topic': 'Bad topic',
  oversize: 'Oversize',
  'malformed-json': 'Malformed JSON',
  schema: 'Schema violation',
  'unknown-device': 'Unknown device',
  'device-line-mismatch': 'Device/line mismatch',
};

export function reasonLabel(reason: string): string {
  return (REASON_LABEL as Record<string, string>)[reason] ?? reason;
}

export interface ReasonCount {
  reason: string;
  count: number;
}

/** Counts per reason, most frequent first (ties by name). */
export function countByReason(letters: readonly Pick<DeadLetterView, 'reason'>[]): ReasonCount[] {
  const counts = new Map<string, number>();
  for (const l of letters) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Server-side counts ({ reason: n }) as the same sorted list, zeros dropped. */
export function countsFromRecord(counts: Readonly<Record<string, number>>): ReasonCount[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Adds a live dead letter at the top, keeping at most `max`, without duplicates. */
export function prependLetter(letters: readonly DeadLetterView[], letter: DeadLetterView, max: number): DeadLetterView[] {
  if (letters.some((l) => l.id === letter.id)) return letters.slice();
  return [letter, ...letters].slice(0, max);
}

/** Payload previews are raw text; make control characters visible and cap the length. */
export function previewText(preview: string, maxChars = 160): string {
  const visible = preview.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '·').replace(/\s+/g, ' ');
  return visible.length > maxChars ? `${visible.slice(0, maxChars - 1)}…` : visible;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
