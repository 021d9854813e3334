// tar-stream (and the streams it brings: streamx, events, b4a), loaded on
// first use: the engine starts, and `docker run` runs, without writing or
// reading a tar. A build, commit, cp, save or load loads it; import() does
// that once; later calls get it without waiting a turn.
import type * as TarStream from 'tar-stream';

let loaded: typeof TarStream | null = null;

/** The tar-stream module (its CommonJS exports, however the bundler wraps them). */
export async function loadTarStream(): Promise<typeof TarStream> {
  if (loaded) return loaded;
  const m = await import('tar-stream') as typeof TarStream & { default?: typeof TarStream };
  return (loaded = m.default ?? m);
}
