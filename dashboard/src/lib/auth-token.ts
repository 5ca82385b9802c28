/**
 * Access tokens on the client, pure: reading one out of the address bar's
 * hash (`npm start` prints `http://host:port/#token=pdm_…`), cleaning what a
 * person pastes, and the header / query parameter that carry it.
 */

/** localStorage key of the token. */
export const TOKEN_STORAGE_KEY = 'pdm.token';

export interface HashToken {
  /** The token, or null when the hash said `#token=` with nothing usable. */
  token: string | null;
  /** The hash to show instead, so the secret does not linger in the address bar. */
  nextHash: string;
}

/**
 * `#token=pdm_…` → the token and `#/`. An optional `&then=/map?kiosk=1`
 * (URL-encoded) picks the route to land on, for wall screens that boot into
 * one URL. null when the hash carries no token at all.
 */
export function takeTokenFromHash(hash: string): HashToken | null {
  if (!hash.startsWith('#token=')) return null;
  const params = new URLSearchParams(hash.slice(1));
  const then = params.get('then');
  const nextHash = then && then.startsWith('/') && !then.startsWith('//') ? `#${then}` : '#/';
  return { token: normalizeToken(params.get('token')), nextHash };
}

/**
 * What a person pasted, as a token: trimmed, without a leading "Bearer " or
 * quotes; a whole sign-in URL (`…#token=pdm_…`) gives its token. null when
 * nothing token-like is left (empty, spaces or control characters inside, too short or long).
 */
export function normalizeToken(text: string | null | undefined): string | null {
  if (!text) return null;
  let t = text.trim();
  const inUrl = /[#&?](?:token|access_token)=([^&\s]+)/.exec(t);
  if (inUrl) t = safeDecode(inUrl[1]!);
  t = t.replace(/^bearer\s+/i, '').replace(/^["'`]+|["'`]+$/g, '').trim();
  if (t.length < 8 || t.length > 512) return null;
  if (/[\s\u0000-\u001f\u007f]/.test(t)) return null;
  return t;
}

/** Headers that authenticate a request; none without a token. */
export function authHeaders(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The event-stream URL with `access_token` (EventSource cannot send headers). */
export function eventsUrl(path: string, token: string | null): string {
  if (!token) return path;
  return `${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
}

/** A short, non-secret hint of which token is stored: "pdm_c7m…plE". */
export function tokenHint(token: string): string {
  return token.length <= 12 ? '…' : `${token.slice(0, 7)}…${token.slice(-3)}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
