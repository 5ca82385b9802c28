import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signatureOf, verifySignature } from './signing';

const secret = 'whsec_test-secret-0123456789';
const body = '{"id":"evt_1","type":"work-order.created"}';
const ts = 1_773_129_600;

/** The same HMAC computed with Web Crypto, independently of node:crypto's createHmac. */
async function webCryptoSignature(key: string, timestamp: number, text: string): Promise<string> {
  const enc = new TextEncoder();
  const k = await webcrypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await webcrypto.subtle.sign('HMAC', k, enc.encode(`${timestamp}.${text}`)));
  return 'sha256=' + Buffer.from(mac).toString('hex');
}

describe('webhook signatures', () => {
  it('are HMAC-SHA256 over "timestamp.body" in hex', async () => {
    expect(signatureOf(secret, ts, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureOf(secret, ts, body)).toBe(await webCryptoSignature(secret, ts, body));
  });

  it('verify with the right secret, body and a fresh timestamp', () => {
    const signature = signatureOf(secret, ts, body);
    expect(verifySignature(secret, { timestamp: String(ts), signature, body }, ts + 10)).toBe(true);
  });

  it('fail for another secret, a changed body, a changed timestamp, or a stale one', () => {
    const signature = signatureOf(secret, ts, body);
    expect(verifySignature('whsec_other-secret-0123456789', { timestamp: String(ts), signature, body }, ts)).toBe(false);
    expect(verifySignature(secret, { timestamp: String(ts), signature, body: body.replace('created', 'closed') }, ts)).toBe(false);
    expect(verifySignature(secret, { timestamp: String(ts + 1), signature, body }, ts)).toBe(false);
    expect(verifySignature(secret, { timestamp: String(ts), signature, body }, ts + 301)).toBe(false);
    expect(verifySignature(secret, { timestamp: String(ts), signature, body }, ts - 301)).toBe(false);
  });

  it('fail for missing or malformed headers', () => {
    const signature = signatureOf(secret, ts, body);
    expect(verifySignature(secret, { timestamp: null, signature, body }, ts)).toBe(false);
    expect(verifySignature(secret, { timestamp: String(ts), signature: undefined, body }, ts)).toBe(false);
    expect(verifySignature(secret, { timestamp: 'yesterday', signature, body }, ts)).toBe(false);
    expect(verifySignature(secret, { timestamp: String(ts), signature: signature.slice(0, -2), body }, ts)).toBe(false);
  });

  it('secrets are long, random and prefixed', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
