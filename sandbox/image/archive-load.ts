// `docker load`: reads a docker-archive (what `docker save` writes, old and
// new layouts, as listed by its manifest.json) into the stores. Every layer
// blob is hashed and checked against the DiffID its config declares; the
// config bytes are kept as they are, so the image ID survives the trip.
import tar from 'tar-stream';
import { sha256Of, type Digest } from '../layer/digest.ts';
import { chainIdOf, type Layer } from '../layer/layer.ts';
import type { LayerStore } from '../layer/store.ts';
import { gunzip, isGzip } from '../layer/gzip.ts';
import { readTarTree, TarError } from '../layer/tar-read.ts';
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

/** Reads the archive's files into memory (bounded). */
async function readFiles(data: Uint8Array): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const extract = tar.extract();
  let total = 0;
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (h, stream, next) => {
      const parts: Uint8Array[] = [];
      let size = 0;
      stream.on('data', (raw: unknown) => { const c = raw as Uint8Array; parts.push(c); size += c.length; total += c.length; });
      stream.on('end', () => {
        if (total > MAX_ARCHIVE || files.size >= MAX_FILES) { extract.destroy(new LoadError('archive too large')); return; }
        if (h.type === 'file' || h.type === 'contiguous-file') {
          const body = new Uint8Array(size);
          let off = 0;
          for (const p of parts) { body.set(p, off); off += p.length; }
          files.set(h.name.replace(/^\.\//, ''), body);
        }
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', (e: Error) => reject(e instanceof LoadError ? e : new LoadError(`invalid tar header: ${e.message}`)));
  });
  extract.end(data);
  await done;
  return files;
}

async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzip(bytes, MAX_ARCHIVE);
  } catch (e) {
    throw new LoadError((e as Error).message);
  }
}

/** Loads every image of a docker-archive. */
export async function loadImages(data: Uint8Array, images: ImageStore, layers: LayerStore): Promise<LoadedImage[]> {
  const files = await readFiles(data);
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) throw new LoadError('open manifest.json: no such file or directory (is this a docker save archive?)');
  let manifest: LegacyManifestEntry[];
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as LegacyManifestEntry[];
    if (!Array.isArray(manifest)) throw new Error('not a list');
  } catch (e) {
    throw new LoadError(`invalid manifest.json: ${(e as Error).message}`);
  }
  const loaded: LoadedImage[] = [];
  for (const entry of manifest) {
    const configBytes = files.get(entry.Config);
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
    let top: Layer | null = null;
    for (let i = 0; i < entry.Layers.length; i++) {
      const path = entry.Layers[i]!;
      const blob = files.get(path);
      if (!blob) throw new LoadError(`archive has no layer ${path}`);
      const tarBytes = await gunzipIfNeeded(blob);
      const expected = diffIds[i] as Digest;
      const actual = sha256Of(tarBytes);
      if (actual !== expected) throw new LoadError(`invalid diffID for layer ${i}: calculated ${actual}, expected ${expected}`);
      try {
        const existing = layers.get(chainIdOf(top?.chainId ?? null, expected));
        top = existing ?? layers.addWithDiffId(await readTarTree(tarBytes, { whiteouts: true }), top, expected);
      } catch (e) {
        throw e instanceof TarError ? new LoadError(`layer ${path}: ${e.message}`) : e;
      }
    }
    const image = images.create(config, top, { configBytes });
    const tags: string[] = [];
    for (const tag of entry.RepoTags ?? []) {
      images.tag(image.id, tag);
      tags.push(familiarString(parseReference(tag)));
    }
    loaded.push({ image, tags });
  }
  return loaded;
}
