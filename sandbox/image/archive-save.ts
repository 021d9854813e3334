// `docker save`: writes images as a docker-archive tar in the layout Docker
// 25+ writes (an OCI image layout plus the legacy manifest.json and
// repositories files), which real engines load. Layer blobs are streamed from
// the layer trees and verified against their DiffIDs on the way out.
import type { Pack } from 'tar-stream';
import { createSha256, hexOf, type Digest } from '../layer/digest.ts';
import { layerChain, type Layer } from '../layer/layer.ts';
import { endStream, writeTreeTar } from '../layer/tar-write.ts';
import { loadTarStream } from '../layer/tar-stream.ts';
import { buildManifest, MEDIA, type Descriptor } from './manifest.ts';
import { familiarName, parseReference } from './reference.ts';
import type { Image } from './store.ts';

export interface SaveItem {
  image: Image;
  /** Familiar references to record (`busybox:latest`); empty when saved by ID. */
  tags: string[];
}

const encoder = new TextEncoder();
const EPOCH = new Date(0);

async function layerTarSize(layer: Layer): Promise<number> {
  let size = 0;
  await writeTreeTar(layer.tree, (c) => { size += c.length; });
  return size;
}

/** Streams a docker-archive of `items` to `onChunk` (chunks are only valid during the call). */
export async function saveImages(items: SaveItem[], onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const pack = (await loadTarStream()).pack();
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => onChunk(c as Uint8Array));
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  const add = (name: string, body: Uint8Array | string): Promise<void> =>
    new Promise((res, rej) => pack.entry({ name, mtime: EPOCH, mode: 0o644, uname: '', gname: '' },
      typeof body === 'string' ? encoder.encode(body) : body, (e) => (e ? rej(e) : res())));
  const dir = (name: string): Promise<void> =>
    new Promise((res, rej) => pack.entry({ name, type: 'directory', mtime: EPOCH, mode: 0o755, uname: '', gname: '' }, new Uint8Array(0), (e) => (e ? rej(e) : res())));

  await dir('blobs/');
  await dir('blobs/sha256/');
  const written = new Map<Digest, number>();
  const legacy: Array<{ Config: string; RepoTags: string[]; Layers: string[] }> = [];
  const index: Descriptor[] = [];
  const repositories = new Map<string, Map<string, string>>();

  for (const { image, tags } of items) {
    const layers: Array<{ digest: Digest; size: number }> = [];
    for (const layer of layerChain(image.top)) {
      let size = written.get(layer.diffId);
      if (size === undefined) {
        size = await layerTarSize(layer);
        await writeLayerBlob(pack, layer, size);
        written.set(layer.diffId, size);
      }
      layers.push({ digest: layer.diffId, size });
    }
    const configPath = `blobs/sha256/${hexOf(image.id)}`;
    if (!written.has(image.id)) {
      await add(configPath, image.configBytes);
      written.set(image.id, image.configBytes.length);
    }
    const m = buildManifest(image.configBytes, layers);
    if (!written.has(m.digest)) {
      await add(`blobs/sha256/${hexOf(m.digest)}`, m.bytes);
      written.set(m.digest, m.bytes.length);
    }
    legacy.push({ Config: configPath, RepoTags: tags, Layers: layers.map((l) => `blobs/sha256/${hexOf(l.digest)}`) });
    const refs = tags.length > 0 ? tags : [null];
    for (const tag of refs) {
      const annotations: Record<string, string> = {};
      if (tag) {
        const ref = parseReference(tag);
        annotations['io.containerd.image.name'] = `${ref.domain}/${ref.path}:${ref.tag ?? 'latest'}`;
        annotations['org.opencontainers.image.ref.name'] = ref.tag ?? 'latest';
        const repo = familiarName(ref);
        const tagsOfRepo = repositories.get(repo) ?? new Map<string, string>();
        tagsOfRepo.set(ref.tag ?? 'latest', hexOf(image.id));
        repositories.set(repo, tagsOfRepo);
      }
      index.push({ mediaType: MEDIA.manifest, digest: m.digest, size: m.bytes.length, ...(tag && { annotations }) });
    }
  }

  await add('index.json', JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.index, manifests: index }));
  await add('manifest.json', JSON.stringify(legacy));
  await add('oci-layout', JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  if (repositories.size > 0) {
    const repos: Record<string, Record<string, string>> = {};
    for (const [repo, tagMap] of repositories) repos[repo] = Object.fromEntries(tagMap);
    await add('repositories', JSON.stringify(repos));
  }
  pack.finalize();
  await done;
}

/** Writes one layer blob, checking that its bytes still hash to its DiffID. */
async function writeLayerBlob(pack: Pack, layer: Layer, size: number): Promise<void> {
  const hash = createSha256();
  await new Promise<void>((resolve, reject) => {
    const entry = pack.entry({ name: `blobs/sha256/${hexOf(layer.diffId)}`, size, mtime: EPOCH, mode: 0o644, uname: '', gname: '' },
      (e) => (e ? reject(e) : resolve()));
    writeTreeTar(layer.tree, (c) => { hash.update(c); entry.write(c); })
      .then(() => {
        const actual = hash.digest();
        if (actual !== layer.diffId) throw new Error(`layer ${layer.diffId} does not match its content (${actual})`);
        endStream(entry);
      })
      .catch((e: Error) => { entry.destroy(e); reject(e); });
  });
}
