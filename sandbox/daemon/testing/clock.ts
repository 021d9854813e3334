// A kernel clock for tests that moves only when told: timers (sleeps, stop
// timeouts, health check intervals and timeouts) fire in order as `advance`
// walks time forward, with the simulated processes given their turns in
// between — so a minute of health checks runs in milliseconds, the same way
// every time.
import type { Clock } from '../../kernel/clock.ts';

interface Timer { due: number; seq: number; fire: () => void }

/** Host turns given to the processes after each timer (they finish a probe in a few). */
const SETTLE_TURNS = 50;

const macrotask = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

export class ManualClock implements Clock {
  private t = 0;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  /** `wallStart`: what wallNow() reads before any advance (ms since the epoch). */
  constructor(private readonly wallStart: number) {}

  now(): number { return this.t; }
  wallNow(): number { return this.wallStart + this.t; }

  sleep(ms: number): { promise: Promise<void>; cancel(): void } {
    let timer!: Timer;
    const promise = new Promise<void>((resolve) => {
      timer = { due: this.t + Math.max(0, ms), seq: this.seq++, fire: resolve };
    });
    this.timers.add(timer);
    return { promise, cancel: () => { this.timers.delete(timer); timer.fire(); } };
  }

  yieldToHost(): Promise<void> { return macrotask(); }

  /** Lets the processes run at the current time. */
  async settle(): Promise<void> {
    for (let i = 0; i < SETTLE_TURNS; i++) await macrotask();
  }

  /** Moves time forward by `ms`, firing each timer due on the way at its own time. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await this.settle();
    for (;;) {
      let next: Timer | null = null;
      for (const timer of this.timers) if (timer.due <= end && (!next || timer.due < next.due || (timer.due === next.due && timer.seq < next.seq))) next = timer;
      if (!next) break;
      this.timers.delete(next);
      this.t = next.due;
      next.fire();
      await this.settle();
    }
    this.t = end;
    await this.settle();
  }
}
