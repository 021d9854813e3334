// The images' part of `docker system df` (GET /system/df), worked out as
// dockerd does (moby daemon/images: Images with SharedSize, and the layer
// store's total): a layer is stored once however many images use it, so
// LayersSize counts every layer once, and each listed image's SharedSize is
// the part of its Size held in layers another listed image uses too.
// Its UniqueSize (Size - SharedSize) is what removing that image alone frees.
import type { Image, ImageStore } from '../image/store.ts';
import { layerChain, treeSize } from '../layer/layer.ts';
import type { Container } from './container.ts';
import type { Volume } from './volumes.ts';

export interface ImageUsage {
  image: Image;
  /** Bytes of this image's layers that other listed images use too. */
  sharedSize: number;
}

export interface ImagesDiskUsage {
  /** Every layer of every image (intermediate and dangling ones included), each counted once. */
  layersSize: number;
  /** The images `docker images` lists (not a build's intermediate ones), with their shared part. */
  images: ImageUsage[];
}

/**
 * @example
 *   // alpine (7.8 MB) and nginx:alpine (48 MB, alpine's layer at its bottom):
 *   imagesDiskUsage(store, listed) // { layersSize: 48 MB, images: [{ image: alpine, sharedSize: 7.8 MB }, { image: nginx, sharedSize: 7.8 MB }] }
 */
export function imagesDiskUsage(store: ImageStore, listed: readonly Image[]): ImagesDiskUsage {
  const sizes = new Map<string, number>();
  for (const img of store.list()) for (const l of layerChain(img.top)) sizes.set(l.chainId, l.size);
  let layersSize = 0;
  for (const size of sizes.values()) layersSize += size;

  const users = new Map<string, number>();
  for (const img of listed) for (const l of layerChain(img.top)) users.set(l.chainId, (users.get(l.chainId) ?? 0) + 1);
  const images = listed.map((image) => ({
    image,
    sharedSize: layerChain(image.top).reduce((n, l) => n + ((users.get(l.chainId) ?? 0) > 1 ? l.size : 0), 0),
  }));
  return { layersSize, images };
}

/** Bytes of file content in a container's writable layer (its SizeRw). */
export function writableSize(c: Container): number {
  return treeSize(c.fs.upper);
}

/** Bytes of file content in a volume (its UsageData.Size). */
export function volumeSize(v: Volume): number {
  return treeSize(v.fs.root);
}
