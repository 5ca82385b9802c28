/**
 * Certifications with expiry, as pure functions: a certification counts at
 * `at` when it is held and does not expire by then (expiresAt is the first
 * instant it no longer counts).
 */
import type { CertificationView } from '../http/api-types';

export interface Certification {
  name: string;
  /** First instant it no longer counts; null = does not expire. */
  expiresAt: number | null;
}

export const isCertificationValid = (cert: Certification, at: number): boolean => cert.expiresAt === null || at < cert.expiresAt;

export const isoDate = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * Why `held` does not cover `required` at `at`: one sentence per missing or
 * expired certification, in the order required; empty when it does.
 */
export function certificationProblems(held: readonly Certification[], required: readonly string[], at: number): string[] {
  return required.flatMap((name) => {
    const cert = held.find((c) => c.name === name);
    if (!cert) return [`lacks the ${name} certification`];
    if (!isCertificationValid(cert, at)) return [`${name} certification expired ${isoDate(cert.expiresAt!)}`];
    return [];
  });
}

/** Required certifications of `held` that expire within `withinMs` after `at` (still valid now). */
export function expiringSoon(held: readonly Certification[], required: readonly string[], at: number, withinMs: number): Certification[] {
  return held.filter((c) => required.includes(c.name) && c.expiresAt !== null && c.expiresAt > at && c.expiresAt - at <= withinMs);
}

export function toCertificationView(cert: Certification, at: number): CertificationView {
  return { name: cert.name, expiresAt: cert.expiresAt, expired: !isCertificationValid(cert, at) };
}
