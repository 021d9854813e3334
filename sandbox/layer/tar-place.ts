// Where a tar entry lands. Two rule sets:
//
// moby's (pkg/archive Unpack and UnpackLayer, which dockerd runs for every
// archive it is given; `docker cp` keeps them). An archive is unpacked at
// `dest`, a directory named as dockerd names it inside the root it unpacks
// in (its chroot):
//   - a name is cleaned (`a/../../x` → `../x`, `/../x` → `/x`) and joined to
//     `dest`; when the result leaves `dest` the archive is refused:
//     `"../x" is outside of "/tmp"`. Absolute names are taken under `dest`.
//   - a symlink whose target, joined to the link's directory, leaves `dest`
//     is refused (`invalid symlink "/tmp/l" -> "../.."`); an absolute target
//     always joins under `dest`, so it is accepted (layers are full of them:
//     they resolve inside the container);
//   - a hard link names its target from `dest`; leaving it is refused
//     (`invalid hardlink "/etc/passwd" -> "../etc/passwd"`);
//   - a path through a symlink the archive made is followed as the kernel
//     follows it inside the root: `l -> /` then `l/etc/x` is `/etc/x` of the
//     root, `l -> ../..` (where allowed) then `l/x` is `/x` — never outside.
// When `dest` is the root itself ('/': dockerd's chroot for a layer, a build
// context or ADD's tar is the directory it unpacks into), nothing can leave
// it: `..` at the root is the root, as in any path.
//
// Strict (`docker load`, the build context, ADD's tar): on top of those, an
// entry a naive extractor would let escape is refused rather than clamped,
// naming the entry — a name that climbs above the archive's root once
// cleaned (`../x`, `a/../../x`), an absolute name (`/etc/passwd`: docker
// save, the CLI's context and GNU tar never write one; GNU tar strips the
// leading `/`), and a hard link whose target climbs out or is absolute.
// Symlink targets are not judged (`/bin/sh -> /bin/busybox` is everyday
// layer content, resolved inside the container when used), and an entry
// written through a symlink is still followed inside the root as above.
import { dirNode, fileNode, metaOf, symlinkNode, WHITEOUT, type DirNode, type FsNode, type NodeMeta } from '../fs/node.ts';
import { isWithin, splitPath } from '../fs/path.ts';
import { OPAQUE_MARKER, WHITEOUT_PREFIX } from './tar-write.ts';

export class TarError extends Error {
  override name = 'TarError';
}

/** An entry, symlink or hard link that leaves where the archive is unpacked (moby's breakoutError). */
export class TarBreakoutError extends TarError {
  override name = 'TarBreakoutError';
}

/** A tar header as far as placing it goes. */
export interface PlacedHeader {
  name: string;
  type: string | null;
  linkname?: string | null | undefined;
  mode?: number | undefined;
  uid?: number | undefined;
  gid?: number | undefined;
  mtime?: Date | undefined;
}

/** As Linux's limit on symlinks followed in one lookup. */
const MAX_SYMLINKS = 40;

/** Go's path.Clean: `a/../../x` → `../x`, `/../x` → `/x`, `` → `.`. */
export function cleanPath(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const s = out.join('/');
  return rooted ? `/${s}` : s || '.';
}

/** Go's filepath.Join of an absolute directory and a name (the result stays absolute, `..` stops at `/`). */
function joinUnder(dir: string, name: string): string {
  return cleanPath(`${dir}/${name}`);
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Go's %q, as moby's messages quote paths. */
export function goQuote(s: string): string {
  const named = new Map([[7, '\\a'], [8, '\\b'], [9, '\\t'], [10, '\\n'], [11, '\\v'], [12, '\\f'], [13, '\\r']]);
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (named.has(c)) out += named.get(c)!;
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * A tree being unpacked: the root (the chroot, as dockerd sees it), the
 * directory the archive is unpacked at, and the directories that only exist
 * because a path needed them (made 0755 as moby does; they carry no
 * metadata of their own, so whoever writes the tree merges them into what
 * is there instead of replacing it).
 */
export class TarPlacer {
  readonly root: DirNode = dirNode(metaOf(0o755, 0));
  readonly implied = new Set<DirNode>([this.root]);
  readonly dest: string;

  /** `strict`: refuse escaping names and hard links instead of clamping them (see the header). */
  constructor(dest: string, private readonly whiteouts: boolean, private readonly strict = false) {
    if (!dest.startsWith('/')) throw new Error(`tar destination must be absolute: ${dest}`);
    this.dest = cleanPath(dest);
    this.dirAt(splitPath(this.dest), 0, this.dest);
  }

  /** Places one entry (with its data) as moby's unpacker would; throws TarError or TarBreakoutError. */
  place(h: PlacedHeader, content: Uint8Array): void {
    if (this.strict) refuseEscaping(h);
    const name = cleanPath(h.name);
    const path = joinUnder(this.dest, name);
    if (!isWithin(this.dest, path)) throw new TarBreakoutError(`${goQuote(name)} is outside of ${goQuote(this.dest)}`);
    const parts = splitPath(path);
    const mtimeMs = h.mtime?.getTime() ?? 0;
    if (path === this.dest) {
      // `.` is skipped (the directory exists); `/` gives it the entry's metadata.
      if (name === '.') return;
      if (h.type !== 'directory') throw new TarError(`invalid tar: ${goQuote(h.name)} would replace ${goQuote(this.dest)}, the directory it is unpacked into`);
      const dir = this.dirAt(parts, mtimeMs, h.name);
      dir.meta = metaFromHeader(h);
      this.implied.delete(dir);
      return;
    }
    const base = parts[parts.length - 1]!;
    const parent = this.dirAt(parts.slice(0, -1), mtimeMs, h.name);
    if (this.whiteouts && base.startsWith(WHITEOUT_PREFIX)) {
      if (base === OPAQUE_MARKER) parent.opaque = true;
      else parent.entries.set(base.slice(WHITEOUT_PREFIX.length), WHITEOUT);
      return;
    }
    const meta = metaFromHeader(h);
    switch (h.type) {
      case 'directory': {
        const existing = parent.entries.get(base);
        if (existing?.kind === 'dir') { existing.meta = meta; this.implied.delete(existing); } else parent.entries.set(base, dirNode(meta));
        return;
      }
      case 'file':
      case 'contiguous-file':
        parent.entries.set(base, fileNode(content, meta));
        return;
      case 'symlink': {
        const linkname = h.linkname ?? '';
        if (!isWithin(this.dest, joinUnder(dirOf(path), linkname))) throw new TarBreakoutError(`invalid symlink ${goQuote(path)} -> ${goQuote(linkname)}`);
        parent.entries.set(base, symlinkNode(linkname, meta));
        return;
      }
      case 'link': {
        const linkname = h.linkname ?? '';
        const targetPath = joinUnder(this.dest, linkname);
        if (!isWithin(this.dest, targetPath)) throw new TarBreakoutError(`invalid hardlink ${goQuote(targetPath)} -> ${goQuote(linkname)}`);
        const target = this.nodeAt(splitPath(targetPath), h.name);
        if (target?.kind === 'file') parent.entries.set(base, fileNode(target.content, { ...target.meta }));
        else if (target?.kind === 'symlink') parent.entries.set(base, symlinkNode(target.target, { ...target.meta }));
        else throw new TarError(`invalid tar: hard link ${h.name} to missing ${linkname}`);
        return;
      }
      default:
        // Devices and fifos cannot exist in the sandbox: skipped (their directories made), as rootless engines do.
        return;
    }
  }

  /**
   * The directory at `parts` (from the root), following the tree's symlinks
   * inside the root and making what is missing — or is not a directory —
   * an implied directory.
   */
  private dirAt(parts: string[], mtimeMs: number, entryName: string): DirNode {
    const stack: DirNode[] = [this.root];
    let todo = parts;
    let hops = 0;
    for (let i = 0; i < todo.length; i++) {
      const part = todo[i]!;
      if (part === '..') { if (stack.length > 1) stack.pop(); continue; }
      const dir = stack[stack.length - 1]!;
      const e = dir.entries.get(part);
      if (e?.kind === 'dir') { stack.push(e); continue; }
      if (e?.kind === 'symlink') {
        if (++hops > MAX_SYMLINKS) throw new TarError(`invalid tar: too many levels of symbolic links in ${goQuote(entryName)}`);
        if (e.target.startsWith('/')) stack.length = 1;
        todo = [...splitPath(e.target), ...todo.slice(i + 1)];
        i = -1;
        continue;
      }
      const made = dirNode(metaOf(0o755, mtimeMs));
      this.implied.add(made);
      dir.entries.set(part, made);
      stack.push(made);
    }
    return stack[stack.length - 1]!;
  }

  /** The node at `parts`, symlinks followed on the way but not at the end; undefined when missing. */
  private nodeAt(parts: string[], entryName: string): FsNode | undefined {
    if (parts.length === 0) return this.root;
    const stack: DirNode[] = [this.root];
    let todo = parts;
    let hops = 0;
    for (let i = 0; i < todo.length; i++) {
      const part = todo[i]!;
      const last = i === todo.length - 1;
      if (part === '..') {
        if (stack.length > 1) stack.pop();
        if (last) return stack[stack.length - 1];
        continue;
      }
      const e = stack[stack.length - 1]!.entries.get(part);
      if (e === undefined || e.kind === 'whiteout') return undefined;
      if (last) return e;
      if (e.kind === 'dir') { stack.push(e); continue; }
      if (e.kind !== 'symlink') return undefined;
      if (++hops > MAX_SYMLINKS) throw new TarError(`invalid tar: too many levels of symbolic links in ${goQuote(entryName)}`);
      if (e.target.startsWith('/')) stack.length = 1;
      todo = [...splitPath(e.target), ...todo.slice(i + 1)];
      i = -1;
    }
    return stack[stack.length - 1];
  }
}

/** Does a name climb above the root it is relative to (`..`, `../x`, `a/../../x`)? */
function climbs(name: string): boolean {
  const clean = cleanPath(name);
  return clean === '..' || clean.startsWith('../');
}

/** The strict rules: an absolute or climbing name, or hard link target, refuses the archive. */
function refuseEscaping(h: PlacedHeader): void {
  const entry = goQuote(h.name);
  if (h.name.startsWith('/')) throw new TarBreakoutError(`archive/tar: insecure file path ${entry}: an absolute name (archives hold names relative to their root)`);
  if (climbs(h.name)) throw new TarBreakoutError(`archive/tar: insecure file path ${entry}: it leaves the archive's root`);
  if (h.type !== 'link') return;
  const target = h.linkname ?? '';
  if (target.startsWith('/')) throw new TarBreakoutError(`archive/tar: insecure hard link ${entry} -> ${goQuote(target)}: an absolute target (hard links name their target relative to the archive's root)`);
  if (climbs(target)) throw new TarBreakoutError(`archive/tar: insecure hard link ${entry} -> ${goQuote(target)}: its target leaves the archive's root`);
}

function metaFromHeader(h: PlacedHeader): NodeMeta {
  return metaOf(h.mode ?? 0o644, h.mtime?.getTime() ?? 0, h.uid ?? 0, h.gid ?? 0);
}
