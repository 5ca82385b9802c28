/**
 * Certificate and key files for a TLS listener, named by environment
 * variables. Read at start; a missing or unreadable file, or only one of the
 * pair, is an error naming the variable.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface TlsPair {
  cert: Buffer;
  key: Buffer;
}

export class TlsFilesError extends Error {}

export function readTlsPair(env: Record<string, string | undefined>, certVar: string, keyVar: string): TlsPair | null {
  const certPath = env[certVar] || undefined;
  const keyPath = env[keyVar] || undefined;
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath) {
    const missing = certPath ? keyVar : certVar;
    throw new TlsFilesError(`${missing} is not set: TLS needs both ${certVar} (certificate, PEM) and ${keyVar} (private key, PEM)`);
  }
  const read = (variable: string, path: string, marker: RegExp) => {
    let text: Buffer;
    try {
      text = readFileSync(resolve(path));
    } catch (err) {
      throw new TlsFilesError(`${variable}=${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    if (!marker.test(text.toString('latin1'))) throw new TlsFilesError(`${variable}=${path}: not a PEM file of the expected kind`);
    return text;
  };
  return {
    cert: read(certVar, certPath, /-----BEGIN CERTIFICATE-----/),
    key: read(keyVar, keyPath, /-----BEGIN [A-Z ]*PRIVATE KEY-----/),
  };
}
