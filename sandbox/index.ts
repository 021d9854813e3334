// The engine's public entry: what web/ and lessons/ may import — the engine
// (createEngine), an Engine API client over it (inProcessClient) and the
// docker CLI (docker) that talks to the engine only through that client.
import { Daemon, type DaemonOptions } from './daemon/daemon.ts';
import { EngineClient } from './client/client.ts';
import { engineRouter } from './server/index.ts';
import { Demuxer } from './cli/demux.ts';
import { concatBytes } from './api/units.ts';
import { loadDockerCli } from './host/docker-program.ts';
import { loadTarStream } from './layer/tar-stream.ts';

export type { DaemonOptions as EngineOptions, DaemonBuildOptions as BuildRequest } from './daemon/daemon.ts';
export type { Image } from './image/store.ts';
export type { ImageConfig, RunConfig, HistoryEntry } from './image/config.ts';
export { MemoryFs } from './fs/memory.ts';
export { BUILTIN_IMAGES } from './images/install.ts';

export type Engine = Daemon;
import type { Transport } from './client/client.ts';
export { EngineClient, EngineError, type Transport } from './client/client.ts';
export type { CliIO } from './cli/io.ts';

/** Docker's multiplexed stream (attach, logs, exec without a tty) split into stdout and stderr. */
export function splitStreams(frames: Uint8Array): { stdout: Uint8Array; stderr: Uint8Array } {
  const out: Uint8Array[][] = [[], []];
  const demux = new Demuxer((stream, data) => out[stream === 2 ? 1 : 0]!.push(data.slice()));
  demux.push(frames);
  return { stdout: concatBytes(out[0]!), stderr: concatBytes(out[1]!) };
}
export { HostMachine, type HostTerminal, type HostOptions } from './host/machine.ts';

/** The engine's published ports as the host machine dials them (HostOptions.dialPublished). */
export function publishedPortDialer(engine: Engine): (port: number) => Promise<import('./kernel/fd.ts').OpenFile> {
  return (port) => engine.networks.dial(port);
}

/**
 * Persistence: `await engine.snapshot({ hostPath })` gives the machine as a
 * versioned manifest plus blobs; `createEngine({ hostFs, restore })` boots
 * into one (any known format: older ones are migrated).
 */
export { SNAPSHOT_FORMAT, SnapshotError, blobKeysOf, type AnySnapshot, type BlobKey, type EngineSnapshot, type SnapshotManifest } from './daemon/snapshot-format.ts';
export { migrateSnapshot } from './daemon/snapshot-migrate.ts';
export type { SnapshotOptions } from './daemon/snapshot.ts';

/** The Engine API as a function: `engine`'s router, called in-process (wrap it to watch the traffic). */
export function engineTransport(engine: Engine): Transport {
  const router = engineRouter(engine);
  return (req) => router.handle(req);
}

/**
 * The host's browser opening http://localhost:PORT: one HTTP request to a
 * published port (the page's preview pane).
 */
export { fetchPublished, type HostHttpRequest, type HostHttpResponse } from './server/published-http.ts';

/**
 * Guests (node, WASI) off the engine's thread: a host that can start workers
 * with SharedArrayBuffer installs a spawner (setGuestWorkers); the worker's
 * code calls startGuestWorker with its port to the engine.
 */
export { setGuestWorkers, type GuestWorker, type EnginePort } from './programs/node/workers.ts';
export { startGuestWorker, type GuestWorkerSetup } from './programs/node/worker-main.ts';
/** The pool of guest threads a host fills with its own kind of thread; QuickJS's WASM compiled once by the host. */
export { GuestPool, type PoolThread } from './programs/node/guest-pool.ts';
export { useQuickJSWasm } from './programs/node/quickjs.ts';
export { compileQuickJSWasm } from './programs/node/quickjs-wasm.ts';
/** The optional real Node.js (the page's WebContainer): `node` in containers runs in it while installed. */
export { setRealNode, type RealNodeRunner, type RealNodeSpec, type RealNodeProcess } from './programs/node/real-node.ts';
/**
 * The offline npm store `npm` in containers installs from: the page's
 * engine worker installs one that fetches the store the site ships
 * (`setPackageStore(fetchPackageStore(storeDirectoryUrl))`).
 */
export { setPackageStore, type PackageStore, type Packument } from './programs/npm/store.ts';
export { fetchPackageStore, type FetchStoreOptions } from './programs/npm/store-fetch.ts';

/**
 * Following a build from its API traffic (the editor's marks on a
 * Dockerfile's lines): the Dockerfile's steps with their lines, as the
 * builder parses, numbers and prints them (`Step N/M : <original>`), and the
 * Dockerfile a POST /build context carries, read as the daemon reads it.
 */
export type { DockerfileStep } from './builder/steps.ts';
/** The builder's parser loads on first use (it is not needed to start the engine). */
export async function dockerfileSteps(text: string, name?: string): Promise<import('./builder/steps.ts').DockerfileStep[]> {
  return (await import('./builder/steps.ts')).dockerfileSteps(text, name);
}
export { readContextDockerfile, type ContextDockerfile } from './builder/context-dockerfile.ts';

/** An Engine API client that calls `engine`'s router in-process (the page's transport). */
export function inProcessClient(engine: Engine): EngineClient {
  return new EngineClient(engineTransport(engine));
}

/**
 * Runs the docker CLI: `docker(['run', '--rm', 'busybox', 'echo', 'hi'], client, io)`
 * resolves to the exit status, having written Docker's output to `io`. The
 * CLI's code loads on first use (starting an engine does not need it).
 */
export async function docker(...args: Parameters<typeof import('./cli/main.ts').docker>): Promise<number> {
  return (await loadDockerCli()).docker(...args);
}

/**
 * Loads, in the background, the code the first commands typed need and an
 * engine starts without: the docker CLI, and tar-stream (a build's context,
 * its layers). A host that shows its prompt first calls this once it is
 * shown, so the first `docker run` or `docker build` does not wait for it.
 */
export async function preloadCommandCode(): Promise<void> {
  await Promise.all([loadDockerCli(), loadTarStream()]);
}

/**
 * Starts an engine with the built-in images installed.
 * @example
 *   const engine = await createEngine();
 *   const { image } = await engine.build({ context: tarBytes, tags: ['app'] });
 */
export function createEngine(opts: DaemonOptions = {}): Promise<Engine> {
  return Daemon.create(opts);
}
