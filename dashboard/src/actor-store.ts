/** Who is using this screen, remembered in localStorage (no login on the shop floor). */
import { normalizeActor } from './lib/actor';

const KEY = 'pdm.actor';
const listeners = new Set<(name: string | null) => void>();

export function getActor(): string | null {
  try {
    return normalizeActor(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function setActor(text: string | null): string | null {
  const name = normalizeActor(text);
  try {
    if (name) localStorage.setItem(KEY, name);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage may be disabled; the name then lasts until reload.
  }
  for (const l of listeners) l(name);
  return name;
}

export function onActorChange(listener: (name: string | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
