/**
 * Delivery signatures: HMAC-SHA256 with the webhook's secret over
 * `${timestamp}.${body}` (timestamp in Unix seconds, body the exact bytes
 * sent), hex, sent as `X-PdM-Signature: sha256=<hex>` next to
 * `X-PdM-Timestamp`. Signing the timestamp lets a receiver refuse replays of
 * an old delivery. Pure (node:crypto only).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = {
  delivery: 'x-pdm-delivery',
  event: 'x-pdm-event',
  timestamp: 'x-pdm-timestamp',
  signature: 'x-pdm-signature',
} as const;

export const SECRET_PREFIX = 'whsec_';

/** A new random 256-bit secret. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** The X-PdM-Signature value for `body` sent at `timestamp` (Unix seconds). */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export interface SignedRequest {
  /** X-PdM-Timestamp as received. */
  timestamp: string | null | undefined;
  /** X-PdM-Signature as received. */
  signature: string | null | undefined;
  /** The raw request body, before any JSON parsing. */
  body: string;
}

/**
 * What a receiver does: the signature matches (constant-time compare) and
 * the timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifySignature(secret: string, request: SignedRequest, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!request.timestamp || !request.signature || !/^\d+$/.test(request.timestamp)) return false;
  const timestamp = Number(request.timestamp);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, request.body), 'utf8');
  const given = Buffer.from(request.signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
