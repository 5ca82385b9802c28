/**
 * Words a planner reads about an outcome, e.g.
 * "Confirmed vibration-high. Cause: worn drive-end bearing. Action: replaced the bearing.
 *  Parts: 1 × 6205-2RS (deep groove ball bearing). Labour: 1 h 30 min."
 */
import type { OutcomeView } from '../http/api-types';
import { formatNumber } from './fault-text';

/** 90 -> "1 h 30 min", 45 -> "45 min", 120 -> "2 h". */
export function formatLabour(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

export function describeOutcome(outcome: OutcomeView): string {
  if (outcome.kind === 'no-fault-found') return `No fault found. ${sentence(outcome.note)}`;
  const parts = outcome.parts.map((p) => `${formatNumber(p.quantity)} × ${p.partNumber}${p.description ? ` (${p.description})` : ''}`);
  if (outcome.kind === 'completed') {
    return [
      `Work done: ${sentence(outcome.action)}`,
      parts.length ? `Parts: ${parts.join(', ')}.` : 'No parts used.',
      `Labour: ${formatLabour(outcome.labourMinutes)}.`,
      ...(outcome.findings ? [`Findings: ${sentence(outcome.findings)}`] : []),
    ].join(' ');
  }
  return [
    `Confirmed ${outcome.failureMode}.`,
    `Cause: ${sentence(outcome.cause)}`,
    `Action: ${sentence(outcome.action)}`,
    parts.length ? `Parts: ${parts.join(', ')}.` : 'No parts used.',
    `Labour: ${formatLabour(outcome.labourMinutes)}.`,
  ].join(' ');
}
