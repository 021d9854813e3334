// Where a host can run guests off the engine's thread. A guest in a worker
// can be preempted (its CPU time is throttled from inside a long turn) and
// always killed (the worker is terminated). The host installs a spawner
// when it can offer workers with SharedArrayBuffer (Node always; a browser
// page when cross-origin isolated); without one, guests run in-thread.

/** The engine's handle on a guest worker. */
export interface GuestWorker {
  post(message: unknown): void;
  onMessage(fn: (message: unknown) => void): void;
  onError(fn: (error: unknown) => void): void;
  /** The guest ended normally: the thread may serve another guest. */
  release(): void;
  /** Stops the thread now, whatever it is doing (kill). */
  terminate(): void;
}

/** The worker's view of the engine. */
export interface EnginePort {
  post(message: unknown): void;
  onMessage(fn: (message: unknown) => void): void;
}

export type GuestWorkerSpawner = () => GuestWorker;

let spawner: GuestWorkerSpawner | null = null;

/** Installs (or, with null, removes) the host's way to start guest workers. */
export function setGuestWorkers(spawn: GuestWorkerSpawner | null): void {
  spawner = spawn;
}

/** A new guest worker, or null when guests must run in this thread. */
export function spawnGuestWorker(): GuestWorker | null {
  if (!spawner || typeof SharedArrayBuffer === 'undefined') return null;
  return spawner();
}
