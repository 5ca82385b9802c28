/**
 * The gateway's DeadLetterSink, backed by the dead_letters table: keeps the
 * reason, the detail, the first 512 bytes of the payload as text and its size.
 * record() never throws: ingest must move on whatever happens here.
 */
import { count, desc, eq } from 'drizzle-orm';
import type { DeadLetter, DeadLetterReason, DeadLetterSink } from '../../gateway/ingest/dead-letter-sink';
import type { DeadLetterView, Paged } from '../http/api-types';
import { deadLetters } from '../db/schema';
import type { ServiceDeps } from '../service-deps';
import { toDeadLetterView } from './dead-letter-views';

export const PREVIEW_BYTES = 512;

export interface DeadLetterPage extends Paged<DeadLetterView> {
  /** Stored dead letters per reason (all of them, not only this page). */
  countsByReason: Partial<Record<DeadLetterReason, number>>;
}

export interface DeadLetterStore extends DeadLetterSink {
  list(filter: { reason?: DeadLetterReason; limit: number; offset: number }): DeadLetterPage;
}

export function createDeadLetterStore({ database, bus, logger }: Pick<ServiceDeps, 'database' | 'bus' | 'logger'>): DeadLetterStore {
  const { db } = database;
  return {
    record(letter: DeadLetter): void {
      let view: DeadLetterView;
      try {
        const row = db
          .insert(deadLetters)
          .values({
            receivedAt: letter.receivedAt,
            clientId: letter.clientId,
            topic: letter.topic,
            reason: letter.reason,
            detail: letter.detail,
            payloadPreview: letter.payload.subarray(0, PREVIEW_BYTES).toString('utf8'),
            payloadBytes: letter.payload.length,
          })
          .returning()
          .get();
        view = toDeadLetterView(row);
      } catch (err) {
        logger.error({ err, topic: letter.topic, reason: letter.reason, detail: letter.detail }, 'could not store a dead letter');
        return;
      }
      try {
        bus.publish('dead-letter', view);
      } catch (err) {
        logger.error({ err }, 'could not publish a dead letter');
      }
    },

    list({ reason, limit, offset }) {
      const where = reason ? eq(deadLetters.reason, reason) : undefined;
      const rows = db.select().from(deadLetters).where(where).orderBy(desc(deadLetters.id)).limit(limit).offset(offset).all();
      const total = db.select({ n: count() }).from(deadLetters).where(where).get()?.n ?? 0;
      const byReason = db.select({ reason: deadLetters.reason, n: count() }).from(deadLetters).groupBy(deadLetters.reason).all();
      return { items: rows.map(toDeadLetterView), total, countsByReason: Object.fromEntries(byReason.map((r) => [r.reason, r.n])) };
    },
  };
}
