import type { DeadLetterView } from '../http/api-types';
import type { deadLetters } from '../db/schema';

export type DeadLetterRow = typeof deadLetters.$inferSelect;

export function toDeadLetterView(row: DeadLetterRow): DeadLetterView {
  return {
    id: row.id,
    receivedAt: row.receivedAt,
    clientId: row.clientId,
    topic: row.topic,
    reason: row.reason,
    detail: row.detail,
    payloadPreview: row.payloadPreview,
    payloadBytes: row.payloadBytes,
  };
}
