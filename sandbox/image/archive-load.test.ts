// docker load of hostile archives. dockerd unpacks the archive in a chroot of
// a temporary directory and each layer in a chroot of its own directory; on
// top of that the playground refuses (tar-place.ts, strict) any entry — of
// the archive or of a layer — whose name climbs out of its root or is
// absolute, and any hard link whose target does, naming it: the whole
// archive is refused and nothing of it is stored. Symlinks, absolute or
// climbing, are kept as they are (they resolve inside the container), and an
// entry written through one lands inside the root; the manifest's paths are
// followed inside the archive (moby's safePath).
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { sha256Of } from '../layer/digest.ts';
import { LayerStore } from '../layer/store.ts';
import { tarEntry, tarOf, type TestEntry } from '../layer/testing/tar.ts';
import { loadImages } from './archive-load.ts';
import { ImageStore } from './store.ts';
import { dockerArchive as archive } from './testing/docker-archive.ts';

const { file: f, symlink: sym, link: hard } = tarEntry;

function stores() {
  const layers = new LayerStore();
  return { layers, images: new ImageStore(layers) };
}

const text = (fs: MemoryFs, path: string): string => new TextDecoder().decode(fs.readFileSync(path));
const REFUSED = '; the archive is refused and nothing was loaded (make it with docker save, or tar with names relative to its root)';
const LAYER = 'layer blobs/sha256/[0-9a-f]{64}: ';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The load's error, after checking that it stored nothing. */
async function refusal(bytes: Uint8Array): Promise<string> {
  const { layers, images } = stores();
  const e = await loadImages(bytes, images, layers).then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(Error);
  expect({ layers: layers.count, images: images.list().length }).toEqual({ layers: 0, images: 0 });
  return (e as Error).message;
}

/** An archive of two images (the second's layers after the first's), as docker save writes for `docker save a b`. */
async function twoImages(first: TestEntry[], second: TestEntry[]): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const entries: TestEntry[] = [];
  const manifest = [];
  for (const [i, layer] of [first, second].entries()) {
    const blob = await tarOf(layer);
    const config = enc.encode(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [sha256Of(blob)] }, history: [{ created_by: `image ${i}` }] }));
    const [c, l] = [`blobs/sha256/${sha256Of(config).slice(7)}`, `blobs/sha256/${sha256Of(blob).slice(7)}`];
    entries.push({ name: c, body: config }, { name: l, body: blob });
    manifest.push({ Config: c, RepoTags: [`img${i}:1`], Layers: [l] });
  }
  return tarOf([...entries, { name: 'manifest.json', body: enc.encode(JSON.stringify(manifest)) }]);
}

describe('docker load of hostile archives', () => {
  it.each([
    [f('../escaped', 'e'), 'archive/tar: insecure file path "../escaped": it leaves the archive\'s root'],
    [f('a/../../../up', 'u'), 'archive/tar: insecure file path "a/../../../up": it leaves the archive\'s root'],
    [f('/etc/passwd', 'a'), 'archive/tar: insecure file path "/etc/passwd": an absolute name (archives hold names relative to their root)'],
    [hard('h', '../../etc/passwd'), 'archive/tar: insecure hard link "h" -> "../../etc/passwd": its target leaves the archive\'s root'],
    [hard('k', '/etc/passwd'), 'archive/tar: insecure hard link "k" -> "/etc/passwd": an absolute target (hard links name their target relative to the archive\'s root)'],
  ])('a layer entry %j refuses the archive, naming it, and stores nothing', async (evil, message) => {
    const bytes = await archive('evil:1', [[f('etc/passwd', 'root'), f('ok')], [f('first'), evil]]);
    expect(await refusal(bytes)).toMatch(new RegExp(`^${LAYER}${escape(message + REFUSED)}$`));
  });

  it('symlinks, absolute or climbing, load as they are; entries written through them land inside the image root', async () => {
    const { layers, images } = stores();
    const bytes = await archive('links:1', [[
      sym('l', '../..'), f('l/x', 'x'), sym('r', '/'), f('r/etc/y', 'y'), sym('p', '/etc/passwd'),
      f('etc/passwd', 'root'), hard('h', 'etc/passwd'), hard('h2', 'r/../etc/./passwd'), sym('bin/sh', '/bin/busybox'),
    ]]);
    const [loaded] = await loadImages(bytes, images, layers);
    expect(loaded!.tags).toEqual(['links:1']);
    const fs = new MemoryFs({ root: layers.rootOf(loaded!.image.top) });
    expect(fs.readdirSync('/')).toEqual(['bin', 'etc', 'h', 'h2', 'l', 'p', 'r', 'x']);
    expect([text(fs, '/x'), text(fs, '/etc/y'), text(fs, '/h'), text(fs, '/h2')]).toEqual(['x', 'y', 'root', 'root']);
    expect([fs.readlinkSync('/l'), fs.readlinkSync('/r'), fs.readlinkSync('/p'), fs.readlinkSync('/bin/sh')]).toEqual(['../..', '/', '/etc/passwd', '/bin/busybox']);
  });

  it('the archive\'s own entries are held to the same rule', async () => {
    expect(await refusal(await archive('outer:1', [[f('hello')]], { manifestName: '../manifest.json' })))
      .toBe(`archive/tar: insecure file path "../manifest.json": it leaves the archive's root${REFUSED}`);
    expect(await refusal(await archive('outer:1', [[f('hello')]], { layer: () => '/blobs/layer.tar' })))
      .toBe(`archive/tar: insecure file path "/blobs/layer.tar": an absolute name (archives hold names relative to their root)${REFUSED}`);
  });

  it('the manifest\'s paths are taken inside the archive, symlinks followed there', async () => {
    const { layers, images } = stores();
    const bytes = await archive('outer:1', [[f('hello', 'hi')]], {
      config: 'cfg.json',
      layer: () => 'blobs/layer.tar',
      manifestName: './manifest.json',
      extra: [sym('links/layer', '../../../blobs/layer.tar')],
      refs: (n) => (n.includes('layer') ? 'links/layer' : `../../${n}`),
    });
    const [loaded] = await loadImages(bytes, images, layers);
    expect(text(new MemoryFs({ root: layers.rootOf(loaded!.image.top) }), '/hello')).toBe('hi');
  });

  it('an image that fails on a later layer adds no layer and no image', async () => {
    const { layers, images } = stores();
    const before = { layers: layers.count, images: images.list().length };
    const bytes = await archive('half:1', [[f('one', '1')], [hard('h', 'nothere')]]);
    await expect(loadImages(bytes, images, layers)).rejects.toThrow(/^layer blobs\/sha256\/[0-9a-f]{64}: invalid tar: hard link h to missing nothere$/);
    expect({ layers: layers.count, images: images.list().length }).toEqual(before);
  });

  it('a refused second image leaves the first unloaded too', async () => {
    expect(await refusal(await twoImages([f('good')], [f('../escaped')])))
      .toMatch(new RegExp(`^${LAYER}${escape(`archive/tar: insecure file path "../escaped": it leaves the archive's root${REFUSED}`)}$`));
    const { layers, images } = stores();
    const both = await loadImages(await twoImages([f('good')], [f('also/good')]), images, layers);
    expect(both.map((l) => l.tags)).toEqual([['img0:1'], ['img1:1']]);
  });
});
