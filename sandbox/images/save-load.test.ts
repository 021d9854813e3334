// docker save / docker load of the built-in images: the archive layout,
// round trips that keep image IDs, and archives that are broken or lie about
// their layers.
import { describe, expect, it } from 'vitest';
import { ImageStore } from '../image/store.ts';
import { LayerStore } from '../layer/store.ts';
import { installBuiltinImages } from './install.ts';
import { saveImages } from '../image/archive-save.ts';
import { loadImages } from '../image/archive-load.ts';
import { concat, tarOf, untar } from '../layer/testing/tar.ts';
import { MemoryFs } from '../fs/memory.ts';
import { snapshot } from '../fs/testing/snapshot.ts';

async function engine() {
  const layers = new LayerStore();
  const images = new ImageStore(layers);
  await installBuiltinImages(images, layers);
  return { layers, images };
}

async function saveToBytes(images: ImageStore, refs: string[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await saveImages(refs.map((r) => ({ image: images.mustResolve(r), tags: [r.includes(':') ? r : `${r}:latest`] })), (c) => parts.push(c.slice()));
  return concat(parts);
}

async function listing(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const [name, f] of await untar(bytes)) files.set(name, f.body);
  return files;
}

describe('docker save', () => {
  it('writes the Docker 25 archive layout', async () => {
    const { images } = await engine();
    const files = await listing(await saveToBytes(images, ['busybox']));
    const image = images.mustResolve('busybox');
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
    expect(manifest).toEqual([{
      Config: `blobs/sha256/${image.id.slice(7)}`,
      RepoTags: ['busybox:latest'],
      Layers: image.config.rootfs.diff_ids.map((d) => `blobs/sha256/${d.slice(7)}`),
    }]);
    expect(JSON.parse(new TextDecoder().decode(files.get('repositories')))).toEqual({ busybox: { latest: image.id.slice(7) } });
    expect(JSON.parse(new TextDecoder().decode(files.get('oci-layout')))).toEqual({ imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(new TextDecoder().decode(files.get('index.json')));
    expect(index.manifests[0].annotations['io.containerd.image.name']).toBe('docker.io/library/busybox:latest');
    expect(files.get(`blobs/sha256/${image.id.slice(7)}`)).toEqual(image.configBytes);
  });

  it('writes a layer shared by two images once', async () => {
    const { images } = await engine();
    const files = await listing(await saveToBytes(images, ['alpine', 'nginx:alpine']));
    const alpineLayer = images.mustResolve('alpine').config.rootfs.diff_ids[0]!;
    expect([...files.keys()].filter((k) => k === `blobs/sha256/${alpineLayer.slice(7)}`)).toHaveLength(1);
  });
});

describe('docker load', () => {
  it('save → load into a fresh engine gives the same image IDs and files', async () => {
    const a = await engine();
    const bytes = await saveToBytes(a.images, ['nginx:alpine']);
    const layers = new LayerStore();
    const images = new ImageStore(layers);
    const loaded = await loadImages(bytes, images, layers);
    const original = a.images.mustResolve('nginx:alpine');
    expect(loaded.map((l) => [l.image.id, l.tags])).toEqual([[original.id, ['nginx:alpine']]]);
    expect(images.resolve('nginx:alpine')!.id).toBe(original.id);
    const want = await snapshot(new MemoryFs({ root: a.images.rootOf(original) }));
    const got = await snapshot(new MemoryFs({ root: images.rootOf(loaded[0]!.image) }));
    expect(got).toEqual(want);
  });

  it('rejects an archive whose layer does not match its DiffID', async () => {
    const { images } = await engine();
    const files = await listing(await saveToBytes(images, ['busybox']));
    const image = images.mustResolve('busybox');
    const layerPath = `blobs/sha256/${image.config.rootfs.diff_ids[0]!.slice(7)}`;
    const tampered = await tarOf([...files].map(([name, body]) => ({ name, body: name === layerPath ? body.slice().fill(0, 600, 700) : body })));
    const fresh = new LayerStore();
    await expect(loadImages(tampered, new ImageStore(fresh), fresh)).rejects.toThrow(/invalid diffID for layer 0/);
  });

  it('rejects things that are not archives with clear messages', async () => {
    const layers = new LayerStore();
    const images = new ImageStore(layers);
    await expect(loadImages(new TextEncoder().encode('hello'), images, layers)).rejects.toThrow(/manifest.json|invalid tar/);
    const bad = await tarOf([{ name: 'manifest.json', body: '{"not":"a list"}' }]);
    await expect(loadImages(bad, images, layers)).rejects.toThrow('invalid manifest.json');
  });
});
