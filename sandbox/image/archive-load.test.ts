// docker load of hostile archives. dockerd unpacks the archive in a chroot of
// a temporary directory and each layer in a chroot of its own directory, so
// `..` in a name stops at that root and symlinks — absolute or climbing — are
// kept as they are (they resolve inside the container); the manifest's paths
// are followed inside the archive (moby's safePath). Nothing can leave the
// root, so nothing is refused for it: the image loads with its files under
// its root. An image that fails to load leaves no layer behind.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { LayerStore } from '../layer/store.ts';
import { tarEntry } from '../layer/testing/tar.ts';
import { loadImages } from './archive-load.ts';
import { ImageStore } from './store.ts';
import { dockerArchive as archive } from './testing/docker-archive.ts';

const { file: f, symlink: sym, link: hard } = tarEntry;

function stores() {
  const layers = new LayerStore();
  return { layers, images: new ImageStore(layers) };
}

const text = (fs: MemoryFs, path: string): string => new TextDecoder().decode(fs.readFileSync(path));

describe('docker load of hostile archives', () => {
  it('a layer whose names climb out loads with them under the image root; its symlinks stay as they are', async () => {
    const { layers, images } = stores();
    const bytes = await archive('evil:1', [[
      f('../escaped', 'e'), f('a/../../../up', 'u'), f('/abs', 'a'),
      sym('l', '../..'), f('l/x', 'x'), sym('r', '/'), f('r/etc/y', 'y'), sym('p', '/etc/passwd'),
      f('etc/passwd', 'root'), hard('h', '../../etc/passwd'),
    ]]);
    const [loaded] = await loadImages(bytes, images, layers);
    expect(loaded!.tags).toEqual(['evil:1']);
    const fs = new MemoryFs({ root: layers.rootOf(loaded!.image.top) });
    expect(fs.readdirSync('/')).toEqual(['abs', 'escaped', 'etc', 'h', 'l', 'p', 'r', 'up', 'x']);
    expect([text(fs, '/escaped'), text(fs, '/up'), text(fs, '/abs'), text(fs, '/x'), text(fs, '/etc/y'), text(fs, '/h')]).toEqual(['e', 'u', 'a', 'x', 'y', 'root']);
    expect([fs.readlinkSync('/l'), fs.readlinkSync('/r'), fs.readlinkSync('/p')]).toEqual(['../..', '/', '/etc/passwd']);
  });

  it('the archive\'s own names and the manifest\'s paths are taken inside the archive, symlinks followed there', async () => {
    const { layers, images } = stores();
    const bytes = await archive('outer:1', [[f('hello', 'hi')]], {
      config: '../../cfg.json',
      layer: () => '/../blobs/layer.tar',
      manifestName: './../manifest.json',
      extra: [sym('links/layer', '../../../blobs/layer.tar')],
      refs: (n) => (n.includes('layer') ? 'links/layer' : `../${n}`),
    });
    const [loaded] = await loadImages(bytes, images, layers);
    expect(text(new MemoryFs({ root: layers.rootOf(loaded!.image.top) }), '/hello')).toBe('hi');
  });

  it('an image that fails on a later layer adds no layer and no image', async () => {
    const { layers, images } = stores();
    const before = { layers: layers.count, images: images.list().length };
    const bytes = await archive('half:1', [[f('one', '1')], [hard('h', '../nothere')]]);
    await expect(loadImages(bytes, images, layers)).rejects.toThrow(/^layer blobs\/sha256\/[0-9a-f]{64}: invalid tar: hard link h to missing \.\.\/nothere$/);
    expect({ layers: layers.count, images: images.list().length }).toEqual(before);
  });
});
