// Hostile archives through the tar reader, unpacked at the root (a layer, a
// build context, ADD's tar: dockerd's chroot is that directory) and below it
// (docker cp into /tmp: the chroot is the container's root). Expected
// outcomes follow moby's Unpack: names are cleaned and joined to where the
// archive is unpacked; leaving it — by name, symlink or hard link — refuses
// the archive with moby's breakout message; `..` at the root is the root.
// Strict (docker load, the build context, ADD) refuses instead what a naive
// extractor would let escape — absolute or climbing names and hard links —
// naming the entry, and still follows symlinks inside the root.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import type { DirNode } from '../fs/node.ts';
import { readTarArchive, readTarTree, TarBreakoutError, TarError } from './tar-read.ts';
import { tarEntry, tarOf, type TestEntry } from './testing/tar.ts';

const { file: f, symlink: sym, link: hard, dir } = tarEntry;

async function read(entries: TestEntry[], dest: string, whiteouts = false): Promise<MemoryFs> {
  return new MemoryFs({ root: await readTarTree(await tarOf(entries), { whiteouts, dest }) });
}

/** Every path in a tree: files and symlinks (`l -> target`), directories with a slash. */
function paths(fs: MemoryFs, at = '/'): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(at)) {
    const p = at === '/' ? `/${name}` : `${at}/${name}`;
    const st = fs.lstatSync(p);
    if (st.type === 'dir') out.push(`${p}/`, ...paths(fs, p));
    else out.push(st.type === 'symlink' ? `${p} -> ${fs.readlinkSync(p)}` : p);
  }
  return out;
}

async function refused(entries: TestEntry[], dest: string): Promise<string> {
  const e = await readTarTree(await tarOf(entries), { whiteouts: false, dest }).then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(TarBreakoutError);
  expect(e).toBeInstanceOf(TarError);
  return (e as Error).message;
}

describe('hostile names', () => {
  it('unpacked at the root, `..` stops at the root and absolute names are taken under it (dockerd\'s chroot)', async () => {
    const fs = await read([f('ok'), f('../escaped'), f('a/../../escaped2'), f('../../../../etc/x'), f('/abs'), f('/../up')], '/');
    expect(paths(fs)).toEqual(['/abs', '/escaped', '/escaped2', '/etc/', '/etc/x', '/ok', '/up']);
  });

  it('unpacked below the root, a name that leaves the directory refuses the archive with moby\'s message', async () => {
    expect(await refused([f('ok'), f('../escaped')], '/tmp')).toBe('"../escaped" is outside of "/tmp"');
    expect(await refused([f('a/../../escaped2')], '/tmp')).toBe('"../escaped2" is outside of "/tmp"');
    expect(await refused([f('../tmp2/x')], '/tmp')).toBe('"../tmp2/x" is outside of "/tmp"');
    expect(await refused([dir('..')], '/tmp/a')).toBe('".." is outside of "/tmp/a"');
    expect(await refused([f('x/../../\n')], '/tmp')).toBe('"../\\n" is outside of "/tmp"');
  });

  it('below the root, absolute and `/..` names and `..` that comes back stay in the directory', async () => {
    const fs = await read([f('/abs'), f('/../up'), f('a/../b'), f('../tmp/back')], '/tmp');
    expect(paths(fs)).toEqual(['/tmp/', '/tmp/abs', '/tmp/b', '/tmp/back', '/tmp/up']);
  });

  it('`.` is the directory itself and is skipped; `/` gives it its metadata', async () => {
    const { root, implied } = await readTarArchive(await tarOf([dir('./'), f('./a')]), { whiteouts: false, dest: '/' });
    expect(root.meta.mode).toBe(0o755);
    expect(implied.has(root)).toBe(true);
    const slash = await readTarArchive(await tarOf([dir('/', 0o700)]), { whiteouts: false, dest: '/tmp' });
    const tmp = slash.root.entries.get('tmp') as DirNode;
    expect(tmp.meta.mode).toBe(0o700);
    expect(slash.implied.has(tmp)).toBe(false);
    await expect(readTarTree(await tarOf([f('/')]), { whiteouts: false, dest: '/' })).rejects.toThrow(/would replace "\/", the directory it is unpacked into/);
  });
});

describe('hostile symlinks', () => {
  it('a relative symlink that climbs out of the directory is refused below the root, kept at the root', async () => {
    expect(await refused([sym('l', '../..'), f('l/x')], '/tmp')).toBe('invalid symlink "/tmp/l" -> "../.."');
    expect(await refused([sym('d/l', '../../../etc')], '/tmp')).toBe('invalid symlink "/tmp/d/l" -> "../../../etc"');
    expect(await refused([sym('l', 'sub/../..')], '/tmp')).toBe('invalid symlink "/tmp/l" -> "sub/../.."');
    // Stricter than moby's string prefix test, which takes /tmpx for a path inside /tmp.
    expect(await refused([sym('l', '../tmpx')], '/tmp')).toBe('invalid symlink "/tmp/l" -> "../tmpx"');
    const fs = await read([sym('l', '../..'), f('l/x'), sym('m', '../../../etc')], '/');
    expect(paths(fs)).toEqual(['/l -> ../..', '/m -> ../../../etc', '/x']);
  });

  it('absolute symlinks are accepted (they resolve inside the container) and a path through them stays in the root', async () => {
    const fs = await read([sym('l', '/'), f('l/etc/x'), sym('p', '/etc/passwd'), sym('e', '/etc'), f('e/y')], '/tmp');
    expect(paths(fs)).toEqual(['/etc/', '/etc/x', '/etc/y', '/tmp/', '/tmp/e -> /etc', '/tmp/l -> /', '/tmp/p -> /etc/passwd']);
    const atRoot = await read([sym('l', '/'), f('l/etc/x'), sym('up', '../../..'), f('up/l/y')], '/');
    expect(paths(atRoot)).toEqual(['/etc/', '/etc/x', '/l -> /', '/up -> ../../..', '/y']);
  });

  it('relative symlinks inside the directory are followed where they point; a later entry replaces a symlink, never goes through its last component', async () => {
    const fs = await read([sym('lib', 'usr/lib'), f('lib/libc.so'), sym('cfg', 'lib'), f('cfg/x'), sym('gone', 'nowhere'), f('gone')], '/tmp');
    expect(paths(fs)).toEqual(['/tmp/', '/tmp/cfg -> lib', '/tmp/gone', '/tmp/lib -> usr/lib', '/tmp/usr/', '/tmp/usr/lib/', '/tmp/usr/lib/libc.so', '/tmp/usr/lib/x']);
  });

  it('a symlink loop is an invalid tar, not a hang', async () => {
    await expect(read([sym('a', 'b'), sym('b', 'a'), f('a/x')], '/')).rejects.toThrow('invalid tar: too many levels of symbolic links in "a/x"');
    await expect(read([sym('s', 's/s'), f('s/x')], '/')).rejects.toThrow(/too many levels of symbolic links/);
  });

  it('whiteouts under a symlinked directory land where it points (layer mode)', async () => {
    const { root } = await readTarArchive(await tarOf([sym('l', '/etc'), f('l/.wh.passwd', ''), f('l/.wh..wh..opq', '')]), { whiteouts: true, dest: '/' });
    const etc = root.entries.get('etc') as DirNode;
    expect(etc.entries.get('passwd')?.kind).toBe('whiteout');
    expect(etc.opaque).toBe(true);
    expect(root.entries.get('l')?.kind).toBe('symlink');
  });
});

describe('hostile hard links', () => {
  it('a hard link whose target leaves the directory is refused, named as moby names it', async () => {
    expect(await refused([hard('h', '../etc/passwd')], '/tmp')).toBe('invalid hardlink "/etc/passwd" -> "../etc/passwd"');
    expect(await refused([f('a'), hard('d/h', '../a')], '/tmp')).toBe('invalid hardlink "/a" -> "../a"');
  });

  it('at the root the target is looked up under the root: missing is an invalid tar, present is linked', async () => {
    await expect(read([hard('h', '../etc/passwd')], '/')).rejects.toThrow('invalid tar: hard link h to missing ../etc/passwd');
    const fs = await read([f('etc/passwd', 'root:x:0:0'), hard('h', '../../etc/passwd'), hard('k', '/etc/passwd')], '/');
    expect(new TextDecoder().decode(fs.readFileSync('/h'))).toBe('root:x:0:0');
    expect(new TextDecoder().decode(fs.readFileSync('/k'))).toBe('root:x:0:0');
  });

  it('a hard link names its target from the directory, through the archive\'s symlinks, and may link a symlink', async () => {
    const fs = await read([f('real/f', 'data'), sym('d', 'real'), hard('h', 'd/f'), hard('hl', 'd')], '/tmp');
    expect(new TextDecoder().decode(fs.readFileSync('/tmp/h'))).toBe('data');
    expect(fs.readlinkSync('/tmp/hl')).toBe('real');
  });
});

describe('strict: docker load, the build context, ADD\'s tar', () => {
  const strict = async (entries: TestEntry[]): Promise<MemoryFs> =>
    new MemoryFs({ root: await readTarTree(await tarOf(entries), { whiteouts: false, dest: '/', strict: true }) });
  const refusedStrict = async (entries: TestEntry[]): Promise<string> => {
    const e = await readTarTree(await tarOf(entries), { whiteouts: false, dest: '/', strict: true }).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(TarBreakoutError);
    return (e as Error).message;
  };
  const LEAVES = ': it leaves the archive\'s root';
  const ABSOLUTE = ': an absolute name (archives hold names relative to their root)';

  it.each([
    ['../escaped', `archive/tar: insecure file path "../escaped"${LEAVES}`],
    ['a/../../x', `archive/tar: insecure file path "a/../../x"${LEAVES}`],
    ['..', `archive/tar: insecure file path ".."${LEAVES}`],
    ['./../x', `archive/tar: insecure file path "./../x"${LEAVES}`],
    ['x/../../\n', `archive/tar: insecure file path "x/../../\\n"${LEAVES}`],
    ['/etc/passwd', `archive/tar: insecure file path "/etc/passwd"${ABSOLUTE}`],
    ['/../x', `archive/tar: insecure file path "/../x"${ABSOLUTE}`],
  ])('a name %j that climbs out or is absolute refuses the archive, naming the entry', async (name, message) => {
    expect(await refusedStrict([f('ok'), f(name)])).toBe(message);
  });

  it('the root directory entry `/` is absolute too; `./` and `..` that comes back are not', async () => {
    expect(await refusedStrict([dir('/')])).toBe(`archive/tar: insecure file path "/"${ABSOLUTE}`);
    expect(paths(await strict([dir('./'), f('./a'), f('b/../c'), f('d/e/../../f'), dir('g/..')]))).toEqual(['/a', '/c', '/f']);
  });

  it('a hard link whose target climbs out or is absolute is refused; one inside is linked', async () => {
    expect(await refusedStrict([f('etc/passwd'), hard('h', '../etc/passwd')]))
      .toBe('archive/tar: insecure hard link "h" -> "../etc/passwd": its target leaves the archive\'s root');
    expect(await refusedStrict([f('a'), hard('d/h', 'd/../../a')]))
      .toBe('archive/tar: insecure hard link "d/h" -> "d/../../a": its target leaves the archive\'s root');
    expect(await refusedStrict([f('etc/passwd'), hard('k', '/etc/passwd')]))
      .toBe('archive/tar: insecure hard link "k" -> "/etc/passwd": an absolute target (hard links name their target relative to the archive\'s root)');
    const fs = await strict([f('etc/passwd', 'root'), hard('h', 'etc/passwd'), hard('d/h2', 'x/../etc/passwd')]);
    expect([fs.readFileSync('/h'), fs.readFileSync('/d/h2')].map((b) => new TextDecoder().decode(b))).toEqual(['root', 'root']);
  });

  it('symlink targets are not judged, and an entry written through a symlink lands where it points inside the root', async () => {
    const fs = await strict([
      sym('bin/sh', '/bin/busybox'), sym('l', '/'), f('l/etc/x', 'x'), sym('up', '../../..'), f('up/y', 'y'),
      sym('e', '/etc'), f('e/z', 'z'), sym('lib', 'usr/lib'), f('lib/libc.so'), hard('h', 'e/z'),
    ]);
    expect(paths(fs)).toEqual(['/bin/', '/bin/sh -> /bin/busybox', '/e -> /etc', '/etc/', '/etc/x', '/etc/z', '/h', '/l -> /', '/lib -> usr/lib', '/up -> ../../..', '/usr/', '/usr/lib/', '/usr/lib/libc.so', '/y']);
    expect(new TextDecoder().decode(fs.readFileSync('/h'))).toBe('z');
  });

  it('moby\'s rules alone (docker cp, unpacked at the root) still clamp what strict refuses', async () => {
    expect(paths(await read([f('../escaped'), f('/abs'), f('etc/passwd'), hard('h', '/etc/passwd')], '/'))).toEqual(['/abs', '/escaped', '/etc/', '/etc/passwd', '/h']);
  });
});
