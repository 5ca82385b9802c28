/**
 * Detection input when ingest is split over several workers (MQTT 5 shared
 * subscriptions distribute messages, not devices, so a device's batches are
 * stored by whichever worker got them). Instead of each worker running a
 * detector on what it happened to store, one follower per device reads the
 * device's stored series back in seq order and feeds it to the one detector
 * that owns the device: every point once, in order, whichever worker stored
 * it. Gaps are handled by series-cursor.ts.
 *
 * Ownership: the server runs the one follower and the one detector, for
 * every device; ingest workers run none.
 */
import type { TelemetryPoint } from '../../contract/telemetry';
import type { TelemetryStore } from '../telemetry-store/telemetry-store';
import { advanceCursor, initialCursor, type CursorState } from './series-cursor';

export interface StoredSeriesFollowerOptions {
  store: Pick<TelemetryStore, 'query' | 'latest'>;
  deviceIds: () => Iterable<string>;
  /** Receives each device's points in seq order, each once. */
  onPoints: (points: TelemetryPoint[]) => void;
  onError: (err: unknown) => void;
  /** How long to wait for a missing seq before skipping it. */
  graceMs?: number;
  pollMs?: number;
  /** Most points read per device and poll. */
  readLimit?: number;
  now?: () => number;
}

export interface FollowerStats {
  fed: number;
  skipped: number;
  polls: number;
  /** Devices currently waiting at a gap. */
  waiting: number;
}

export class StoredSeriesFollower {
  private readonly cursors = new Map<string, CursorState>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly now: () => number;
  readonly stats: FollowerStats = { fed: 0, skipped: 0, polls: 0, waiting: 0 };

  constructor(private readonly options: StoredSeriesFollowerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts after what is stored already (the detector starts fresh, as after any restart), then polls. */
  async start(): Promise<void> {
    for (const id of this.options.deviceIds()) {
      const last = await this.options.store.latest(id);
      this.cursors.set(id, last ? initialCursor(last.seq, last.ts) : initialCursor());
    }
    this.schedule(0);
  }

  /** Reads and feeds everything stored so far (tests and shutdown use it). */
  async poll(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.pollOnce().finally(() => (this.running = null));
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.poll().then(
        () => this.schedule(this.options.pollMs ?? 500),
        (err) => {
          this.options.onError(err);
          this.schedule(this.options.pollMs ?? 500);
        },
      );
    }, ms);
    this.timer.unref();
  }

  private async pollOnce(): Promise<void> {
    const limit = this.options.readLimit ?? 5000;
    const graceMs = this.options.graceMs ?? 30_000;
    this.stats.polls++;
    let waiting = 0;
    for (const id of this.options.deviceIds()) {
      for (;;) {
        const cursor = this.cursors.get(id) ?? initialCursor();
        const points = await this.options.store.query({ deviceId: id, from: cursor.ts, to: Number.MAX_SAFE_INTEGER, limit });
        const step = advanceCursor(cursor, points, this.now(), graceMs);
        this.cursors.set(id, step.state);
        this.stats.skipped += step.skipped;
        if (step.feed.length) {
          this.stats.fed += step.feed.length;
          this.options.onPoints(step.feed);
        }
        if (step.state.waitingSince !== null) waiting++;
        // A full read that moved the cursor may have more behind it.
        if (points.length < limit || step.feed.length === 0) break;
      }
    }
    this.stats.waiting = waiting;
  }
}
