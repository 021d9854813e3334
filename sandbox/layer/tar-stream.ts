// tar-stream (and the streams it brings: streamx, events, b4a), loaded on
// first use: the engine starts, and `docker run` runs, without writing or
// reading a tar. A build, commit, cp, save or load loads it; import() does
// that once.
import type * as TarStream from 'tar-stream';

/** The tar-stream module (its CommonJS exports, however the bundler wraps them). */
export async function loadTarStream(): Promise<typeof TarStream> {
  const m = await import('tar-stream') as typeof TarStream & { default?: typeof TarStream };
  return m.default ?? m;
}
