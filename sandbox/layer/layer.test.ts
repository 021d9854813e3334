// Layers: OCI tar round trips (whiteouts, opaque dirs), content addresses,
// the store's sharing, and hostile tars.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarOf, untar } from './testing/tar.ts';
import { MemoryFs } from '../fs/memory.ts';
import { OverlayFs } from '../fs/overlay.ts';
import { GeneratedContent } from '../fs/content.ts';
import { cloneTree, type DirNode } from '../fs/node.ts';
import { snapshot } from '../fs/testing/snapshot.ts';
import { sha256Of } from './digest.ts';
import { chainIdOf, diffIdOf, layerChain } from './layer.ts';
import { LayerStore } from './store.ts';
import { readTarTree } from './tar-read.ts';
import { treeTarBytes } from './tar-write.ts';

const T = 1_700_000_000_000;

function base(): MemoryFs {
  const fs = new MemoryFs({ now: () => T });
  fs.mkdirSync('/etc/conf.d', { recursive: true });
  fs.writeFileSync('/etc/hosts', '127.0.0.1 localhost\n');
  fs.writeFileSync('/etc/conf.d/a', 'A');
  fs.symlinkSync('/etc/hosts', '/hosts');
  fs.mkdirSync('/bin');
  fs.writeFileSync('/bin/tool', new GeneratedContent('tool', 100_000, '\x7fELF'), { mode: 0o755, uid: 0, gid: 0 });
  return fs;
}

function change(lower: DirNode): OverlayFs {
  const fs = new OverlayFs(lower, { now: () => T + 1000 });
  fs.unlinkSync('/etc/hosts');
  fs.rmSync('/etc/conf.d', { recursive: true });
  fs.mkdirSync('/etc/conf.d');
  fs.writeFileSync('/etc/conf.d/b', 'B', { uid: 1000, gid: 1000 });
  return fs;
}

async function tarNames(bytes: Uint8Array): Promise<string[]> {
  return [...(await untar(bytes))].map(([name, f]) => `${f.type} ${name}`);
}

describe('layer tars', () => {
  it('writes whiteouts and opaque markers in OCI form, sorted, parents first', async () => {
    const lower = base();
    const names = await tarNames(await treeTarBytes(change(lower.root).upper));
    expect(names).toEqual([
      'directory etc/',
      'directory etc/conf.d/',
      'file etc/conf.d/.wh..wh..opq',
      'file etc/conf.d/b',
      'file etc/.wh.hosts',
    ]);
  });

  it('round-trips a change set through tar', async () => {
    const lower = base();
    const upper = change(lower.root).upper;
    const back = await readTarTree(await treeTarBytes(upper), { whiteouts: true, dest: '/' });
    const etc = back.entries.get('etc') as DirNode;
    expect(etc.entries.get('hosts')?.kind).toBe('whiteout');
    expect((etc.entries.get('conf.d') as DirNode).opaque).toBe(true);
    expect(await diffIdOf(back)).toBe(await diffIdOf(upper));
  });

  it('round-trips a full tree with generated content, modes and symlinks', async () => {
    const fs = base();
    const back = new MemoryFs({ root: await readTarTree(await treeTarBytes(fs.root), { whiteouts: true, dest: '/' }) });
    const { '/': _a, ...got } = await snapshot(back, { mtimes: true });
    const { '/': _b, ...want } = await snapshot(fs, { mtimes: true });
    expect(got).toEqual(want);
  });

  it('is readable by GNU tar', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layer-'));
    const file = join(dir, 'layer.tar');
    writeFileSync(file, await treeTarBytes(base().root));
    const listing = execFileSync('tar', ['-tvf', file], { encoding: 'utf8' });
    expect(listing).toMatch(/-rwxr-xr-x 0\/0 +100000 .* bin\/tool/);
    expect(listing).toMatch(/lrwxrwxrwx .* hosts -> \/etc\/hosts/);
  });

  it('keeps long names (PAX) intact', async () => {
    const fs = new MemoryFs({ now: () => T });
    const long = '/' + 'd'.repeat(120) + '/' + 'f'.repeat(150);
    fs.mkdirSync(long.slice(0, 122));
    fs.writeFileSync(long, 'x');
    const back = new MemoryFs({ root: await readTarTree(await treeTarBytes(fs.root), { whiteouts: true, dest: '/' }) });
    expect(new TextDecoder().decode(back.readFileSync(long))).toBe('x');
  });
});

describe('content addresses', () => {
  it('an empty layer is the tar of two zero blocks', async () => {
    const empty = new MemoryFs().root;
    expect(await diffIdOf(empty)).toBe(sha256Of(new Uint8Array(1024)));
    expect(await diffIdOf(empty)).toBe('sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef');
  });

  it('ChainIDs follow the OCI definition', () => {
    const a = sha256Of('a');
    const b = sha256Of('b');
    expect(chainIdOf(null, a)).toBe(a);
    expect(chainIdOf(a, b)).toBe(sha256Of(`${a} ${b}`));
  });

  it('the same tree always has the same DiffID; any change alters it', async () => {
    const one = await diffIdOf(base().root);
    expect(await diffIdOf(base().root)).toBe(one);
    const changed = base();
    changed.chmodSync('/bin/tool', 0o700);
    expect(await diffIdOf(changed.root)).not.toBe(one);
  });
});

describe('layer store', () => {
  it('stores identical layers once and merges chains', async () => {
    const store = new LayerStore();
    const l0 = await store.add(base().root, null);
    const again = await store.add(base().root, null);
    expect(again).toBe(l0);
    expect(store.count).toBe(1);
    const l1 = await store.add(change(store.rootOf(l0)).upper, l0);
    expect(layerChain(l1)).toEqual([l0, l1]);
    expect(l1.chainId).toBe(chainIdOf(l0.diffId, l1.diffId));
    const merged = new MemoryFs({ root: store.rootOf(l1) });
    expect(merged.existsSync('/etc/hosts')).toBe(false);
    expect(merged.readdirSync('/etc/conf.d')).toEqual(['b']);
    expect(store.rootOf(l1)).toBe(store.rootOf(l1));
    expect(l0.size).toBe(20 + 1 + 100_000);
  });
});

describe('hostile tars', () => {
  it('confines names that climb out of the root', async () => {
    const tree = await readTarTree(await tarOf([{ name: '../../etc/evil', body: 'x' }, { name: '/abs/f', body: 'y' }]), { whiteouts: false, dest: '/' });
    const fs = new MemoryFs({ root: tree });
    expect(fs.readdirSync('/')).toEqual(['abs', 'etc']);
    expect(fs.existsSync('/etc/evil')).toBe(true);
  });

  it('rejects oversized input and garbage with a clear error', async () => {
    const big = await tarOf([{ name: 'f', body: 'x'.repeat(5000) }]);
    await expect(readTarTree(big, { whiteouts: false, dest: '/', maxBytes: 1000 })).rejects.toThrow(/larger than the 1000-byte limit/);
    const garbage = new Uint8Array(1536).fill(65);
    await expect(readTarTree(garbage, { whiteouts: false, dest: '/' })).rejects.toThrow(/invalid tar/);
    await expect(readTarTree(await tarOf([{ name: 'a', type: 'link', linkname: 'missing' }]), { whiteouts: false, dest: '/' })).rejects.toThrow(/hard link/);
  });

  it('takes a tar that stops right after its last entry\'s data, as Go\'s reader does (the docker CLI sends one)', async () => {
    const whole = await tarOf([{ name: 'a', body: 'one' }, { name: 'b', body: 'hello' }]);
    const cut = whole.subarray(0, 512 + 512 + 512 + 5); // a, its padded data, b's header and its 5 bytes
    const fs = new MemoryFs({ root: await readTarTree(cut, { whiteouts: false, dest: '/' }) });
    expect(new TextDecoder().decode(fs.readFileSync('/b'))).toBe('hello');
    await expect(readTarTree(whole.subarray(0, 512 + 512 + 512 + 3), { whiteouts: false, dest: '/' })).rejects.toThrow(/invalid tar/);
  });

  it('keeps .wh. files as files outside layer mode', async () => {
    const tree = await readTarTree(await tarOf([{ name: 'd/.wh.x', body: '' }]), { whiteouts: false, dest: '/' });
    expect(new MemoryFs({ root: tree }).readdirSync('/d')).toEqual(['.wh.x']);
  });
});

describe('gzip', () => {
  it('refuses to inflate past its cap (a gzip bomb) and rejects corrupt data', async () => {
    const { gunzip, GzipError } = await import('./gzip.ts');
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const gz = new Uint8Array(await new Response(new Blob([zeros]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    expect(gz.length).toBeLessThan(20_000);
    expect((await gunzip(gz)).length).toBe(zeros.length);
    await expect(gunzip(gz, 1024 * 1024)).rejects.toThrow(GzipError);
    await expect(gunzip(gz, 1024 * 1024)).rejects.toThrow(/larger than the 1048576-byte limit/);
    await expect(gunzip(new Uint8Array([0x1f, 0x8b, 1, 2, 3]))).rejects.toThrow(/invalid gzip data/);
  });
});

describe('merged roots cache', () => {
  it('keeps a bounded number of roots and recomputes evicted ones identically', async () => {
    const store = new LayerStore(2);
    let top = null;
    for (let i = 0; i < 5; i++) {
      const fs = new OverlayFs(store.rootOf(top), { now: () => T });
      fs.writeFileSync(`/f${i}`, String(i));
      top = await store.add(fs.upper, top);
    }
    const first = await snapshot(new MemoryFs({ root: store.rootOf(top) }));
    expect(Object.keys(first).filter((k) => k.startsWith('/f'))).toEqual(['/f0', '/f1', '/f2', '/f3', '/f4']);
    const base = top!.parent!.parent!.parent!.parent!;
    store.rootOf(base);
    expect(await snapshot(new MemoryFs({ root: store.rootOf(top) }))).toEqual(first);
  });
});

describe('a file grown by appends (fs/grow.ts: a view of a larger buffer)', () => {
  it('goes into the layer tar and its DiffID as exactly its bytes, and the container can go on growing it', async () => {
    const container = new OverlayFs(base().root, { now: () => T });
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) { container.writeFileSync('/etc/hosts', `10.0.0.${i % 250} h${i}\n`, { flag: 'a' }); lines.push(`10.0.0.${i % 250} h${i}\n`); }
    const expected = `127.0.0.1 localhost\n${lines.join('')}`;
    const tar = await treeTarBytes(container.upper);
    expect(new TextDecoder().decode((await untar(tar)).get('etc/hosts')!.body)).toBe(expected);
    // The same change set with the bytes in an exact buffer of their own has the same DiffID.
    const exact = cloneTree(container.upper);
    const hosts = (exact.entries.get('etc') as DirNode).entries.get('hosts')!;
    if (hosts.kind !== 'file') throw new Error('not a file');
    hosts.content = new TextEncoder().encode(expected);
    expect(await diffIdOf(container.upper)).toBe(await diffIdOf(exact));
    // Committed as docker commit does (a copy of the tree sharing the content), then written on: the layer keeps its bytes.
    const store = new LayerStore();
    const layer = await store.add(cloneTree(container.upper), null);
    container.writeFileSync('/etc/hosts', 'after commit\n', { flag: 'a' });
    const committed = new MemoryFs({ root: store.rootOf(layer) });
    expect(new TextDecoder().decode(committed.readFileSync('/etc/hosts'))).toBe(expected);
    expect(new TextDecoder().decode(container.readFileSync('/etc/hosts'))).toBe(`${expected}after commit\n`);
  });
});
