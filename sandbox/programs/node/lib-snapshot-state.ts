// Which QuickJS snapshot this thread's node processes start from (see
// lib-snapshot.ts, which takes them). Kept apart from the code that takes a
// snapshot, which carries every built-in module: the engine's guest pool
// only hands snapshots over, and must not load node's runtime to do so (the
// page's engine worker starts without it).
import type { QuickJSSnapshot } from './snapshot.ts';

let ready: QuickJSSnapshot | null = null;

/** Uses `snapshot` from now on (taken by another thread of this engine, from the same WASM). */
export function useLibSnapshot(snapshot: QuickJSSnapshot): void {
  ready = snapshot;
}

/** The snapshot in use, if any. */
export function libSnapshot(): QuickJSSnapshot | null {
  return ready;
}
