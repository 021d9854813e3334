// Time for the kernel: a monotonic clock, timers, and a way to give the host
// (the page, other containers) a turn. Injected, so tests can use real time
// and a browser or Node host gets its fastest macrotask.

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Wall clock, ms since the epoch (for `date`, file times). */
  wallNow(): number;
  /** Resolves after `ms`; the returned cancel stops a pending timer. */
  sleep(ms: number): { promise: Promise<void>; cancel(): void };
  /** Resolves on the next macrotask, after pending I/O and timers had a chance. */
  yieldToHost(): Promise<void>;
}

type Host = {
  setImmediate?: (fn: () => void) => unknown;
  MessageChannel?: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(v: unknown): void } };
};

function macrotask(): () => Promise<void> {
  const host = globalThis as unknown as Host;
  if (typeof host.setImmediate === 'function') {
    const si = host.setImmediate;
    return () => new Promise((resolve) => { si(resolve); });
  }
  if (typeof host.MessageChannel === 'function') {
    const ch = new host.MessageChannel();
    const queue: Array<() => void> = [];
    ch.port1.onmessage = () => queue.shift()?.();
    return () => new Promise((resolve) => { queue.push(resolve); ch.port2.postMessage(0); });
  }
  return () => new Promise((resolve) => { setTimeout(resolve, 0); });
}

export function hostClock(): Clock {
  const yieldFn = macrotask();
  return {
    now: () => performance.now(),
    wallNow: () => Date.now(),
    sleep(ms) {
      let id: unknown;
      let done: () => void = () => {};
      const promise = new Promise<void>((resolve) => { done = resolve; id = setTimeout(resolve, Math.max(0, ms)); });
      return { promise, cancel: () => { clearTimeout(id); done(); } };
    },
    yieldToHost: yieldFn,
  };
}
