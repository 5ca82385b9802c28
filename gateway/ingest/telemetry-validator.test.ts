import { describe, expect, it } from 'vitest';
import { validateTelemetry, type DeviceDirectory } from './telemetry-validator';

const devices: DeviceDirectory = { get: (id) => (id === 'P-104' ? { siteId: 'plant-1', lineId: 'utilities' } : undefined) };
const topic = 'pdm/v1/plant-1/utilities/P-104/telemetry';
const sample = { ts: 1_760_000_000_000, temperature: 41, vibration: 1.2, current: 18 };
const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('validateTelemetry', () => {
  it('expands a good message into points with per-sample seq', () => {
    const r = validateTelemetry(topic, buf({ seq: 7, samples: [sample, { ...sample, ts: sample.ts + 1000 }] }), devices);
    expect(r).toEqual({
      ok: true,
      deviceId: 'P-104',
      points: [
        { deviceId: 'P-104', seq: 7, ...sample },
        { deviceId: 'P-104', seq: 8, ...sample, ts: sample.ts + 1000 },
      ],
    });
  });

  it.each([
    ['bad-topic', 'pdm/v1/plant-1/utilities/P-104', buf({ seq: 1, samples: [sample] }), /expected 6 segments/],
    ['bad-topic', 'pdm/v1/plant-1/agent/edge-1/status', buf({}), /not a telemetry topic/],
    ['unknown-device', 'pdm/v1/plant-1/utilities/P-999/telemetry', buf({ seq: 1, samples: [sample] }), /P-999.*not in the plant file/],
    ['device-line-mismatch', 'pdm/v1/plant-1/molding-a/P-104/telemetry', buf({ seq: 1, samples: [sample] }), /belongs to plant-1\/utilities/],
    ['oversize', topic, Buffer.alloc(70_000, 32), /70000 bytes/],
    ['malformed-json', topic, buf('{"seq": 1, "samples": ['), /not JSON/],
    ['schema', topic, buf({ seq: 'one', samples: [sample] }), /seq:/],
    ['schema', topic, buf({ seq: 1, samples: [{ ...sample, vibration: 900 }] }), /samples.0.vibration: vibration must be within/],
    ['schema', topic, buf([1, 2, 3]), /\(root\)/],
  ])('dead-letters %s (%s)', (reason, t, payload, detail) => {
    const r = validateTelemetry(t, payload, devices);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.detail).toMatch(detail);
    }
  });
});
