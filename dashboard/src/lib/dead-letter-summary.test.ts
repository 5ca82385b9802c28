import { describe, expect, it } from 'vitest';
import type { DeadLetterView } from '../../../server/http/api-types';
import { countByReason, countsFromRecord, formatBytes, prependLetter, previewText, reasonLabel } from './dead-letter-summary';

const letter = (id: number, reason: DeadLetterView['reason']): DeadLetterView => ({
  id,
  receivedAt: id,
  clientId: null,
  topic: 't',
  reason,
  detail: '',
  payloadPreview: '',
  payloadBytes: 0,
});

describe('dead-letter summary', () => {
  it('counts by reason, most frequent first', () => {
    expect(countByReason([letter(1, 'schema'), letter(2, 'oversize'), letter(3, 'schema'), letter(4, 'bad-topic')])).toEqual([
      { reason: 'schema', count: 2 },
      { reason: 'bad-topic', count: 1 },
      { reason: 'oversize', count: 1 },
    ]);
  });
  it('sorts server-side counts the same way', () => {
    expect(countsFromRecord({ oversize: 1, schema: 7, 'bad-topic': 0 })).toEqual([
      { reason: 'schema', count: 7 },
      { reason: 'oversize', count: 1 },
    ]);
  });
  it('labels known and unknown reasons', () => {
    expect(reasonLabel('malformed-json')).toBe('Malformed JSON');
    expect(reasonLabel('new-reason')).toBe('new-reason');
  });
  it('prepends live letters without duplicates and caps the list', () => {
    const list = [letter(2, 'schema'), letter(1, 'schema')];
    expect(prependLetter(list, letter(3, 'oversize'), 2).map((l) => l.id)).toEqual([3, 2]);
    expect(prependLetter(list, letter(2, 'schema'), 5).map((l) => l.id)).toEqual([2, 1]);
  });
  it('makes previews printable and short', () => {
    expect(previewText('{"a":\n 1}\u0000')).toBe('{"a": 1}·');
    expect(previewText('x'.repeat(10), 5)).toBe('xxxx…');
  });
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(300_000)).toBe('293.0 KiB');
  });
});
