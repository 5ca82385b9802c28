/**
 * Payload schemas for edge -> gateway messages. Types are inferred from the
 * schemas, so validation and the TypeScript types cannot drift apart.
 */
import { z } from 'zod';
import { METRIC_INFO } from './metrics';

/** Largest telemetry payload ingest accepts, in bytes. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Most samples one message may carry. */
export const MAX_SAMPLES_PER_MESSAGE = 500;

const metricValue = (name: keyof typeof METRIC_INFO) => {
  const { min, max, unit } = METRIC_INFO[name];
  return z
    .number({ error: `${name} must be a number (${unit})` })
    .refine(Number.isFinite, `${name} must be finite`)
    .refine((v) => v >= min && v <= max, `${name} must be within ${min}..${max} ${unit}`);
};

/** One reading of one device: ts in epoch milliseconds. */
export const sampleSchema = z.strictObject({
  ts: z.number().int().min(946684800000, 'ts must be epoch milliseconds after 2000-01-01'),
  temperature: metricValue('temperature'),
  vibration: metricValue('vibration'),
  current: metricValue('current'),
});
export type Sample = z.infer<typeof sampleSchema>;

/**
 * A batch of samples of the device named in the topic. `seq` is the sequence
 * number of the first sample; sample i has seq + i. Sequence numbers increase
 * per device and never repeat, so the gateway drops replays by (device, seq).
 */
export const telemetryMessageSchema = z
  .strictObject({
    seq: z.number().int().nonnegative(),
    samples: z.array(sampleSchema).min(1, 'samples must not be empty').max(MAX_SAMPLES_PER_MESSAGE),
  })
  .superRefine((msg, ctx) => {
    for (let i = 1; i < msg.samples.length; i++) {
      if (msg.samples[i]!.ts < msg.samples[i - 1]!.ts) {
        ctx.addIssue({ code: 'custom', path: ['samples', i, 'ts'], message: 'sample timestamps must not go backwards' });
        return;
      }
    }
  });
export type TelemetryMessage = z.infer<typeof telemetryMessageSchema>;

/** Retained agent status; the last will publishes `{ state: 'offline' }`. */
export const agentStatusSchema = z.strictObject({
  state: z.enum(['online', 'offline']),
  agentId: z.string(),
  devices: z.array(z.string()).optional(),
  ts: z.number().int().optional(),
});
export type AgentStatus = z.infer<typeof agentStatusSchema>;

/** A stored sample: one device, one seq. */
export interface TelemetryPoint extends Sample {
  deviceId: string;
  seq: number;
}

/** Expands a message into points with their per-sample seq. */
export function toPoints(deviceId: string, msg: TelemetryMessage): TelemetryPoint[] {
  return msg.samples.map((s, i) => ({ deviceId, seq: msg.seq + i, ...s }));
}

/** Formats zod issues as `path: message` lines for dead letters and HTTP errors. */
export function formatIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}
