// When to save the machine: soon after a change (a quiet moment of
// `delayMs`, but never more than `maxDelayMs` after the first unsaved
// change, however busy the engine is), one save at a time — a change during
// a save means another save after it. A failure is reported once, when it
// starts; a later save that works ends it.

export interface SaverOptions {
  /** Takes and stores one snapshot. */
  save: () => Promise<void>;
  /** A failure streak began (the first failed save after a good one). */
  onError: (e: unknown) => void;
  /** Saving works again after a failure. */
  onRecovered?: () => void;
  delayMs?: number;
  maxDelayMs?: number;
}

export class Saver {
  private dirty = false;
  private firstChange = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private failing = false;
  private stopped = false;
  private readonly delayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly opts: SaverOptions) {
    this.delayMs = opts.delayMs ?? 300;
    this.maxDelayMs = opts.maxDelayMs ?? 2000;
  }

  /** Something changed: save soon. */
  changed(): void {
    if (this.stopped) return;
    const now = Date.now();
    if (!this.dirty) this.firstChange = now;
    this.dirty = true;
    if (this.running) return; // it saves again when the current save ends
    this.schedule(now);
  }

  private schedule(now: number): void {
    const cap = this.firstChange + this.maxDelayMs;
    // A save already due by the cap is not pushed back (a busy engine would starve it).
    if (this.timer !== null && now + this.delayMs >= cap) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; void this.run(); }, Math.max(0, Math.min(this.delayMs, cap - now)));
  }

  private run(): Promise<void> {
    if (this.running || this.stopped || !this.dirty) return this.running ?? Promise.resolve();
    this.dirty = false;
    this.running = (async () => {
      try {
        await this.opts.save();
        if (this.failing) { this.failing = false; this.opts.onRecovered?.(); }
      } catch (e) {
        if (!this.failing) { this.failing = true; this.opts.onError(e); }
      } finally {
        this.running = null;
        if (this.dirty && !this.stopped) this.schedule(Date.now());
      }
    })();
    return this.running;
  }

  /**
   * Saves now what is unsaved, and resolves once nothing is being saved:
   * true when everything changed before the call is stored, false when a
   * save failed (or saving was stopped).
   */
  async flush(): Promise<boolean> {
    if (this.timer !== null) { clearTimeout(this.timer); this.timer = null; }
    while (this.running) await this.running;
    await this.run();
    return !this.stopped && !this.failing;
  }

  /** No more saves; resolves once the one in progress (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) { clearTimeout(this.timer); this.timer = null; }
    while (this.running) await this.running;
  }
}
