/**
 * Takes samples at fixed instants of the source's clock. The agent calls
 * `takeDue()` from a real-time timer; whatever sample instants the clock has
 * passed since the last call are read, each with its own timestamp, so a clock
 * running 60x faster than real time yields about 60 samples per real second at
 * a 1 s interval, all on the same evenly spaced grid.
 */
import type { Clock, SignalSource } from '../simulators/signal-source';
import type { NewSample } from './outbox';

export interface SamplerOptions {
  source: SignalSource;
  clock: Clock;
  deviceIds: readonly string[];
  /** Spacing of sample instants, in the clock's milliseconds. */
  sampleIntervalMs: number;
  /** Most instants read per call; a larger backlog is read on later calls. */
  maxInstantsPerCall?: number;
  /** Called when the source throws; the reading counts as a dropout. */
  onReadError?: (deviceId: string, ts: number, error: unknown) => void;
}

export interface SampleBatch {
  samples: NewSample[];
  /** Sample instants read. */
  instants: number;
  /** Readings the source returned null for (or threw on). */
  dropouts: number;
  /** How far the next instant lags the clock, in clock ms (0 when caught up). */
  lagMs: number;
}

export class Sampler {
  private nextTs: number;
  private readonly maxInstants: number;

  constructor(private readonly options: SamplerOptions) {
    const { sampleIntervalMs } = options;
    if (!Number.isInteger(sampleIntervalMs) || sampleIntervalMs < 1) {
      throw new RangeError(`sampleIntervalMs must be a positive integer (got ${sampleIntervalMs})`);
    }
    this.maxInstants = options.maxInstantsPerCall ?? 1000;
    // First instant: the clock's current time rounded up to the interval grid.
    this.nextTs = Math.ceil(options.clock.now() / sampleIntervalMs) * sampleIntervalMs;
  }

  /** The timestamp the next sample instant will have. */
  get nextSampleTs(): number {
    return this.nextTs;
  }

  /** Reads every device at each instant the clock has reached. */
  takeDue(): SampleBatch {
    const { source, clock, deviceIds, sampleIntervalMs, onReadError } = this.options;
    const now = clock.now();
    const samples: NewSample[] = [];
    let instants = 0;
    let dropouts = 0;
    while (this.nextTs <= now && instants < this.maxInstants) {
      const ts = this.nextTs;
      for (const deviceId of deviceIds) {
        let sample = null;
        try {
          sample = source.read(deviceId, ts);
        } catch (error) {
          onReadError?.(deviceId, ts, error);
        }
        if (sample) samples.push({ deviceId, sample: { ...sample, ts } });
        else dropouts++;
      }
      this.nextTs += sampleIntervalMs;
      instants++;
    }
    return { samples, instants, dropouts, lagMs: this.nextTs <= now ? now - this.nextTs : 0 };
  }
}
