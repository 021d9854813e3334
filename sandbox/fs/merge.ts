// Applying a change set (an overlay upper, a layer) on top of a tree, as
// overlayfs and `docker load` do: whiteouts delete, opaque directories
// replace, other directories merge, everything else replaces. Inputs are not
// changed; untouched subtrees are shared by reference.
import type { DirNode, TreeEntry } from './node.ts';

export function applyDiff(base: DirNode, diff: DirNode): DirNode {
  const entries = new Map<string, TreeEntry>(diff.opaque ? [] : base.entries);
  for (const [name, e] of diff.entries) {
    if (e.kind === 'whiteout') { entries.delete(name); continue; }
    const below = entries.get(name);
    if (e.kind === 'dir') {
      entries.set(name, below?.kind === 'dir' && !e.opaque ? applyDiff(below, e) : withoutWhiteouts(e));
    } else {
      entries.set(name, e);
    }
  }
  return { kind: 'dir', ino: base.ino, meta: { ...diff.meta }, entries, opaque: false };
}

/** A directory from a change set standing on its own: whiteouts dropped. */
function withoutWhiteouts(dir: DirNode): DirNode {
  const entries = new Map<string, TreeEntry>();
  for (const [name, e] of dir.entries) {
    if (e.kind === 'whiteout') continue;
    entries.set(name, e.kind === 'dir' ? withoutWhiteouts(e) : e);
  }
  return { kind: 'dir', ino: dir.ino, meta: { ...dir.meta }, entries, opaque: false };
}
