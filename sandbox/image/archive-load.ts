// `docker load`: reads a docker-archive (what `docker save` writes, old and
// new layouts, as listed by its manifest.json) into the stores. Every layer
// blob is hashed and checked against the DiffID its config declares; the
// config bytes are kept as they are, so the image ID survives the trip. An
// entry, in the archive or a layer, whose name or hard link climbs out of
// its root or is absolute refuses the whole archive (tar-place.ts, strict).
import { sha256Of, type Digest } from '../layer/digest.ts';
import { chainIdOf, type Layer } from '../layer/layer.ts';
import type { LayerStore } from '../layer/store.ts';
import { gunzip, isGzip } from '../layer/gzip.ts';
import { readTarTree, TarBreakoutError, TarError } from '../layer/tar-read.ts';
import { MemoryFs } from '../fs/memory.ts';
import type { DirNode } from '../fs/node.ts';
import type { ImageConfig } from './config.ts';
import { familiarString, parseReference } from './reference.ts';
import type { Image, ImageStore } from './store.ts';

export class LoadError extends Error {
  override name = 'LoadError';
}

export interface LoadedImage {
  image: Image;
  /** Familiar references the archive named it by (may be empty). */
  tags: string[];
}

interface LegacyManifestEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

const MAX_ARCHIVE = 4 * 1024 ** 3;
const MAX_FILES = 100_000;

/** Said after an entry that would escape: what happened, and that nothing of the archive is kept. */
const REFUSED = '; the archive is refused and nothing was loaded (make it with docker save, or tar with names relative to its root)';

/**
 * The archive's files, read as dockerd reads them: unpacked (in a chroot of
 * its temporary directory; strict, so a name that climbs out or is absolute
 * refuses the archive instead of stopping there), then each file
 * the manifest names looked up with its symlinks followed inside that
 * directory (moby's safePath). Null when there is no such file.
 */
async function readArchive(data: Uint8Array): Promise<(path: string) => Uint8Array | null> {
  let fs: MemoryFs;
  try {
    fs = new MemoryFs({ root: await readTarTree(data, { whiteouts: false, dest: '/', strict: true, maxEntries: MAX_FILES, maxBytes: MAX_ARCHIVE }) });
  } catch (e) {
    if (e instanceof TarBreakoutError) throw new LoadError(`${e.message}${REFUSED}`);
    if (e instanceof TarError) throw new LoadError(e.message);
    throw e;
  }
  return (path) => {
    try {
      return fs.readFileSync(`/${path}`);
    } catch {
      return null;
    }
  };
}

async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzip(bytes, MAX_ARCHIVE);
  } catch (e) {
    throw new LoadError((e as Error).message);
  }
}

/** An image of the archive, read and checked, not yet stored. */
interface PendingImage {
  config: ImageConfig;
  configBytes: Uint8Array;
  repoTags: string[];
  layers: Array<{ diffId: Digest; chainId: Digest }>;
}

/**
 * Loads every image of a docker-archive. Every image and layer is read and
 * checked before any is stored: an archive that fails to load leaves no
 * image or layer behind.
 */
export async function loadImages(data: Uint8Array, images: ImageStore, layers: LayerStore): Promise<LoadedImage[]> {
  const file = await readArchive(data);
  const manifestBytes = file('manifest.json');
  if (!manifestBytes) throw new LoadError('open manifest.json: no such file or directory (is this a docker save archive?)');
  let manifest: LegacyManifestEntry[];
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as LegacyManifestEntry[];
    if (!Array.isArray(manifest)) throw new Error('not a list');
  } catch (e) {
    throw new LoadError(`invalid manifest.json: ${(e as Error).message}`);
  }
  const pending: PendingImage[] = [];
  // Trees of the layers the store lacks, by ChainID (images of one archive share layers).
  const trees = new Map<Digest, DirNode>();
  for (const entry of manifest) {
    const configBytes = typeof entry.Config === 'string' ? file(entry.Config) : null;
    if (!configBytes) throw new LoadError(`archive has no config ${entry.Config}`);
    let config: ImageConfig;
    try {
      config = JSON.parse(new TextDecoder().decode(configBytes)) as ImageConfig;
    } catch (e) {
      throw new LoadError(`invalid image config ${entry.Config}: ${(e as Error).message}`);
    }
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (!Array.isArray(entry.Layers) || diffIds.length !== entry.Layers.length) {
      throw new LoadError(`invalid manifest, layers length mismatch: expected ${diffIds.length}, got ${entry.Layers?.length}`);
    }
    const chain: PendingImage['layers'] = [];
    let chainId: Digest | null = null;
    for (let i = 0; i < entry.Layers.length; i++) {
      const path = entry.Layers[i]!;
      const blob = typeof path === 'string' ? file(path) : null;
      if (!blob) throw new LoadError(`archive has no layer ${path}`);
      const tarBytes = await gunzipIfNeeded(blob);
      const expected = diffIds[i] as Digest;
      const actual = sha256Of(tarBytes);
      if (actual !== expected) throw new LoadError(`invalid diffID for layer ${i}: calculated ${actual}, expected ${expected}`);
      chainId = chainIdOf(chainId, expected);
      try {
        // A layer is unpacked in a chroot of its own directory; strict: a name or hard link that climbs out, or is absolute, refuses it.
        if (!layers.get(chainId) && !trees.has(chainId)) trees.set(chainId, await readTarTree(tarBytes, { whiteouts: true, dest: '/', strict: true }));
      } catch (e) {
        if (e instanceof TarBreakoutError) throw new LoadError(`layer ${path}: ${e.message}${REFUSED}`);
        throw e instanceof TarError ? new LoadError(`layer ${path}: ${e.message}`) : e;
      }
      chain.push({ diffId: expected, chainId });
    }
    pending.push({ config, configBytes, repoTags: entry.RepoTags ?? [], layers: chain });
  }
  const loaded: LoadedImage[] = [];
  for (const p of pending) {
    let top: Layer | null = null;
    for (const l of p.layers) top = layers.get(l.chainId) ?? layers.addWithDiffId(trees.get(l.chainId)!, top, l.diffId);
    const image = images.create(p.config, top, { configBytes: p.configBytes });
    const tags: string[] = [];
    for (const tag of p.repoTags) {
      images.tag(image.id, tag);
      tags.push(familiarString(parseReference(tag)));
    }
    loaded.push({ image, tags });
  }
  return loaded;
}
