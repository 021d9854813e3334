// The image store: IDs from config bytes, references, dangling images,
// lookups by ID prefix, build cache entries.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { LayerStore } from '../layer/store.ts';
import { sha256Of } from '../layer/digest.ts';
import { serializeConfig, type ImageConfig } from './config.ts';
import { ImageStore } from './store.ts';

async function setup() {
  const layers = new LayerStore();
  const images = new ImageStore(layers);
  const fs = new MemoryFs({ now: () => 0 });
  fs.writeFileSync('/hello', 'hi');
  const layer = await layers.add(fs.root, null);
  const config = (cmd: string): ImageConfig => ({
    architecture: 'amd64', os: 'linux', created: '2024-01-01T00:00:00Z',
    config: { Env: ['A=1'], Cmd: [cmd], Labels: { z: '1', a: '2' } },
    rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    history: [{ created: '2024-01-01T00:00:00Z', created_by: 'COPY hello /' }],
  });
  return { layers, images, layer, config };
}

describe('image store', () => {
  it('derives the ID from the canonical config bytes', async () => {
    const { images, layer, config } = await setup();
    const image = images.create(config('sh'), layer);
    expect(image.id).toBe(sha256Of(serializeConfig(config('sh'))));
    expect(serializeConfig(config('sh'))).toContain('"Labels":{"a":"2","z":"1"}');
    expect(images.create(config('sh'), layer)).toBe(image);
    expect(image.size).toBe(2);
  });

  it('refuses a config whose rootfs does not match its layers', async () => {
    const { images, config } = await setup();
    expect(() => images.create(config('sh'), null)).toThrow(/rootfs/);
  });

  it('resolves by reference, full ID and unique prefix', async () => {
    const { images, layer, config } = await setup();
    const a = images.create(config('a'), layer);
    images.tag(a.id, 'app');
    expect(images.resolve('app')).toBe(a);
    expect(images.resolve('app:latest')).toBe(a);
    expect(images.resolve('docker.io/library/app:latest')).toBe(a);
    expect(images.resolve(a.id)).toBe(a);
    expect(images.resolve(a.id.slice(7))).toBe(a);
    expect(images.resolve(a.id.slice(7, 19))).toBe(a);
    expect(images.resolve('app:v2')).toBeUndefined();
    expect(images.resolve('NotValid')).toBeUndefined();
    expect(() => images.mustResolve('nope')).toThrow('No such image: nope');
  });

  it('moving a tag leaves the old image dangling', async () => {
    const { images, layer, config } = await setup();
    const a = images.create(config('a'), layer);
    const b = images.create(config('b'), layer);
    expect(images.tag(a.id, 'app:1')).toBeUndefined();
    expect(images.tag(b.id, 'app:1')).toBe(a.id);
    expect(images.refsOf(a.id)).toEqual([]);
    expect(images.refsOf(b.id)).toEqual(['docker.io/library/app:1']);
    expect(images.get(a.id)).toBe(a);
  });

  it('finds build cache entries by parent and key, and forgets them with the image', async () => {
    const { images, layer, config } = await setup();
    const parent = images.create(config('p'), layer);
    const child = images.create(config('c'), layer, { parent: parent.id, cacheKey: 'RUN x' });
    expect(images.findCached(parent.id, 'RUN x')).toBe(child);
    expect(images.findCached(parent.id, 'RUN y')).toBeUndefined();
    expect(images.findCached(null, 'RUN x')).toBeUndefined();
    expect(images.children(parent.id)).toEqual([child]);
    images.delete(child.id);
    expect(images.findCached(parent.id, 'RUN x')).toBeUndefined();
  });
});
