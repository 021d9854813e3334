// Taking a snapshot of the machine (snapshot-format.ts says what is kept):
// the manifest is gathered at one instant, then the trees are encoded one
// by one, with a pause between them (SnapshotOptions.pause) so that a big
// snapshot never holds the engine's thread for long. Layers and image
// configs never change for their key, so those a store already has are not
// encoded again; everything else is named by the sha256 of its bytes, and a
// tree (or log) whose cheap signature is what it was at the last snapshot
// keeps its key without being encoded or hashed again.
import { MemoryFs } from '../fs/memory.ts';
import type { DirNode, TreeEntry } from '../fs/node.ts';
import { encodeTree } from '../fs/tree-codec.ts';
import type { Image } from '../image/store.ts';
import { layerChain, type Layer } from '../layer/layer.ts';
import { cidrString, formatIp } from '../net/address.ts';
import type { Digest } from '../layer/digest.ts';
import type { Container } from './container.ts';
import { contentKey, encodeLogs } from './snapshot-blobs.ts';
import { SNAPSHOT_FORMAT, type BlobKey, type EngineSnapshot, type SavedContainer, type SavedImage, type SavedLayer, type SnapshotManifest } from './snapshot-format.ts';

export interface SnapshotOptions {
  /** A directory of the host's files (DaemonOptions.hostFs) kept with the engine: the workspace, e.g. `/home/student`. */
  hostPath?: string;
  /**
   * Whether the store already holds a blob: those it has are left out of
   * `blobs` (layers and configs by key; trees and logs when unchanged since
   * the last snapshot).
   */
  have?: (key: BlobKey) => boolean;
  /** Awaited between pieces of work (a worker passes a macrotask, so messages are served meanwhile). */
  pause?: () => Promise<void>;
}

/** What a fresh boot has: the built-in images, their references and layers. */
export interface BuiltinBaseline {
  images: ReadonlySet<Digest>;
  refs: ReadonlyMap<string, Digest>;
  layers: ReadonlySet<Digest>;
}

/** The part of the daemon a snapshot reads. */
export interface SnapshotSource {
  readonly images: import('../image/store.ts').ImageStore;
  readonly containers: import('./containers.ts').Containers;
  readonly volumes: import('./volumes.ts').Volumes;
  readonly networks: import('../net/fabric.ts').NetworkFabric;
  readonly hostFs: import('../fs/tree-fs.ts').TreeFs | null;
  readonly builtin: BuiltinBaseline;
  now(): number;
}

/** The baseline of a daemon that has just installed its built-in images. */
export function baselineOf(images: Image[], refsOf: (id: Digest) => string[]): BuiltinBaseline {
  const refs = new Map<string, Digest>();
  const layers = new Set<Digest>();
  for (const img of images) {
    for (const r of refsOf(img.id)) refs.set(r, img.id);
    for (const l of layerChain(img.top)) layers.add(l.chainId);
  }
  return { images: new Set(images.map((i) => i.id)), refs, layers };
}

/** The directory at `path` in a memory filesystem, if there is one. */
export function dirAt(fs: MemoryFs, path: string): DirNode | null {
  let node: DirNode = fs.root;
  for (const part of path.split('/').filter(Boolean)) {
    const next = node.entries.get(part);
    if (next?.kind !== 'dir') return null;
    node = next;
  }
  return node;
}

/** A snapshot of the daemon's machine; see SnapshotOptions. */
export async function takeSnapshot(d: SnapshotSource, opts: SnapshotOptions = {}): Promise<EngineSnapshot> {
  const have = opts.have ?? (() => false);
  const pause = opts.pause ?? (() => Promise.resolve());
  const base = d.builtin;
  const blobs = new Map<BlobKey, Uint8Array>();
  /** Encoding work, run after the manifest is gathered. */
  const work: Array<() => void> = [];
  const byContent = (owner: object, signature: () => string, make: () => Uint8Array, assign: (key: BlobKey) => void): void => {
    work.push(() => {
      const sig = signature();
      const known = memo.get(owner);
      if (known && known.sig === sig && have(known.key)) { assign(known.key); return; }
      const bytes = make();
      const key = contentKey(bytes);
      memo.set(owner, { sig, key });
      blobs.set(key, bytes);
      assign(key);
    });
  };

  // Images: those not built in, and those containers still use after `rmi -f`.
  const kept = new Map<Digest, { image: Image; inStore: boolean }>();
  for (const img of d.images.list()) if (!base.images.has(img.id)) kept.set(img.id, { image: img, inStore: true });
  const containers = d.containers.list().filter((c): c is Container & { image: Image } => c.image !== null);
  for (const c of containers) {
    if (!base.images.has(c.image.id) && !kept.has(c.image.id)) kept.set(c.image.id, { image: c.image, inStore: false });
  }
  const layers: SavedLayer[] = [];
  const seenLayers = new Set<Digest>();
  const images: SavedImage[] = [];
  for (const { image, inStore } of kept.values()) {
    for (const l of layerChain(image.top)) {
      if (base.layers.has(l.chainId) || seenLayers.has(l.chainId)) continue;
      seenLayers.add(l.chainId);
      const key = `layer:${l.chainId}`;
      layers.push({ chainId: l.chainId, diffId: l.diffId, parent: l.parent?.chainId ?? null, tree: key });
      if (!have(key)) work.push(() => blobs.set(key, encodeTree((l as Layer).tree)));
    }
    const key = `config:${image.id}`;
    images.push({ id: image.id, config: key, top: image.top?.chainId ?? null, parent: image.parent, inStore });
    if (!have(key)) blobs.set(key, image.configBytes);
  }

  // References: what differs from the built-in ones.
  const refs = new Map<string, Digest>();
  for (const img of d.images.list()) for (const r of d.images.refsOf(img.id)) refs.set(r, img.id);
  const tags: Array<[string, string]> = [...refs].filter(([r, id]) => base.refs.get(r) !== id);
  const untagged = [...base.refs.keys()].filter((r) => !refs.has(r));
  const removedBuiltins = [...base.images].filter((id) => !d.images.get(id));
  const buildCache = d.images.cacheEntries().filter(([, id]) => kept.has(id) || base.images.has(id));

  const networks = d.networks.list().filter((n) => !n.opts.predefined && n.subnet).map((n) => ({
    id: n.id, name: n.name, subnet: cidrString(n.subnet!), gateway: n.opts.gateway === undefined ? null : formatIp(n.opts.gateway),
    internal: n.opts.internal ?? false, labels: [...(n.opts.labels ?? new Map<string, string>())], created: n.created,
  }));

  const manifest: SnapshotManifest = {
    workspace: null, layers, images, tags, untagged, removedBuiltins, buildCache, networks, volumes: [], containers: [],
  };
  const host = d.hostFs;
  if (opts.hostPath !== undefined && host instanceof MemoryFs) {
    const dir = dirAt(host, opts.hostPath);
    const path = opts.hostPath;
    if (dir) byContent(dir, () => treeSignature(dir), () => encodeTree(dir), (tree) => { manifest.workspace = { path, tree }; });
  }
  for (const v of d.volumes.list()) {
    const saved = { name: v.name, anonymous: v.anonymous, labels: { ...v.labels }, created: v.created, seeded: v.seeded, tree: '' };
    manifest.volumes.push(saved);
    byContent(v.fs.root, () => treeSignature(v.fs.root), () => encodeTree(v.fs.root), (key) => { saved.tree = key; });
  }
  for (const c of containers) {
    const saved = savedContainer(c);
    manifest.containers.push(saved);
    byContent(c.fs.upper, () => treeSignature(c.fs.upper), () => encodeTree(c.fs.upper), (key) => { saved.upper = key; });
    byContent(c.logs, () => logsSignature(c.logs), () => encodeLogs(c.logs), (key) => { saved.logs = key; });
  }
  const takenAt = d.now();
  for (const job of work) { job(); await pause(); }
  return { format: SNAPSHOT_FORMAT, takenAt, manifest, blobs };
}

/** The last snapshot's signature and key of each tree root and log list. */
const memo = new WeakMap<object, { sig: string; key: BlobKey }>();
const identities = new WeakMap<object, number>();
let lastIdentity = 0;
/** A number per object (file contents and log entries are immutable: the same object is the same bytes). */
function identity(o: object): number {
  let n = identities.get(o);
  if (n === undefined) { n = ++lastIdentity; identities.set(o, n); }
  return n;
}

/** Everything encodeTree writes, cheaply: names, kinds, metadata, and contents by identity (pre-order, with child counts). */
function treeSignature(root: DirNode): string {
  const parts: string[] = [];
  const stack: Array<[TreeEntry, string]> = [[root, '']];
  while (stack.length > 0) {
    const [e, name] = stack.pop()!;
    if (e.kind === 'whiteout') { parts.push(`${name}/w`); continue; }
    const m = e.meta;
    const head = `${name}/${e.kind}/${m.mode}/${m.uid}/${m.gid}/${m.mtimeMs}`;
    if (e.kind === 'file') parts.push(`${head}/${identity(e.content)}`);
    else if (e.kind === 'symlink') parts.push(`${head}/${e.target}`);
    else {
      parts.push(`${head}/${e.opaque ? 1 : 0}/${e.entries.size}`);
      for (const [n, child] of e.entries) stack.push([child, n]);
    }
  }
  return parts.join('\0');
}

/** Logs only grow at the end and drop from the front. */
function logsSignature(logs: readonly object[]): string {
  return logs.length === 0 ? '0' : `${logs.length}/${identity(logs[0]!)}/${identity(logs[logs.length - 1]!)}`;
}

function savedContainer(c: Container & { image: Image }): SavedContainer {
  const n = c.networkOpts;
  return {
    id: c.id, name: c.name, created: c.created, image: c.image.id,
    config: structuredClone(c.config),
    limits: { ...c.cgroup.limits },
    mounts: c.mounts.map((m) => ({ type: m.type, ...(m.name !== undefined && { name: m.name }), ...(m.source !== undefined && { source: m.source }), target: m.target, readonly: m.readonly })),
    init: c.useInit,
    restartPolicy: { ...c.restartPolicy },
    platform: c.platform,
    network: n ? { mode: n.mode, aliases: [...n.aliases], ...(n.ip !== undefined && { ip: n.ip }), ports: n.ports.map((p) => ({ ...p })) } : null,
    connected: c.networks.map((name) => [name, [...(c.connectAliases.get(name) ?? [])]]),
    autoRemove: c.autoRemove,
    state: { ...c.state },
    restartCount: c.restartCount,
    stoppedByUser: c.stoppedByUser,
    health: c.health ? structuredClone(c.health) : null,
    upper: '',
    logs: '',
  };
}
