/**
 * Turns one MQTT telemetry message into points, or into the reason it must
 * be dead-lettered. Pure: no I/O, no clock.
 */
import { formatIssues, MAX_PAYLOAD_BYTES, telemetryMessageSchema, toPoints, type TelemetryPoint } from '../../contract/telemetry';
import { parseTopic, TopicError } from '../../contract/topics';
import type { DeadLetterReason } from './dead-letter-sink';
import { fastTelemetryPoints } from './telemetry-fast-path';

/** Where a known device belongs; ingest refuses samples for unknown devices. */
export interface DeviceDirectory {
  get(deviceId: string): { siteId: string; lineId: string } | undefined;
}

export type Validated =
  | { ok: true; deviceId: string; points: TelemetryPoint[] }
  | { ok: false; reason: DeadLetterReason; detail: string };

const reject = (reason: DeadLetterReason, detail: string): Validated => ({ ok: false, reason, detail });

export function validateTelemetry(topic: string, payload: Buffer, devices: DeviceDirectory, maxBytes = MAX_PAYLOAD_BYTES): Validated {
  const parsed = parseTopic(topic);
  if (parsed instanceof TopicError) return reject('bad-topic', parsed.message);
  if (parsed.kind !== 'telemetry') return reject('bad-topic', `topic "${topic}" is not a telemetry topic`);

  const device = devices.get(parsed.device);
  if (!device) return reject('unknown-device', `device "${parsed.device}" is not in the plant file; add it there or fix the agent's configuration`);
  if (device.siteId !== parsed.site || device.lineId !== parsed.line) {
    return reject(
      'device-line-mismatch',
      `device "${parsed.device}" belongs to ${device.siteId}/${device.lineId}, but was published under ${parsed.site}/${parsed.line}`,
    );
  }

  if (payload.length > maxBytes) return reject('oversize', `payload is ${payload.length} bytes; the limit is ${maxBytes}`);

  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return reject('malformed-json', `payload is not JSON: ${(err as Error).message}`);
  }
  // The common case, a good message, skips zod; zod decides (and words) the rest.
  const fast = fastTelemetryPoints(parsed.device, json);
  if (fast) return { ok: true, deviceId: parsed.device, points: fast };
  const result = telemetryMessageSchema.safeParse(json);
  if (!result.success) {
    const issues = formatIssues(result.error);
    const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    if (issues.length > 5) shown.push(`…and ${issues.length - 5} more`);
    return reject('schema', shown.join('; '));
  }
  return { ok: true, deviceId: parsed.device, points: toPoints(parsed.device, result.data) };
}
