// Layer file lists from a `docker save` archive: the tar reader (ustar
// prefixes, PAX and GNU long names), whiteouts and opaque directories, and
// added vs changed against the layers below.
import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import { archiveLayers, layerChanges, readTar } from './image-archive.ts';

interface E { name: string; body?: string | Uint8Array; type?: 'file' | 'directory' | 'symlink'; linkname?: string }

async function tarOf(entries: E[]): Promise<Uint8Array> {
  const pack = tar.pack();
  const parts: Uint8Array[] = [];
  pack.on('data', (c: unknown) => parts.push((c as Uint8Array).slice()));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? 'file', ...(e.linkname && { linkname: e.linkname }) }, e.type && e.type !== 'file' ? '' : e.body ?? '');
  pack.finalize();
  await done;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('readTar', () => {
  it('reads names, types and contents, long names included', async () => {
    const long = `usr/lib/${'node_modules/'.repeat(12)}index.js`;
    const bytes = await tarOf([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/motd', body: 'hello' },
      { name: 'bin/sh', type: 'symlink', linkname: '/bin/busybox' },
      { name: long, body: 'x' },
      { name: `ñandú/${'é'.repeat(60)}`, body: '' },
    ]);
    const entries = readTar(bytes);
    expect(entries.map((e) => [e.name, e.type])).toEqual([
      ['etc/', 'dir'], ['etc/motd', 'file'], ['bin/sh', 'symlink'], [long, 'file'], [`ñandú/${'é'.repeat(60)}`, 'file'],
    ]);
    expect(dec.decode(entries[1]!.data)).toBe('hello');
  });

  it('stops at the entry limit and refuses what is not a tar', async () => {
    const bytes = await tarOf([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(readTar(bytes, 2).map((e) => e.name)).toEqual(['a', 'b']);
    expect(() => readTar(enc.encode('x'.repeat(1024)))).toThrow(/not a tar/);
  });
});

describe('layerChanges', () => {
  const f = (name: string) => ({ name, type: 'file' as const });
  const d = (name: string) => ({ name, type: 'dir' as const });

  it('tells added from changed, and lists whiteouts as deletions', () => {
    const [base, app] = layerChanges([
      [d('etc/'), f('etc/motd'), f('etc/hosts'), d('var/'), d('var/cache/'), f('var/cache/a'), f('var/cache/b')],
      [d('etc/'), f('etc/motd'), f('etc/.wh.hosts'), d('app/'), f('app/server.js'), d('var/'), f('var/.wh.cache')],
    ]);
    expect(base!.added).toEqual(['/etc/', '/etc/motd', '/etc/hosts', '/var/', '/var/cache/', '/var/cache/a', '/var/cache/b']);
    expect(app).toEqual({ added: ['/app/', '/app/server.js'], changed: ['/etc/motd'], deleted: ['/etc/hosts', '/var/cache'], replaced: [] });
  });

  it('a deleted directory takes its contents with it; an opaque one hides the lower contents', () => {
    const [, , again, opaque] = layerChanges([
      [d('srv/'), f('srv/x'), d('www/'), f('www/old.html')],
      [f('.wh.srv')],
      [d('srv/'), f('srv/x')],
      [d('www/'), f('www/.wh..wh..opq'), f('www/index.html')],
    ]);
    expect(again!.added).toEqual(['/srv/', '/srv/x']);
    expect(opaque).toEqual({ added: ['/www/index.html'], changed: [], deleted: [], replaced: ['/www/'] });
  });
});

describe('archiveLayers', () => {
  it('reads a docker save archive: the layers in manifest order and the config history', async () => {
    const l1 = await tarOf([{ name: 'etc/', type: 'directory' }, { name: 'etc/motd', body: 'hi' }]);
    const l2 = await tarOf([{ name: 'etc/', type: 'directory' }, { name: 'etc/.wh.motd' }, { name: 'hi.txt', body: 'hi' }]);
    const config = { rootfs: { type: 'layers', diff_ids: ['sha256:1', 'sha256:2'] }, history: [{ created_by: 'ADD x /' }, { created_by: 'CMD ["sh"]', empty_layer: true }, { created_by: 'RUN rm' }] };
    const archive = await tarOf([
      { name: 'blobs/', type: 'directory' }, { name: 'blobs/sha256/', type: 'directory' },
      { name: 'blobs/sha256/2', body: l2 }, { name: 'blobs/sha256/1', body: l1 }, { name: 'blobs/sha256/cfg', body: JSON.stringify(config) },
      { name: 'manifest.json', body: JSON.stringify([{ Config: 'blobs/sha256/cfg', RepoTags: ['app:latest'], Layers: ['blobs/sha256/1', 'blobs/sha256/2'] }]) },
    ]);
    const { layers, history } = archiveLayers(archive);
    expect(history.map((h) => Boolean(h.empty_layer))).toEqual([false, true, false]);
    expect(layers).toEqual([
      { added: ['/etc/', '/etc/motd'], changed: [], deleted: [], replaced: [] },
      { added: ['/hi.txt'], changed: [], deleted: ['/etc/motd'], replaced: [] },
    ]);
  });

  it('says so when the archive has no manifest', async () => {
    expect(() => archiveLayers(new Uint8Array(1024))).toThrow(/manifest\.json/);
  });
});
