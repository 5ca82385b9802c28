/**
 * NAB timestamps: `YYYY-MM-DD HH:MM:SS` in the CSVs, with an optional
 * fractional part (`.000000`) in windows.json. Both are read as UTC and
 * compared as epoch milliseconds, never as strings.
 */

const NAB_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Epoch ms (UTC) of a NAB timestamp, or null when the text is not one. */
export function parseNabTimestamp(text: string): number | null {
  const m = NAB_TIMESTAMP.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(Number(y), month - 1, day, hour, minute, second);
  // Date.UTC rolls 2014-02-31 over into March; a real timestamp survives the round trip.
  if (new Date(ms).getUTCDate() !== day) return null;
  const fraction = frac === undefined ? 0 : Number(`0.${frac}`) * 1000;
  return ms + fraction;
}

/** `YYYY-MM-DD HH:MM:SS` (UTC), the CSV form NAB's own tools read back. */
export function formatNabTimestamp(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().slice(0, 19).replace('T', ' ');
}
