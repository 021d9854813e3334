// The stored form of a whole playground machine — what survives a reload:
// the workspace, the images and tags that differ from a fresh boot (built-in
// images are rebuilt deterministically, so only extra images, moved or
// removed tags and the build cache are kept), user-defined networks, volumes
// and their files, and containers (config, name, ID, writable layer, logs,
// state). It is versioned by `format`; snapshot-migrate.ts brings any older
// format up to the current one, one step at a time, so a stored machine is
// never unreadable after an update.
//
// Format history:
//   1  one self-contained record: trees and logs inline (base64), no
//      networks, build cache, removed built-in tags or --rm flags.
//   2  a JSON-able manifest plus content-addressed blobs (`layer:<chainId>`,
//      `config:<imageId>`, `sha256:<digest of the bytes>`): a store writes
//      only the blobs it lacks, which makes saving after each change cheap.
import type { CgroupLimits } from '../kernel/cgroup.ts';
import type { PortBinding, RestartPolicy, ContainerState, ContainerOptions } from './container.ts';
import type { HealthState } from './health.ts';

/** The format `Daemon.snapshot()` writes and a restore reads natively. */
export const SNAPSHOT_FORMAT = 2;

/** A blob's name in a snapshot: `layer:…`, `config:…` (never change for a key) or `sha256:…` (digest of its bytes). */
export type BlobKey = string;

export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** When it was taken (ms since the epoch, the daemon's clock). */
  takenAt: number;
  manifest: SnapshotManifest;
  /**
   * The blobs the manifest names — all of them, or (with SnapshotOptions.have)
   * all but those the store said it has.
   */
  blobs: Map<BlobKey, Uint8Array>;
}

export interface SnapshotManifest {
  /** The host directory kept with the engine (the workspace) and its tree. */
  workspace: { path: string; tree: BlobKey } | null;
  /** Layers that are not built-in, each after its parent. */
  layers: SavedLayer[];
  /** Images that are not built-in; `inStore: false` for one a container still uses after `rmi -f`. */
  images: SavedImage[];
  /** References that a fresh boot would not have: [canonical reference, image ID]. */
  tags: Array<[string, string]>;
  /** Built-in references that were removed (`docker rmi busybox`). */
  untagged: string[];
  /** Built-in images that were removed altogether. */
  removedBuiltins: string[];
  /** The build cache: [parent + " " + step key, image ID]. */
  buildCache: Array<[string, string]>;
  networks: SavedNetwork[];
  volumes: SavedVolume[];
  containers: SavedContainer[];
}

export interface SavedLayer { chainId: string; diffId: string; parent: string | null; tree: BlobKey }

export interface SavedImage { id: string; config: BlobKey; top: string | null; parent: string | null; inStore: boolean }

export interface SavedNetwork {
  id: string;
  name: string;
  subnet: string;
  /** An explicit --gateway, if one was given. */
  gateway: string | null;
  internal: boolean;
  labels: Array<[string, string]>;
  created: number;
}

export interface SavedVolume {
  name: string;
  anonymous: boolean;
  labels: Record<string, string>;
  created: number;
  seeded: boolean;
  tree: BlobKey;
}

export interface SavedMount { type: 'volume' | 'bind' | 'tmpfs'; name?: string; source?: string; target: string; readonly: boolean }

export interface SavedContainer {
  id: string;
  name: string;
  created: number;
  image: string;
  config: ContainerOptions['config'];
  /** The cgroup limits as they are now (`docker update` included). */
  limits: Partial<CgroupLimits>;
  mounts: SavedMount[];
  init: boolean;
  restartPolicy: RestartPolicy;
  platform: 'linux' | 'wasi';
  /** How it was created to attach (null for a container without networking). */
  network: { mode: string; aliases: string[]; ip?: string; ports: PortBinding[] } | null;
  /** The networks it is on now, in order, with the aliases `docker network connect` gave (the created one's are in `network`). */
  connected: Array<[string, string[]]>;
  /** --rm (HostConfig.AutoRemove). */
  autoRemove: boolean;
  state: ContainerState;
  restartCount: number;
  /** Stopped by `docker stop`/`kill` (an unless-stopped container then stays down at boot). */
  stoppedByUser: boolean;
  health: HealthState | null;
  /** The writable layer (a tree codec blob). */
  upper: BlobKey;
  /** Its logs (snapshot-blobs.ts's log encoding). */
  logs: BlobKey;
}

// ---- format 1 ---------------------------------------------------------------

/** A format-1 record (see the history above); base64 strings where format 2 has blobs. */
export interface SnapshotV1 {
  format: 1;
  takenAt: number;
  workspace: { path: string; tree: string } | null;
  layers: Array<{ chainId: string; diffId: string; parent: string | null; tree: string }>;
  /** `config`: the config JSON text, whose sha256 is the ID. */
  images: Array<{ id: string; config: string; top: string | null; parent: string | null }>;
  tags: Array<[string, string]>;
  volumes: Array<{ name: string; anonymous: boolean; labels: Record<string, string>; created: number; tree: string }>;
  containers: Array<Omit<SavedContainer, 'upper' | 'logs' | 'connected' | 'autoRemove' | 'stoppedByUser'> & {
    upper: string;
    logs: Array<{ stream: 'stdout' | 'stderr'; time: number; data: string }>;
  }>;
}

/** A stored snapshot of any format this engine can read. */
export type AnySnapshot = EngineSnapshot | SnapshotV1;

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** Every blob a manifest names (what a store must keep; the rest it may delete). */
export function blobKeysOf(m: SnapshotManifest): Set<BlobKey> {
  const keys = new Set<BlobKey>();
  if (m.workspace) keys.add(m.workspace.tree);
  for (const l of m.layers) keys.add(l.tree);
  for (const i of m.images) keys.add(i.config);
  for (const v of m.volumes) keys.add(v.tree);
  for (const c of m.containers) { keys.add(c.upper); keys.add(c.logs); }
  return keys;
}

/** Bytes → base64 (format 1's inline blobs). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
