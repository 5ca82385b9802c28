/**
 * The first admin token, so a fresh install can be used at once: created on
 * first start and kept in DATA_DIR/admin-token (mode 0600) so each start can
 * print a dashboard link that signs the browser in. Revoke it (or delete the
 * file) once real tokens exist; a revoked one is not recreated unless the
 * file is removed.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TokenService } from './token-service';

export interface BootstrapToken {
  token: string;
  created: boolean;
}

export function ensureBootstrapToken(tokens: TokenService, file: string): BootstrapToken | null {
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (tokens.isActive(saved, 'admin')) return { token: saved, created: false };
    // The saved token was revoked: respect that, and don't mint a new one behind the admin's back.
    if (saved) return null;
  }
  const { token } = tokens.create({ name: 'bootstrap admin', role: 'admin', createdBy: 'first start' });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, token + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, created: true };
}
