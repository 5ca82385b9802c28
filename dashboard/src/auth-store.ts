/**
 * The access token this browser uses, kept in localStorage (`pdm.token`),
 * and the app-wide "the server said 401" signal that brings up the sign-in
 * screen. A token arriving in the address bar (`#token=…`) is stored and
 * wiped from the bar at once.
 */
import { normalizeToken, takeTokenFromHash, TOKEN_STORAGE_KEY } from './lib/auth-token';

/** Used when storage is disabled: the token then lasts until reload. */
let memory: string | null = null;
const tokenListeners = new Set<(token: string | null) => void>();
const unauthorizedListeners = new Set<(message: string) => void>();

export function getToken(): string | null {
  try {
    return normalizeToken(localStorage.getItem(TOKEN_STORAGE_KEY)) ?? memory;
  } catch {
    return memory;
  }
}

export function setToken(token: string | null): void {
  memory = token;
  try {
    if (token) localStorage.setItem(TOKEN_STORAGE_KEY, token);
    else localStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Storage disabled: keep it in memory only.
  }
  for (const l of tokenListeners) l(token);
}

export function onTokenChange(listener: (token: string | null) => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

/**
 * On load: `#token=pdm_…` is stored, and the hash is replaced (no new history
 * entry, so Back does not bring the secret back) by `#/` or the `then=` route.
 */
export function captureTokenFromLocation(): void {
  const taken = takeTokenFromHash(location.hash);
  if (!taken) return;
  if (taken.token) setToken(taken.token);
  history.replaceState(history.state, '', `${location.pathname}${location.search}${taken.nextHash}`);
}

/** Called by the API client on any 401: the token is missing, unknown or revoked. */
export function reportUnauthorized(message: string): void {
  for (const l of [...unauthorizedListeners]) l(message);
}

export function onUnauthorized(listener: (message: string) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}
