/**
 * Text similarity for similar-order search: simple tokens (lower-case words,
 * stop words and bare numbers dropped) weighted by TF-IDF over the documents
 * compared, and the cosine between two weighted vectors.
 */

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by for from had has have he her his i if in into is it its of on or our she so ' +
    'than that the their them then there these they this to too was we were what when which while who will with ' +
    'would you your after again all also any before being both did do does each few more most no nor not only other ' +
    'out over own same some such under until up very off down about above below between during through once here why how ' +
    'order orders work wo seeded'
  ).split(' '),
);

/** Lower-case words of two or more letters, without stop words or bare numbers. */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length > 1 && !/^\d+$/.test(t) && !STOP_WORDS.has(t));
}

export type TermVector = Map<string, number>;

/**
 * TF-IDF vectors of `documents` (token lists), with smoothed inverse document
 * frequency idf = ln((1 + n) / (1 + df)) + 1 over the same documents.
 */
export function tfidfVectors(documents: readonly string[][]): TermVector[] {
  const df = new Map<string, number>();
  for (const doc of documents) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = documents.length;
  return documents.map((doc) => {
    const tf = new Map<string, number>();
    for (const term of doc) tf.set(term, (tf.get(term) ?? 0) + 1);
    const vector: TermVector = new Map();
    for (const [term, count] of tf) vector.set(term, count * (Math.log((1 + n) / (1 + df.get(term)!)) + 1));
    return vector;
  });
}

/** Cosine of the angle between two vectors: 0 (nothing shared) .. 1 (same direction); 0 for an empty one. */
export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, w] of a) {
    na += w * w;
    const other = b.get(term);
    if (other !== undefined) dot += w * other;
  }
  for (const w of b.values()) nb += w * w;
  return na === 0 || nb === 0 ? 0 : Math.min(1, dot / Math.sqrt(na * nb));
}
