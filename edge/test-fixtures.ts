/**
 * Test fixtures for the edge agent: controllable clocks and a deterministic
 * signal source standing in for sensors (MQTT is never faked: see test-broker.ts).
 */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import type { Sample } from '../contract/telemetry';
import type { Clock, SignalSource } from '../simulators/signal-source';

export const T0 = 1_760_000_000_000;

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private t = T0) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A clock running `speed` times faster than real time until frozen. */
export class FastClock implements Clock {
  private readonly startedAt = Date.now();
  private frozenAt: number | null = null;
  constructor(
    private readonly speed: number,
    private readonly start = T0,
  ) {}
  now(): number {
    return this.frozenAt ?? this.start + (Date.now() - this.startedAt) * this.speed;
  }
  freeze(): void {
    this.frozenAt = this.now();
  }
}

/** Readings derived from (device, ts); `dropout(device, ts)` makes the sensor give none. */
export class FakeSource implements SignalSource {
  /** Samples given out per device. */
  readonly given = new Map<string, number>();
  constructor(private readonly dropout: (deviceId: string, ts: number) => boolean = () => false) {}
  read(deviceId: string, ts: number): Sample | null {
    if (this.dropout(deviceId, ts)) return null;
    this.given.set(deviceId, (this.given.get(deviceId) ?? 0) + 1);
    const phase = ((ts - T0) / 1000) % 60;
    return { ts, temperature: 40 + phase / 10, vibration: 1.5 + (deviceId.length % 3) / 10, current: 20 };
  }
}

/** A pino logger whose records are kept for assertions. */
export function capturingLogger(): { logger: Logger; records: { level: number; msg: string; [k: string]: unknown }[] } {
  const records: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) records.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), records };
}

/** Polls until `cond` holds; rejects with `what` after timeoutMs. */
export async function until(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
