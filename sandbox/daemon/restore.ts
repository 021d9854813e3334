// Restoring a snapshot into a daemon that has just installed its built-in
// images: the machine boots again. The workspace, layers, images, tags,
// build cache, networks and volumes come back as they were; containers come
// back as dockerd finds them after the host went down (moby
// daemon.restore): one that was running (or paused, or restarting) is
// stopped with exit code 255 and FinishedAt the boot time — moby#45800 —
// and a health status it had is left unhealthy. Then, as dockerd does at
// boot, containers whose restart policy says so start again, and --rm
// containers that do not are removed. Whatever cannot come back (damaged,
// or built on a built-in image that changed since) is left out and named in
// the warnings, so the rest of the machine still boots.
import { MemoryFs } from '../fs/memory.ts';
import type { DirNode } from '../fs/node.ts';
import { decodeTree, TreeCodecError } from '../fs/tree-codec.ts';
import type { ImageConfig } from '../image/config.ts';
import type { Image } from '../image/store.ts';
import { sha256Of, type Digest } from '../layer/digest.ts';
import type { LayerStore } from '../layer/store.ts';
import { iso, type ContainerState, type MountSpec } from './container.ts';
import { decodeLogs } from './snapshot-blobs.ts';
import { SnapshotError, type AnySnapshot, type SavedContainer } from './snapshot-format.ts';
import { migrateSnapshot } from './snapshot-migrate.ts';
import { dirAt, type SnapshotSource } from './snapshot.ts';

/** The part of the daemon a restore writes into. */
export interface RestoreTarget extends SnapshotSource {
  readonly layers: LayerStore;
}

/** Docker's exit code for a container whose task was gone when the daemon came back. */
export const EXIT_CODE_LOST_TASK = 255;

const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/**
 * Restores `raw` (any known format) into `d`. What cannot come back (a
 * damaged blob, a layer whose built-in base changed in a newer version of
 * the playground) is left out and named in the returned warnings; a format
 * this engine cannot read throws SnapshotError.
 */
export async function restoreSnapshot(d: RestoreTarget, raw: AnySnapshot): Promise<string[]> {
  const s = migrateSnapshot(raw);
  const m = s.manifest;
  const warnings: string[] = [];
  const blob = (key: string, what: string): Uint8Array => {
    const b = s.blobs.get(key);
    if (!b) throw new SnapshotError(`${what} is missing from the saved playground (${key})`);
    return b;
  };
  const tree = (key: string, what: string): DirNode => {
    try {
      return decodeTree(blob(key, what));
    } catch (e) {
      if (e instanceof TreeCodecError) throw new SnapshotError(`${what} is damaged: ${e.message}`);
      throw e;
    }
  };
  /** Runs one item's restore; a SnapshotError leaves the item out with a warning. */
  const attempt = <T>(fn: () => T, warn: (why: string) => string): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof SnapshotError)) throw e;
      warnings.push(warn(e.message));
      return undefined;
    }
  };

  if (m.workspace) {
    const ws = m.workspace;
    attempt(() => {
      if (!(d.hostFs instanceof MemoryFs)) throw new SnapshotError('the engine has no host files to put it in (hostFs must be a MemoryFs)');
      graft(d.hostFs, ws.path, tree(ws.tree, 'the workspace'));
    }, (why) => `the workspace files were not restored: ${why}`);
  }

  for (const l of m.layers) {
    // A layer that cannot come back is named through the images that needed it.
    try {
      const parent = l.parent === null ? null : d.layers.get(l.parent as Digest) ?? null;
      // (A layer whose IDs do not add up gets another ChainID: its images then find it missing.)
      if (l.parent === null || parent) d.layers.addWithDiffId(tree(l.tree, `layer ${short(l.chainId)}`), parent, l.diffId as Digest);
    } catch (e) {
      if (!(e instanceof SnapshotError)) throw e;
    }
  }

  const names = new Map<string, string>();
  for (const [ref, id] of m.tags) if (!names.has(id)) names.set(id, `${ref.replace(/^docker\.io\/(library\/)?/, '')} (${short(id)})`);
  const detached = new Map<string, Image>();
  let untaggedLost = 0;
  for (const i of m.images) {
    const name = names.get(i.id);
    const before = warnings.length;
    attempt(() => {
      const bytes = blob(i.config, 'its config');
      if (sha256Of(bytes) !== i.id) throw new SnapshotError('its config does not match its ID');
      const top = i.top === null ? null : d.layers.get(i.top as Digest) ?? null;
      if (i.top !== null && !top) throw new SnapshotError('its layers are missing or damaged (if it was built on a built-in image, that image changed in this version of the playground)');
      const config = JSON.parse(new TextDecoder().decode(bytes)) as ImageConfig;
      const image = d.images.create(config, top, { parent: i.parent as Digest | null, configBytes: bytes });
      if (!i.inStore) detached.set(i.id, image);
    }, (why) => `image ${name ?? short(i.id)} was not restored: ${why}`);
    // Untagged images (a build's intermediate steps) are counted, not named.
    if (!name && warnings.length > before) { warnings.pop(); untaggedLost++; }
  }
  if (untaggedLost > 0) warnings.push(`${untaggedLost} untagged image${untaggedLost === 1 ? ' was' : 's were'} not restored`);
  for (const id of detached.keys()) d.images.delete(id as Digest);
  for (const id of m.removedBuiltins) {
    const image = d.images.get(id as Digest);
    if (image) detached.set(id, image);
  }
  for (const [ref, id] of m.tags) if (d.images.get(id as Digest)) d.images.tag(id as Digest, ref);
  for (const ref of m.untagged) d.images.untag(ref);
  for (const [key, id] of m.buildCache) d.images.restoreCacheEntry(key, id as Digest);
  for (const n of m.networks) d.networks.restore(n);
  for (const v of m.volumes) {
    const { tree: key, ...saved } = v;
    attempt(() => d.volumes.restore(saved, tree(key, 'its files')), (why) => `volume ${v.name} was not restored: ${why}`);
  }

  const adopted = m.containers.flatMap((sc) => attempt(() => [adopt(d, sc, detached, tree, blob)], (why) => `container ${sc.name} was not restored: ${why}`) ?? []);
  for (const id of m.removedBuiltins) if (detached.has(id)) d.images.delete(id as Digest);

  // dockerd at boot: restart policies first, then --rm.
  for (const [c, sc] of adopted) {
    if (restartsAtBoot(sc, c.state)) {
      c.restartCount = 0;
      try { d.containers.start(c); } catch { /* dockerd logs it; the container stays exited with the start error */ }
    } else if (sc.autoRemove) {
      d.containers.remove(c, true);
    }
  }
  return warnings;
}

function adopt(d: RestoreTarget, sc: SavedContainer, detached: Map<string, Image>, tree: (key: string, what: string) => DirNode, blob: (key: string, what: string) => Uint8Array) {
  const image = d.images.get(sc.image as Digest) ?? detached.get(sc.image);
  if (!image) throw new SnapshotError(`its image ${short(sc.image)} did not come back`);
  const alive = sc.state.Running || sc.state.Paused || sc.state.Status === 'running' || sc.state.Status === 'paused' || sc.state.Status === 'restarting';
  let state: ContainerState = sc.state;
  if (alive) state = { ...sc.state, Status: 'exited', Running: false, Paused: false, OOMKilled: false, Pid: 0, ExitCode: EXIT_CODE_LOST_TASK, FinishedAt: iso(d.now()) };
  else if (sc.state.Status === 'removing') state = { ...sc.state, Status: 'dead', Dead: true };
  const health = sc.health && alive ? { ...sc.health, Status: 'unhealthy' as const } : sc.health;
  let logs;
  try {
    logs = decodeLogs(blob(sc.logs, 'its logs'));
  } catch (e) {
    if (e instanceof SnapshotError) throw new SnapshotError(`its logs are damaged: ${e.message}`);
    throw e;
  }
  const mounts: MountSpec[] = sc.mounts.map((mt) => {
    const volume = mt.type === 'volume' ? d.volumes.list().find((v) => v.name === mt.name) : undefined;
    if (mt.type === 'volume' && !volume) throw new SnapshotError(`its volume ${mt.name ?? ''} did not come back`);
    return { ...mt, fs: volume ? volume.fs : mt.type === 'bind' ? d.hostFs ?? new MemoryFs() : null };
  });
  const c = d.containers.adopt({
    id: sc.id, name: sc.name, image, created: sc.created, config: sc.config, limits: sc.limits, mounts, init: sc.init,
    restartPolicy: sc.restartPolicy, network: sc.network, platform: sc.platform, autoRemove: sc.autoRemove,
    saved: { upper: tree(sc.upper, 'its files'), logs, state, restartCount: sc.restartCount, health },
  });
  c.networks.splice(0, c.networks.length, ...sc.connected.map(([name]) => name));
  for (const [name, aliases] of sc.connected) if (name !== sc.network?.mode) c.connectAliases.set(name, aliases);
  return [c, sc] as const;
}

/** moby's restart manager at boot: a container started before whose policy wants it back. */
function restartsAtBoot(sc: SavedContainer, state: ContainerState): boolean {
  if (state.Dead || state.StartedAt.startsWith('0001-')) return false;
  const p = sc.restartPolicy;
  switch (p.Name) {
    case 'always': return true;
    case 'unless-stopped': return !sc.stoppedByUser;
    case 'on-failure': return state.ExitCode !== 0 && (p.MaximumRetryCount === 0 || sc.restartCount < p.MaximumRetryCount);
    default: return false;
  }
}

/** Puts `tree` at `path` in a memory filesystem (parents made as needed; what was there is replaced). */
function graft(fs: MemoryFs, path: string, tree: DirNode): void {
  const parts = path.split('/').filter(Boolean);
  const name = parts.pop();
  if (name === undefined) throw new SnapshotError('the saved workspace has no path');
  const parentPath = `/${parts.join('/')}`;
  fs.mkdirSync(parentPath, { recursive: true });
  const parent = dirAt(fs, parentPath);
  if (!parent) throw new SnapshotError(`the saved workspace cannot go to ${path}: ${parentPath} is not a directory`);
  parent.entries.set(name, tree);
}
