import { describe, expect, it } from 'vitest';
import { generateSecret, hashSecret, isSecretHash, verifySecret } from './secret-hash';

describe('agent secret hashing', () => {
  it('verifies the right secret only, with a fresh salt per hash', async () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [a, b] = [await hashSecret(secret), await hashSecret(secret)];
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(isSecretHash(a)).toBe(true);
    expect(await verifySecret(secret, a)).toBe(true);
    expect(await verifySecret(secret, b)).toBe(true);
    expect(await verifySecret(`${secret}x`, a)).toBe(false);
    expect(await verifySecret('', a)).toBe(false);
  });

  it('treats a malformed stored hash as no match', async () => {
    expect(isSecretHash('plain-text')).toBe(false);
    expect(isSecretHash('scrypt$1000$8$1$AA==$AA==')).toBe(false); // N not a power of two
    expect(await verifySecret('x', 'scrypt$16384$8$1$AA==')).toBe(false);
  });
});
