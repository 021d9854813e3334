// A layer is the change set of one build step (or one layer of a loaded
// image): a tree of new and changed entries, whiteouts and opaque
// directories. It is content-addressed like moby's layer store: DiffID =
// sha256 of its uncompressed OCI tar; ChainID(L0) = DiffID(L0),
// ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)) (OCI image spec).
import type { DirNode, TreeEntry } from '../fs/node.ts';
import { contentSize } from '../fs/content.ts';
import { createSha256, sha256Of, type Digest } from './digest.ts';
import { writeTreeTar } from './tar-write.ts';

export interface Layer {
  readonly diffId: Digest;
  readonly chainId: Digest;
  readonly parent: Layer | null;
  /** Bytes of file content in this layer alone (Docker's layer "Size"). */
  readonly size: number;
  /** The change set. Frozen: nothing may mutate it once it is a layer. */
  readonly tree: DirNode;
}

export function chainIdOf(parent: Digest | null, diffId: Digest): Digest {
  return parent === null ? diffId : sha256Of(`${parent} ${diffId}`);
}

/** DiffID of a change set: the sha256 of its layer tar, streamed. */
export async function diffIdOf(tree: DirNode): Promise<Digest> {
  const h = createSha256();
  await writeTreeTar(tree, (c) => h.update(c));
  return h.digest();
}

/** Sum of the file sizes in a tree. */
export function treeSize(tree: DirNode): number {
  let size = 0;
  const walk = (e: TreeEntry): void => {
    if (e.kind === 'file') size += contentSize(e.content);
    else if (e.kind === 'dir') for (const c of e.entries.values()) walk(c);
  };
  walk(tree);
  return size;
}

/** All layers from the base to `top`, base first. */
export function layerChain(top: Layer | null): Layer[] {
  const out: Layer[] = [];
  for (let l = top; l; l = l.parent) out.push(l);
  return out.reverse();
}
