/** Maximum of the last `window` pushed values in O(1) amortised (monotonic deque). */
export class SlidingMax {
  private readonly values: Float64Array;
  private readonly stamps: Float64Array;
  private first = 0;
  private length = 0;
  private pushed = 0;

  constructor(readonly window: number) {
    if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
    this.values = new Float64Array(window);
    this.stamps = new Float64Array(window);
  }

  /** Max of the last `window` values, -Infinity before any. */
  max(): number {
    return this.length === 0 ? -Infinity : this.values[this.first]!;
  }

  push(v: number): void {
    const cap = this.window;
    // Drop smaller values from the back: they can never be the maximum again.
    while (this.length > 0 && this.values[(this.first + this.length - 1) % cap]! <= v) this.length--;
    const at = (this.first + this.length) % cap;
    this.values[at] = v;
    this.stamps[at] = this.pushed;
    this.length++;
    this.pushed++;
    // Drop the front once it has left the window.
    while (this.stamps[this.first]! <= this.pushed - 1 - cap) {
      this.first = (this.first + 1) % cap;
      this.length--;
    }
  }
}
