// The engine's public entry: what web/ and lessons/ may import. Today it
// exposes the daemon's image and build side; the Engine API client and the
// docker CLI join it with their issues.
import { Daemon, type DaemonOptions } from './daemon/daemon.ts';

export type { DaemonOptions as EngineOptions, DaemonBuildOptions as BuildRequest } from './daemon/daemon.ts';
export type { Image } from './image/store.ts';
export type { ImageConfig, RunConfig, HistoryEntry } from './image/config.ts';
export { MemoryFs } from './fs/memory.ts';
export { BUILTIN_IMAGES } from './images/install.ts';

export type Engine = Daemon;

/**
 * Starts an engine with the built-in images installed.
 * @example
 *   const engine = await createEngine();
 *   const { image } = await engine.build({ context: tarBytes, tags: ['app'] });
 */
export function createEngine(opts: DaemonOptions = {}): Promise<Engine> {
  return Daemon.create(opts);
}
