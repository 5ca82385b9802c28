/**
 * Ground truth: which fault really happened on which device, and when, so
 * detection can be scored afterwards (was it caught, how early, what was
 * missed). Kept in memory and, given a file, appended as JSON lines: one
 * `start` event when a fault starts, one `end` event when it ends.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { FAULT_KINDS, type FaultKind } from './faults';

export interface GroundTruthRecord {
  faultId: string;
  deviceId: string;
  kind: FaultKind;
  startAt: number;
  failureAt: number | null;
  /** When it ended (repaired or over); null while still active. */
  endAt: number | null;
}

export const groundTruthEventSchema = z.strictObject({
  event: z.enum(['start', 'end']),
  faultId: z.string().min(1),
  deviceId: z.string().min(1),
  kind: z.enum(FAULT_KINDS),
  startAt: z.number().int(),
  failureAt: z.number().int().nullable(),
  endAt: z.number().int().nullable(),
});
export type GroundTruthEvent = z.infer<typeof groundTruthEventSchema>;

export class GroundTruthLog {
  private readonly byId = new Map<string, GroundTruthRecord>();

  /** With a file, events are appended to it (its folder is created if needed). */
  constructor(readonly file?: string) {
    if (file) mkdirSync(dirname(file), { recursive: true });
  }

  start(record: Omit<GroundTruthRecord, 'endAt'>): void {
    if (this.byId.has(record.faultId)) throw new Error(`ground truth: fault "${record.faultId}" started twice`);
    const rec: GroundTruthRecord = { ...record, endAt: null };
    this.byId.set(rec.faultId, rec);
    this.write({ event: 'start', ...rec });
  }

  end(faultId: string, endAt: number): void {
    const rec = this.byId.get(faultId);
    if (!rec) throw new Error(`ground truth: fault "${faultId}" ended but never started`);
    if (rec.endAt !== null) return;
    rec.endAt = endAt;
    this.write({ event: 'end', ...rec });
  }

  /** Every fault that has started, in order of start. */
  records(): GroundTruthRecord[] {
    return [...this.byId.values()].map((r) => ({ ...r })).sort((a, b) => a.startAt - b.startAt);
  }

  private write(event: GroundTruthEvent): void {
    if (this.file) appendFileSync(this.file, `${JSON.stringify(event)}\n`);
  }
}

/**
 * Reads a ground-truth.jsonl back into one record per fault (its latest
 * event wins). Faults are keyed by id and start, so a file appended to by
 * several runs keeps them apart. Throws naming the line of a bad event.
 */
export function readGroundTruthFile(path: string): GroundTruthRecord[] {
  const records = new Map<string, GroundTruthRecord>();
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (err) {
        throw new Error(`${path}:${i + 1}: not valid JSON: ${(err as Error).message}`);
      }
      const parsed = groundTruthEventSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`${path}:${i + 1}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      }
      const { event: _event, ...rec } = parsed.data;
      records.set(`${rec.faultId}@${rec.startAt}`, rec);
    });
  return [...records.values()].sort((a, b) => a.startAt - b.startAt);
}
