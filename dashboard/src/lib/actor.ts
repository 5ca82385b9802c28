/** The name people act under (sent as `actor` on status changes and comments). Pure. */

export const ACTOR_MAX = 120;

/** Trims and collapses spaces; empty or control-character-only input is no name (null). */
export function normalizeActor(text: string | null | undefined): string | null {
  if (!text) return null;
  const name = text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, ACTOR_MAX).trim();
  return name === '' ? null : name;
}

/** Initials for the avatar: "Dana Ortiz" → "DO", "marek" → "M". */
export function initials(name: string): string {
  const words = name.split(' ').filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => Array.from(w)[0]!.toUpperCase()).join('');
}
