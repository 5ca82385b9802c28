import type { DeadLetterReason } from '../../../gateway/ingest/dead-letter-sink';

export interface DeadLetterView {
  id: number;
  receivedAt: number;
  clientId: string | null;
  topic: string;
  reason: DeadLetterReason;
  detail: string;
  /** First 512 bytes of the payload, as text. */
  payloadPreview: string;
  payloadBytes: number;
}

export type { DeadLetterReason };
