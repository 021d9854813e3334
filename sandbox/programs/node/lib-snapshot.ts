// This thread's snapshot of a QuickJS runtime with every built-in module
// compiled (snapshot.ts): taken here on request (warmLibSnapshot), or handed
// over by whoever took it (useLibSnapshot: a guest worker's, shared by the
// pool with the workers it starts and with the engine's thread). Until there
// is one, node processes start cold and compile the built-ins they require.
import { NodeGuest } from './guest.ts';
import { startVM, takeSnapshot, type GuestVM, type QuickJSSnapshot } from './snapshot.ts';

/** How long the compile runs before the thread's other work gets a turn. */
const SLICE_MS = 10;

let ready: QuickJSSnapshot | null = null;
let taking: Promise<QuickJSSnapshot | null> | null = null;

/** Uses `snapshot` from now on (taken by another thread of this engine, from the same WASM). */
export function useLibSnapshot(snapshot: QuickJSSnapshot): void {
  ready = snapshot;
}

/** Takes the snapshot here unless there is one (or one is being taken); resolves to it (null: this QuickJS cannot be snapshotted). */
export function warmLibSnapshot(): Promise<QuickJSSnapshot | null> {
  if (ready) return Promise.resolve(ready);
  let slice = performance.now();
  // Compiled a slice at a time: the thread taking it (the engine's, without workers) stays responsive.
  const breathe = async (): Promise<void> => {
    if (performance.now() - slice < SLICE_MS) return;
    await new Promise<void>((resolve) => { setTimeout(resolve, 0); });
    slice = performance.now();
  };
  taking ??= takeSnapshot((ctx) => NodeGuest.precompile(ctx, breathe)).then((s) => {
    ready ??= s;
    return ready;
  }, () => null);
  return taking;
}

/** A runtime for a node process whose memory stops at `maxBytes`: warm when a snapshot is here or being taken (it waits for it), else cold. */
export async function nodeVM(maxBytes: number): Promise<GuestVM> {
  const snapshot = ready ?? (taking ? await taking : null);
  return startVM(maxBytes, snapshot);
}
