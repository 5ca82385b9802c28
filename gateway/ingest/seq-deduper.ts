/**
 * Drops replayed samples by (device, seq). Agents send each device's samples
 * in seq order and replay unacknowledged ones after a reconnect, so a seq at
 * or below the highest one seen is almost always a replay. A sliding window
 * of recent seqs still admits a sample that arrives late but was never seen
 * (out of order within the window); anything older than the window counts
 * as seen. Memory: one bitmap of `window` bits per device.
 */
export class SeqDeduper {
  private readonly series = new Map<string, { hwm: number; bits: Uint8Array }>();

  constructor(private readonly window = 4096) {
    if (!Number.isInteger(window) || window < 8) throw new Error('window must be an integer >= 8');
  }

  /** Starts a device as if every seq up to `lastSeq` had been seen (warm start from the store). */
  seed(deviceId: string, lastSeq: number): void {
    const bits = new Uint8Array(Math.ceil(this.window / 8)).fill(0xff);
    this.series.set(deviceId, { hwm: lastSeq, bits });
  }

  /** True if (device, seq) is new; records it as seen. */
  accept(deviceId: string, seq: number): boolean {
    let s = this.series.get(deviceId);
    if (!s) {
      s = { hwm: -1, bits: new Uint8Array(Math.ceil(this.window / 8)) };
      this.series.set(deviceId, s);
    }
    if (seq > s.hwm) {
      if (seq - s.hwm >= this.window) s.bits.fill(0);
      else for (let q = s.hwm + 1; q < seq; q++) this.clear(s.bits, q);
      this.set(s.bits, seq);
      s.hwm = seq;
      return true;
    }
    if (seq <= s.hwm - this.window) return false;
    if (this.has(s.bits, seq)) return false;
    this.set(s.bits, seq);
    return true;
  }

  /** Highest seq seen for a device, or null. */
  highest(deviceId: string): number | null {
    const s = this.series.get(deviceId);
    return s && s.hwm >= 0 ? s.hwm : null;
  }

  private slot(seq: number): [number, number] {
    const i = seq % this.window;
    return [i >> 3, 1 << (i & 7)];
  }
  private has(bits: Uint8Array, seq: number): boolean {
    const [byte, mask] = this.slot(seq);
    return (bits[byte]! & mask) !== 0;
  }
  private set(bits: Uint8Array, seq: number): void {
    const [byte, mask] = this.slot(seq);
    bits[byte]! |= mask;
  }
  private clear(bits: Uint8Array, seq: number): void {
    const [byte, mask] = this.slot(seq);
    bits[byte]! &= ~mask;
  }
}
