// This thread's snapshot of a QuickJS runtime with every built-in module
// compiled (snapshot.ts), and the package files of the engine's code cache
// (code-cache.ts) with them: taken here on request (takeLibSnapshot), or
// handed over by whoever took it (useLibSnapshot: a guest worker's, shared
// by the pool with the workers it starts and with the engine's thread).
// Until there is one, node processes start cold and compile the built-ins
// they require.
import { CodeCache, type CachedFile } from './code-cache.ts';
import { NodeGuest } from './guest.ts';
import { INITIAL_PAGES } from './quickjs.ts';
import { libSnapshot, useLibSnapshot } from './lib-snapshot-state.ts';
import { startVM, takeSnapshot, type GuestVM, type QuickJSSnapshot } from './snapshot.ts';

/** How long the compile runs before the thread's other work gets a turn. */
const SLICE_MS = 10;

let taking: Promise<QuickJSSnapshot | null> | null = null;

export { libSnapshot, useLibSnapshot };

/**
 * Takes a snapshot here with the built-ins and `files` (package files: path,
 * source) compiled, and uses it from now on; resolves to it — null when this
 * QuickJS cannot be snapshotted, or when the files would make a runtime
 * start bigger than an empty one does (the one in use stays then).
 */
export function takeLibSnapshot(files: ReadonlyArray<CachedFile> = []): Promise<QuickJSSnapshot | null> {
  const previous = taking ?? Promise.resolve(null);
  let slice = performance.now();
  // Compiled a slice at a time: the thread taking it (the engine's, without workers) stays responsive.
  const breathe = async (): Promise<void> => {
    if (performance.now() - slice < SLICE_MS) return;
    await new Promise<void>((resolve) => { setTimeout(resolve, 0); });
    slice = performance.now();
  };
  const next: Promise<QuickJSSnapshot | null> = previous.then(async () => {
    const s = await takeSnapshot((ctx) => NodeGuest.precompile(ctx, breathe, files.map(([path, source]) => [path, source] as const)));
    if (!s || (files.length > 0 && s.pages > INITIAL_PAGES)) return null;
    const taken: QuickJSSnapshot = { ...s, versions: files.map(([path, , version]) => [path, version] as const) };
    useLibSnapshot(taken);
    return taken;
  }).catch(() => null).finally(() => {
    if (taking === next) taking = null;
  });
  taking = next;
  return next;
}

/** Takes the built-ins' snapshot here unless there is one or one is being taken. */
export function warmLibSnapshot(): Promise<QuickJSSnapshot | null> {
  const ready = libSnapshot();
  if (ready) return Promise.resolve(ready);
  return taking ?? takeLibSnapshot();
}

/** A runtime for a node process whose memory stops at `maxBytes`: warm when a snapshot is here (or being taken first: it waits), else cold. */
export async function nodeVM(maxBytes: number): Promise<GuestVM> {
  const snapshot = libSnapshot() ?? (taking ? await taking : null) ?? libSnapshot();
  return startVM(maxBytes, snapshot);
}

/** The code cache of guests run in this thread (hosts without workers). */
const here = new CodeCache();

/** Package files a guest of this thread compiled: into the next snapshot taken here, a slice at a time. */
export function cacheCompiledHere(files: ReadonlyArray<readonly [string, string]>): void {
  if (here.add(files)) retake();
}

function retake(): void {
  if (taking || !here.pending) return;
  void takeLibSnapshot(here.take()).then(retake);
}
