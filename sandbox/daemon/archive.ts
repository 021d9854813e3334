// Container files as tar archives: `docker export` (the whole root as the
// container sees it, without its special mounts), and `docker cp` both ways
// (GET /containers/{id}/archive: a path with its basename as the top entry;
// PUT: a tar extracted into a directory of the container).
import { basename, joinPath, normalizePath } from '../fs/path.ts';
import { dirNode, fileNode, metaOf, symlinkNode, type DirNode, type FsNode } from '../fs/node.ts';
import type { TreeFs } from '../fs/tree-fs.ts';
import { isGzip, gunzip } from '../layer/gzip.ts';
import { readTarArchive, TarBreakoutError, TarError, type TarArchive } from '../layer/tar-read.ts';
import { treeTarBytes } from '../layer/tar-write.ts';
import type { Container } from './container.ts';
import { ContainerError } from './errors.ts';

const MAX_ENTRIES = 200_000;
const MAX_ARCHIVE = 512 * 1024 * 1024;
/** Mounted by the runtime, not part of the container's files (as `docker export` leaves them out). */
const SPECIAL = new Set(['/proc', '/sys', '/dev']);

/** What `docker cp` reports about the source (the X-Docker-Container-Path-Stat header). */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

/** A copy of the tree at `path` read through the filesystem API (mounts, overlay and all). */
function snapshot(fs: TreeFs, path: string, budget: { n: number }, skipSpecial: boolean): FsNode {
  if (--budget.n < 0) throw new ContainerError('too many files to archive', 400);
  const st = fs.lstatSync(path);
  const meta = metaOf(st.mode, st.mtimeMs, st.uid, st.gid);
  if (st.type === 'symlink') return symlinkNode(fs.readlinkSync(path), meta);
  if (st.type === 'dir') {
    const dir = dirNode(meta);
    for (const name of fs.readdirSync(path)) {
      const child = joinPath(path, name);
      if (skipSpecial && SPECIAL.has(child)) { dir.entries.set(name, dirNode(metaOf(0o755, st.mtimeMs))); continue; }
      dir.entries.set(name, snapshot(fs, child, budget, skipSpecial));
    }
    return dir;
  }
  return fileNode(fs.readContentSync(path), meta);
}

/** `docker export`: the container's root filesystem as a tar. */
export async function exportContainer(c: Container): Promise<Uint8Array> {
  const root = snapshot(c.rootfs, '/', { n: MAX_ENTRIES }, true) as DirNode;
  return treeTarBytes(root);
}

function notFound(c: Container, path: string): ContainerError {
  return new ContainerError(`Could not find the file ${path} in container ${c.name}`, 404);
}

/** `docker cp CONTAINER:PATH -`: the path, named by its basename, as a tar. */
export async function getArchive(c: Container, path: string): Promise<{ tar: Uint8Array; stat: PathStat }> {
  if (!path.startsWith('/')) path = normalizePath(path, c.config.WorkingDir || '/');
  const abs = normalizePath(path, '/');
  let st;
  try { st = c.rootfs.lstatSync(abs); } catch { throw notFound(c, path); }
  const node = snapshot(c.rootfs, abs, { n: MAX_ENTRIES }, false);
  const name = abs === '/' ? '.' : basename(abs);
  const wrapper = dirNode(metaOf(0o755, st.mtimeMs), new Map([[name, node]]));
  return {
    tar: await treeTarBytes(wrapper),
    stat: {
      name, size: st.size, mode: (st.mode & 0o7777) + (st.type === 'dir' ? 2 ** 31 : 0) + (st.type === 'symlink' ? 2 ** 27 : 0), mtime: new Date(st.mtimeMs).toISOString(),
      linkTarget: st.type === 'symlink' ? c.rootfs.readlinkSync(abs) : '',
    },
  };
}

/**
 * `docker cp - CONTAINER:DIR`: extracts a tar (gzip too) into an existing
 * directory, as dockerd does inside the container's root: the directory is
 * resolved first (symlinks followed), and an entry, symlink or hard link
 * that leaves it refuses the whole archive with moby's message and a 500
 * (`"../x" is outside of "/tmp"`) — nothing is written, since the archive
 * is read whole before anything lands. A path through a symlink the
 * archive made lands where the symlink points inside the container
 * (`l -> /` then `l/etc/x` is the container's /etc/x).
 */
export async function putArchive(c: Container, path: string, data: Uint8Array): Promise<void> {
  const abs = normalizePath(path, c.config.WorkingDir || '/');
  let st;
  let dest;
  try {
    st = c.rootfs.statSync(abs);
    dest = c.rootfs.realpathSync(abs);
  } catch { throw notFound(c, path); }
  if (st.type !== 'dir') throw new ContainerError('extraction point is not a directory', 400);
  let archive: TarArchive;
  try {
    const bytes = isGzip(data) ? await gunzip(data, MAX_ARCHIVE) : data;
    archive = await readTarArchive(bytes, { whiteouts: false, dest, maxEntries: MAX_ENTRIES, maxBytes: MAX_ARCHIVE });
  } catch (e) {
    // dockerd answers an archive that breaks out as a system error, with the unpacker's message.
    if (e instanceof TarBreakoutError) throw new ContainerError(e.message, 500);
    if (e instanceof TarError || (e as Error).name === 'GzipError') throw new ContainerError(`Error processing tar file: ${(e as Error).message}`, 400);
    throw e;
  }
  write(c.rootfs, '/', archive.root, archive.implied);
}

/**
 * Writes a tree over the container's files. A directory of the archive
 * merges into one that is there (and takes its mode); anything else there
 * is replaced, as moby's unpacker removes it first. An implied directory
 * (no entry of its own) goes through what is there — a directory, or a
 * symlink to one, as the kernel would follow it — and changes nothing.
 */
function write(fs: TreeFs, dir: string, tree: DirNode, implied: ReadonlySet<DirNode>): void {
  for (const [name, e] of tree.entries) {
    if (e.kind === 'whiteout') continue;
    const target = joinPath(dir, name);
    let existing;
    try { existing = fs.lstatSync(target); } catch { existing = null; }
    const owner = { uid: e.meta.uid, gid: e.meta.gid };
    if (e.kind === 'dir') {
      if (implied.has(e)) {
        let through;
        try { through = fs.statSync(target); } catch { through = null; }
        if (through?.type === 'dir') { write(fs, target, e, implied); continue; }
      }
      if (existing && existing.type !== 'dir') fs.rmSync(target, { recursive: true });
      if (!existing || existing.type !== 'dir') fs.mkdirSync(target, { mode: e.meta.mode, ...owner });
      write(fs, target, e, implied);
      if (!implied.has(e)) fs.chmodSync(target, e.meta.mode);
      continue;
    }
    if (existing) fs.rmSync(target, { recursive: true });
    if (e.kind === 'symlink') fs.symlinkSync(e.target, target, owner);
    else fs.writeFileSync(target, e.content, { mode: e.meta.mode, ...owner, mtimeMs: e.meta.mtimeMs });
  }
}
