// ADD [--chown=<user>:<group>] [--chmod=<perms>] <src>... <dest>
// Like COPY, and a local tar archive (plain or gzip) is extracted into the
// destination directory; an entry whose name or hard link climbs out of the
// archive or is absolute fails the step, naming the archive and the entry
// (tar-place.ts, strict). URLs cannot be fetched: the playground has no
// network, so ADD of a URL fails with a message saying what to do instead.
import { contentBytes, contentHead } from '../../fs/content.ts';
import type { DirNode, FsNode } from '../../fs/node.ts';
import type { OverlayFs } from '../../fs/overlay.ts';
import { gunzip, GzipError, isGzip } from '../../layer/gzip.ts';
import { readTarTree, TarBreakoutError } from '../../layer/tar-read.ts';
import { BuildError } from '../backend.ts';
import { commitStep, nopCreatedBy, type DispatchContext } from '../context.ts';
import type { CopyInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';
import { copyInto, planCopy } from './copy.ts';

const URL_SOURCE = /^(?:https?|git):\/\//i;
const MAX_EXTRACT = 512 * 1024 * 1024;

function isTar(head: Uint8Array): boolean {
  return head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar';
}

/** The tree inside a local archive (`path` in the context), or null when the file is not one. */
async function archiveTree(node: FsNode, path: string): Promise<DirNode | null> {
  if (node.kind !== 'file') return null;
  let bytes: Uint8Array;
  const head = contentHead(node.content, 512);
  if (isGzip(head)) {
    try {
      bytes = await gunzip(contentBytes(node.content), MAX_EXTRACT);
    } catch (e) {
      if (e instanceof GzipError && e.message.includes('limit')) throw new BuildError(`ADD failed: ${e.message}`);
      return null;
    }
  } else if (isTar(head)) {
    bytes = contentBytes(node.content);
  } else {
    return null;
  }
  if (!isTar(bytes.subarray(0, 512))) return null;
  // dockerd unpacks it in a chroot of the destination directory: absolute
  // symlinks the archive makes stop there, so the tree is that directory.
  try {
    return await readTarTree(bytes, { whiteouts: false, dest: '/', strict: true, maxBytes: MAX_EXTRACT });
  } catch (e) {
    if (e instanceof TarBreakoutError) {
      throw new BuildError(`ADD failed: ${path || '.'}: ${e.message}; nothing was extracted (make the archive with names relative to its root: tar -C dir -cf archive.tar .)`);
    }
    throw e;
  }
}

export async function dispatchAdd(d: DispatchContext, ins: CopyInstruction): Promise<void> {
  const vars = d.state.vars();
  for (const src of ins.sources) {
    const url = expandWord(src, vars, d.escape);
    if (URL_SOURCE.test(url)) {
      throw new BuildError(`ADD failed: cannot download ${url}: the playground has no network access. Put the file in the build context and use COPY instead.`);
    }
  }
  const plan = await planCopy(d, ins);
  // Archives are found before the step so the cache key and the layer agree.
  const archives = new Map<FsNode, DirNode>();
  for (const s of plan.sources) {
    const tree = await archiveTree(s.node, s.path);
    if (tree) archives.set(s.node, tree);
  }
  const sum = plan.tree.checksum(plan.sources);
  const createdBy = nopCreatedBy(d, `ADD ${sum} in ${plan.destArg} `, false);
  const cacheKey = [createdBy, ins.chown ?? '', ins.chmod ?? ''].join('\u0000');
  await commitStep(d, {
    createdBy,
    cacheKey,
    run: async () => copyInto(d, plan, (fs: OverlayFs, node, dest) => {
      const tree = archives.get(node);
      if (!tree) return false;
      extractInto(fs, tree, dest);
      return true;
    }),
  });
}

/** Writes an archive's tree below `dest` (created as a directory). */
function extractInto(fs: OverlayFs, tree: DirNode, dest: string): void {
  fs.mkdirSync(dest, { recursive: true });
  const walk = (node: DirNode, path: string): void => {
    for (const [name, child] of [...node.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (child.kind === 'whiteout') continue;
      const target = path === '/' ? `/${name}` : `${path}/${name}`;
      if (child.kind === 'dir') {
        try { fs.mkdirSync(target, { mode: child.meta.mode, uid: child.meta.uid, gid: child.meta.gid, mtimeMs: child.meta.mtimeMs }); } catch { /* exists: merge */ }
        walk(child, target);
      } else if (child.kind === 'symlink') {
        try { fs.rmSync(target); } catch { /* absent */ }
        fs.symlinkSync(child.target, target, { uid: child.meta.uid, gid: child.meta.gid });
      } else {
        fs.writeFileSync(target, child.content, { mode: child.meta.mode, uid: child.meta.uid, gid: child.meta.gid, mtimeMs: child.meta.mtimeMs });
      }
    }
  };
  walk(tree, dest);
}

