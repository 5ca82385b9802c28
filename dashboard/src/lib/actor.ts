/** Initials for the signed-in person's avatar. Pure. */

/** "Dana Ortiz" → "DO", "marek" → "M". */
export function initials(name: string): string {
  const words = name.split(' ').filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => Array.from(w)[0]!.toUpperCase()).join('');
}
