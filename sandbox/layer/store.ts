// The layer store: layers by ChainID, each stored once however many images
// share it, and the merged root of every chain (what a container built on
// that chain sees below its writable layer), computed on demand. Recently
// used roots are cached (a bounded LRU: a long session builds many chains).
import { applyDiff } from '../fs/merge.ts';
import { dirNode, metaOf, type DirNode } from '../fs/node.ts';
import type { Digest } from './digest.ts';
import { chainIdOf, diffIdOf, treeSize, type Layer } from './layer.ts';

/**
 * The longest chain of layers an image may have: 125, as dockerd's layer
 * store (moby layer/layer_store.go: 127 for some graph drivers, minus the
 * two a container's read-write layer needs).
 */
export const MAX_LAYER_DEPTH = 125;

/** What dockerd says when a chain would be longer than MAX_LAYER_DEPTH. */
export class MaxDepthError extends Error {
  override name = 'MaxDepthError';
  constructor() { super('max depth exceeded'); }
}

export class LayerStore {
  private readonly layers = new Map<Digest, Layer>();
  /** Merged roots by ChainID, least recently used first. */
  private readonly roots = new Map<Digest, DirNode>();
  private readonly emptyRoot = dirNode(metaOf(0o755, 0));

  /** Adds a change set on top of `parent`; an identical layer is reused. */
  async add(tree: DirNode, parent: Layer | null): Promise<Layer> {
    return this.addWithDiffId(tree, parent, await diffIdOf(tree));
  }

  /**
   * Adds a change set whose DiffID is already known (a loaded layer whose tar
   * was hashed while reading, a built-in layer whose digest is pinned).
   */
  addWithDiffId(tree: DirNode, parent: Layer | null, diffId: Digest): Layer {
    const chainId = chainIdOf(parent?.chainId ?? null, diffId);
    const existing = this.layers.get(chainId);
    if (existing) return existing;
    let depth = 1;
    for (let p = parent; p; p = p.parent) if (++depth > MAX_LAYER_DEPTH) throw new MaxDepthError();
    const layer: Layer = { diffId, chainId, parent, size: treeSize(tree), tree };
    this.layers.set(chainId, layer);
    return layer;
  }

  get(chainId: Digest): Layer | undefined {
    return this.layers.get(chainId);
  }

  get count(): number {
    return this.layers.size;
  }

  constructor(private readonly maxCachedRoots = 128) {}

  /** The merged, read-only root of a chain (empty for no layers). */
  rootOf(top: Layer | null): DirNode {
    if (!top) return this.emptyRoot;
    const cached = this.roots.get(top.chainId);
    if (cached) {
      this.roots.delete(top.chainId);
      this.roots.set(top.chainId, cached);
      return cached;
    }
    const root = applyDiff(this.rootOf(top.parent), top.tree);
    this.roots.set(top.chainId, root);
    if (this.roots.size > this.maxCachedRoots) this.roots.delete(this.roots.keys().next().value!);
    return root;
  }

  /** Forgets a layer no image or container uses any more. */
  delete(chainId: Digest): void {
    this.layers.delete(chainId);
    this.roots.delete(chainId);
  }
}
