/** Why ingest refused a message. */
export type DeadLetterReason =
  | 'bad-topic'
  | 'oversize'
  | 'malformed-json'
  | 'schema'
  | 'unknown-device'
  | 'device-line-mismatch';

/** A message ingest could not accept, with the reason. */
export interface DeadLetter {
  receivedAt: number;
  clientId: string | null;
  topic: string;
  reason: DeadLetterReason;
  /** Human-readable detail: the failing fields, the parse error, the size. */
  detail: string;
  payload: Buffer;
}

/** Where dead letters go (the server's SQLite table in production). Must not throw. */
export interface DeadLetterSink {
  record(letter: DeadLetter): void;
}
