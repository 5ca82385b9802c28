import { describe, expect, it } from 'vitest';
import { formatIssues, telemetryMessageSchema, toPoints } from './telemetry';

const sample = (over: Record<string, unknown> = {}) => ({ ts: 1_760_000_000_000, temperature: 45.2, vibration: 1.8, current: 22.5, ...over });

describe('telemetry message schema', () => {
  it('accepts a batch and expands per-sample seq', () => {
    const msg = telemetryMessageSchema.parse({ seq: 10, samples: [sample(), sample({ ts: 1_760_000_001_000 })] });
    expect(toPoints('P-1', msg).map((p) => p.seq)).toEqual([10, 11]);
  });

  it.each([
    [{ seq: -1, samples: [sample()] }, 'seq'],
    [{ seq: 1.5, samples: [sample()] }, 'seq'],
    [{ seq: 1, samples: [] }, 'samples'],
    [{ seq: 1, samples: [sample({ temperature: '45' })] }, 'samples.0.temperature'],
    [{ seq: 1, samples: [sample({ vibration: -0.1 })] }, 'samples.0.vibration'],
    [{ seq: 1, samples: [sample({ current: 1e9 })] }, 'samples.0.current'],
    [{ seq: 1, samples: [sample({ ts: 12 })] }, 'samples.0.ts'],
    [{ seq: 1, samples: [sample({ extra: 1 })] }, 'samples.0'],
    [{ seq: 1, samples: [sample({ ts: 1_760_000_001_000 }), sample()] }, 'samples.1.ts'],
    [{ samples: [sample()] }, 'seq'],
  ])('rejects %j naming %s', (payload, path) => {
    const result = telemetryMessageSchema.safeParse(payload);
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error).map((i) => i.path)).toContain(path);
  });
});
