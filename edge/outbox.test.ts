import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sample } from '../contract/telemetry';
import { Outbox } from './outbox';

const T0 = 1_760_000_000_000;
const sample = (i: number, ts = T0 + i * 1000): Sample => ({ ts, temperature: 40 + i, vibration: 1.5, current: 20 });
const parsed = (run: { sampleJson: string[] } | null) => (run ? run.sampleJson.map((s) => JSON.parse(s) as Sample) : []);

let dir: string;
let path: string;
const opened: Outbox[] = [];
const open = (maxPending?: number) => {
  const outbox = new Outbox(path, maxPending === undefined ? {} : { maxPending });
  opened.push(outbox);
  return outbox;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  path = join(dir, 'outbox.db');
});
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('outbox', () => {
  it('numbers samples per device from 0 and reads them back in order', () => {
    const outbox = open();
    const { seqs } = outbox.append([
      { deviceId: 'P-1', sample: sample(0) },
      { deviceId: 'P-2', sample: sample(0) },
      { deviceId: 'P-1', sample: sample(1) },
    ]);
    expect(seqs).toEqual([0, 0, 1]);
    expect(outbox.pending).toBe(3);
    const run = outbox.readRun('P-1', 0, 10);
    expect(run?.seq).toBe(0);
    expect(parsed(run)).toEqual([sample(0), sample(1)]);
    expect(outbox.readRun('P-1', 2, 10)).toBeNull();
  });

  it('never reuses a seq after a restart, even once everything was acknowledged', () => {
    const first = open();
    first.append([0, 1, 2].map((i) => ({ deviceId: 'P-1', sample: sample(i) })));
    first.acknowledge([{ deviceId: 'P-1', seq: 0, count: 3 }]);
    expect(first.pending).toBe(0);
    first.close();

    const second = open();
    expect(second.nextSeq('P-1')).toBe(3);
    expect(second.append([{ deviceId: 'P-1', sample: sample(3) }]).seqs).toEqual([3]);
  });

  it('keeps pending samples across a restart', () => {
    const first = open();
    first.append([0, 1, 2, 3].map((i) => ({ deviceId: 'P-1', sample: sample(i) })));
    first.acknowledge([{ deviceId: 'P-1', seq: 0, count: 2 }]);
    first.close();

    const second = open();
    expect(second.pending).toBe(2);
    expect(second.devicesWithPending()).toEqual(['P-1']);
    expect(parsed(second.readRun('P-1', 0, 10))).toEqual([sample(2), sample(3)]);
  });

  it('splits runs at seq gaps and where timestamps go backwards, so each run is a valid message', () => {
    const outbox = open();
    outbox.append([0, 1, 2, 3].map((i) => ({ deviceId: 'P-1', sample: sample(i) })));
    outbox.acknowledge([{ deviceId: 'P-1', seq: 1, count: 1 }]); // out-of-order ack leaves a hole
    outbox.append([{ deviceId: 'P-1', sample: sample(9, T0) }]); // clock went back (simulator restarted)

    const first = outbox.readRun('P-1', 0, 10)!;
    expect([first.seq, first.sampleJson.length]).toEqual([0, 1]);
    const second = outbox.readRun('P-1', 1, 10)!;
    expect([second.seq, second.sampleJson.length]).toEqual([2, 2]);
    const third = outbox.readRun('P-1', 4, 10)!;
    expect([third.seq, third.sampleJson.length]).toEqual([4, 1]);
  });

  it('limits a run to maxSamples', () => {
    const outbox = open();
    outbox.append([0, 1, 2, 3, 4].map((i) => ({ deviceId: 'P-1', sample: sample(i) })));
    expect(outbox.readRun('P-1', 0, 2)?.sampleJson).toHaveLength(2);
    expect(outbox.readRun('P-1', 2, 2)?.seq).toBe(2);
  });

  it('when full, evicts the oldest pending samples, reports and persists the count, and keeps numbering', () => {
    const outbox = open(4);
    outbox.append([0, 1, 2].map((i) => ({ deviceId: 'P-1', sample: sample(i) })));
    const result = outbox.append([
      { deviceId: 'P-2', sample: sample(0) },
      { deviceId: 'P-1', sample: sample(3) },
      { deviceId: 'P-2', sample: sample(1) },
    ]);
    expect(result.seqs).toEqual([0, 3, 1]);
    expect(result.evicted).toEqual(new Map([['P-1', 2]]));
    expect(outbox.pending).toBe(4);
    expect(outbox.readRun('P-1', 0, 10)?.seq).toBe(2);
    expect(outbox.readRun('P-2', 0, 10)?.sampleJson).toHaveLength(2);
    outbox.close();

    const reopened = open(4);
    expect(reopened.droppedByDevice()).toEqual(new Map([['P-1', 2]]));
    expect(reopened.pending).toBe(4);
    expect(reopened.nextSeq('P-1')).toBe(4);
  });

  it('acknowledging twice or acknowledging evicted samples changes nothing', () => {
    const outbox = open(2);
    outbox.append([0, 1, 2].map((i) => ({ deviceId: 'P-1', sample: sample(i) })));
    expect(outbox.acknowledge([{ deviceId: 'P-1', seq: 0, count: 2 }])).toBe(1);
    expect(outbox.acknowledge([{ deviceId: 'P-1', seq: 0, count: 2 }])).toBe(0);
    expect(outbox.pending).toBe(1);
  });

  it('rejects a non-positive bound', () => {
    expect(() => new Outbox(path, { maxPending: 0 })).toThrow(/maxPending/);
  });
});
