/**
 * Similar past orders (pure, no I/O): for one order, the closed or resolved
 * orders with an outcome that look most like it, with what was found and done.
 *
 * Score (0..1) = the weighted facets that match:
 *   failure mode (the past order's confirmed one, else its detected one)  0.30
 *   signal signature from the evidence: same metric 0.12, same severity 0.04,
 *     value/limit ratio within 0.25 of each other (linear credit)       0.12
 *     rise rate over the recent points, in limit fractions per hour     0.12
 *   text: TF-IDF cosine over title, description and outcome text        0.30
 * Equipment class is a tier, not a weight: orders of the same class come
 * first; orders of another class are a last resort, only when they share the
 * failure mode or the metric, and never rank above a same-class order.
 * A candidate with no matching facet besides its class is not similar.
 * Ties: newer first (closedAt, then id).
 */
import type { Metric } from '../../contract/metrics';
import type { EquipmentClass } from '../../contract/plant';
import type { FailureMode, Severity } from '../detection/types';
import type { EvidenceView, OutcomeView, SimilarityFacet, WorkOrderStatus } from '../http/api-types';
import { cosine, tfidfVectors, tokenize } from './work-order-similarity-text';

export const SIMILARITY_WEIGHTS = {
  'failure-mode': 0.3,
  metric: 0.12,
  severity: 0.04,
  exceedance: 0.12,
  'rise-rate': 0.12,
  text: 0.3,
} as const satisfies Partial<Record<SimilarityFacet, number>>;

/** Value/limit ratios this far apart or more get no exceedance credit. */
export const EXCEEDANCE_SPAN = 0.25;

/** What similarity reads of an order's evidence; `recent` needs only its first and last point. */
export type SignalEvidence = Pick<EvidenceView, 'metric' | 'severity' | 'value' | 'limit' | 'recent'>;

/** The order to find matches for. */
export interface SimilarityTarget {
  id: number;
  title: string;
  description: string;
  equipmentClass: EquipmentClass;
  failureMode: FailureMode | null;
  evidence: SignalEvidence | null;
}

/** A past order that may match: closed or resolved, with its outcome. */
export interface SimilarityCandidate extends SimilarityTarget {
  number: string;
  status: WorkOrderStatus;
  deviceId: string;
  deviceName: string;
  outcome: OutcomeView;
  repairEffective: boolean | null;
  closedAt: number;
}

export interface SimilarityReason {
  facet: SimilarityFacet;
  text: string;
}

export interface SimilarityMatch {
  candidate: SimilarityCandidate;
  sameClass: boolean;
  /** 0..1, rounded to 3 decimals. */
  score: number;
  reasons: SimilarityReason[];
}

/** What the evidence says about the signal: which metric, how severe, how far past the limit, how fast it rose. */
export interface SignalSignature {
  metric: Metric;
  severity: Severity;
  /** value / limit at detection; null when the limit is 0. */
  ratio: number | null;
  /** Change from the first to the last recent point, in fractions of the limit per hour; null without two points apart in time. */
  risePerHour: number | null;
}

const HOUR = 3_600_000;

export function signalSignature(evidence: SignalEvidence): SignalSignature {
  const ratio = evidence.limit !== 0 ? evidence.value / evidence.limit : null;
  return { metric: evidence.metric, severity: evidence.severity, ratio, risePerHour: riseRate(evidence.recent, evidence.limit) };
}

function riseRate(points: ReadonlyArray<readonly [number, number]>, limit: number): number | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || last[0] <= first[0] || limit === 0) return null;
  return ((last[1] - first[1]) / (last[0] - first[0])) * (HOUR / Math.abs(limit));
}

/** 1 for equal rates, falling to 0 when they differ by their own size (opposite signs: 0). */
function rateCloseness(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  if (scale < 1e-9) return 1;
  return Math.max(0, 1 - Math.abs(a - b) / scale);
}

/** The failure mode the past order turned out to be (confirmed), else the one it was raised for. */
const candidateMode = (c: SimilarityCandidate): FailureMode | null => (c.outcome.kind === 'confirmed' ? c.outcome.failureMode : c.failureMode);

function documentText(o: SimilarityTarget, outcome?: OutcomeView): string {
  const parts = [o.title, o.description, o.failureMode ?? ''];
  if (outcome?.kind === 'confirmed') parts.push(outcome.failureMode, outcome.cause, outcome.action);
  if (outcome?.kind === 'no-fault-found') parts.push(outcome.note);
  return parts.join(' ').replace(/-/g, ' ');
}

const pct = (r: number) => `${Math.round(r * 100)} %`;

/** The facets of one candidate that match the target, with their credit (0..weight). */
function facetScores(target: SimilarityTarget, targetSig: SignalSignature | null, c: SimilarityCandidate, text: number) {
  const scored: Array<SimilarityReason & { credit: number }> = [];
  const add = (facet: keyof typeof SIMILARITY_WEIGHTS, fraction: number, words: string) => {
    if (fraction > 0) scored.push({ facet, text: words, credit: SIMILARITY_WEIGHTS[facet] * Math.min(1, fraction) });
  };
  const mode = candidateMode(c);
  if (target.failureMode !== null && mode === target.failureMode) add('failure-mode', 1, `same failure mode (${mode})`);
  const sig = c.evidence ? signalSignature(c.evidence) : null;
  if (targetSig && sig) {
    if (sig.metric === targetSig.metric) {
      add('metric', 1, `same signal (${sig.metric})`);
      if (sig.severity === targetSig.severity) add('severity', 1, `same severity (${sig.severity})`);
      if (sig.ratio !== null && targetSig.ratio !== null) {
        const closeness = 1 - Math.abs(sig.ratio - targetSig.ratio) / EXCEEDANCE_SPAN;
        add('exceedance', closeness, `similar exceedance (${pct(sig.ratio)} of the limit vs ${pct(targetSig.ratio)})`);
      }
      if (sig.risePerHour !== null && targetSig.risePerHour !== null) {
        add('rise-rate', rateCloseness(sig.risePerHour, targetSig.risePerHour), `similar rise (${pct(sig.risePerHour)} of the limit per hour vs ${pct(targetSig.risePerHour)})`);
      }
    }
  }
  add('text', text, `similar text (${Math.round(text * 100)} % alike)`);
  return scored;
}

/**
 * The `limit` candidates most similar to `target`, best first. The target
 * itself and candidates of another class that share neither failure mode nor
 * metric are left out, as are candidates nothing matches.
 */
export function findSimilarOrders(target: SimilarityTarget, candidates: readonly SimilarityCandidate[], limit: number): SimilarityMatch[] {
  const targetSig = target.evidence ? signalSignature(target.evidence) : null;
  const pool = candidates.filter((c) => {
    if (c.id === target.id) return false;
    if (c.equipmentClass === target.equipmentClass) return true;
    const sameMode = target.failureMode !== null && candidateMode(c) === target.failureMode;
    const sameMetric = targetSig !== null && c.evidence?.metric === targetSig.metric;
    return sameMode || sameMetric;
  });
  const vectors = tfidfVectors([tokenize(documentText(target)), ...pool.map((c) => tokenize(documentText(c, c.outcome)))]);
  const targetVector = vectors[0]!;
  const matches: SimilarityMatch[] = [];
  pool.forEach((candidate, i) => {
    const facets = facetScores(target, targetSig, candidate, cosine(targetVector, vectors[i + 1]!));
    if (facets.length === 0) return;
    const sameClass = candidate.equipmentClass === target.equipmentClass;
    const score = Math.round(facets.reduce((s, f) => s + f.credit, 0) * 1000) / 1000;
    const reasons = facets.sort((a, b) => b.credit - a.credit).map(({ facet, text }) => ({ facet, text }));
    const classReason: SimilarityReason = sameClass
      ? { facet: 'equipment-class', text: `same equipment class (${candidate.equipmentClass})` }
      : { facet: 'equipment-class', text: `other equipment class (${candidate.equipmentClass}, not ${target.equipmentClass})` };
    matches.push({ candidate, sameClass, score, reasons: [classReason, ...reasons] });
  });
  return matches.sort(byRank).slice(0, Math.max(0, limit));
}

function byRank(a: SimilarityMatch, b: SimilarityMatch): number {
  return (
    Number(b.sameClass) - Number(a.sameClass) ||
    b.score - a.score ||
    b.candidate.closedAt - a.candidate.closedAt ||
    b.candidate.id - a.candidate.id
  );
}
