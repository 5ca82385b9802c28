/** Why an order is on hold, as people read it; which reasons pause the resolution clock (as the server's SLA policy does). */
import type { HoldReason } from '../../../server/http/api-types';

export const HOLD_REASONS = ['waiting-for-parts', 'waiting-for-vendor', 'waiting-for-production', 'waiting-for-approval', 'other'] as const satisfies readonly HoldReason[];

type Missing = Exclude<HoldReason, (typeof HOLD_REASONS)[number]>;
const noneMissing: [Missing] extends [never] ? true : never = true;
void noneMissing;

export const HOLD_REASON_LABEL: Record<HoldReason, string> = {
  'waiting-for-parts': 'Waiting for parts',
  'waiting-for-vendor': 'Waiting for vendor',
  'waiting-for-production': 'Waiting for production',
  'waiting-for-approval': 'Waiting for approval',
  other: 'Other',
};

const PAUSING: readonly HoldReason[] = ['waiting-for-parts', 'waiting-for-vendor', 'waiting-for-production'];

/** Parts, vendor and production pause the resolution clock; approval and other do not. */
export function holdPausesSla(reason: HoldReason): boolean {
  return PAUSING.includes(reason);
}

export function isHoldReason(value: unknown): value is HoldReason {
  return typeof value === 'string' && (HOLD_REASONS as readonly string[]).includes(value);
}

/** "Waiting for parts", or the raw value for a reason this dashboard does not know yet. */
export function holdReasonLabel(value: string | null | undefined): string | null {
  if (!value) return null;
  return isHoldReason(value) ? HOLD_REASON_LABEL[value] : value;
}
