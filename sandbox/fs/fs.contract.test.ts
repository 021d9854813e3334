// The contract every filesystem implementation passes: memory, overlay over
// an empty lower, overlay over a populated lower.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from './memory.ts';
import { OverlayFs } from './overlay.ts';
import { GeneratedContent } from './content.ts';
import { isFsError } from './errors.ts';
import type { FileSystem } from './types.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

function populatedLower(): MemoryFs {
  const m = new MemoryFs({ now: () => 1 });
  m.mkdirSync('/lower/dir', { recursive: true });
  m.writeFileSync('/lower/dir/file', 'from lower');
  return m;
}

const impls: Array<[string, () => FileSystem]> = [
  ['memory', () => new MemoryFs()],
  ['overlay (empty lower)', () => new OverlayFs(new MemoryFs().root)],
  ['overlay (populated lower)', () => new OverlayFs(populatedLower().root)],
];

async function code(p: Promise<unknown>): Promise<string> {
  try { await p; return 'ok'; } catch (e) { if (isFsError(e)) return e.code; throw e; }
}

describe.each(impls)('filesystem contract: %s', (_name, make) => {
  it('writes, reads and stats files', async () => {
    const fs = make();
    await fs.writeFile('/a.txt', 'hello', { mode: 0o600, uid: 5, gid: 6, mtimeMs: 1000 });
    expect(text(await fs.readFile('/a.txt'))).toBe('hello');
    const st = await fs.stat('/a.txt');
    expect(st).toMatchObject({ type: 'file', mode: 0o600, uid: 5, gid: 6, size: 5, mtimeMs: 1000 });
    await fs.writeFile('/a.txt', ' world', { flag: 'a' });
    expect(text(await fs.readFile('/a.txt'))).toBe('hello world');
    expect(await code(fs.writeFile('/a.txt', 'x', { flag: 'wx' }))).toBe('EEXIST');
    expect(await code(fs.readFile('/missing'))).toBe('ENOENT');
    expect(await code(fs.writeFile('/missing/x', 'y'))).toBe('ENOENT');
    expect(await code(fs.writeFile('/a.txt/x', 'y'))).toBe('ENOTDIR');
  });

  it('readFile returns a copy; generated content reads as its bytes', async () => {
    const fs = make();
    await fs.writeFile('/f', 'abc');
    (await fs.readFile('/f'))[0] = 0x7a;
    expect(text(await fs.readFile('/f'))).toBe('abc');
    const gen = new GeneratedContent('seed', 200_000, 'HEAD');
    await fs.writeFile('/big', gen);
    expect((await fs.stat('/big')).size).toBe(200_000);
    const bytes = await fs.readFile('/big');
    expect(text(bytes.subarray(0, 4))).toBe('HEAD');
    expect(Buffer.compare(bytes, new GeneratedContent('seed', 200_000, 'HEAD').bytes())).toBe(0);
    expect(await fs.readContent('/big')).toBe(gen);
  });

  it('makes directories, lists them sorted, removes them', async () => {
    const fs = make();
    await fs.mkdir('/d');
    expect(await code(fs.mkdir('/d'))).toBe('EEXIST');
    await fs.mkdir('/d/e/f', { recursive: true });
    await fs.mkdir('/d/e/f', { recursive: true });
    await fs.writeFile('/d/b', '');
    await fs.writeFile('/d/a', '');
    expect(await fs.readdir('/d')).toEqual(['a', 'b', 'e']);
    expect(await code(fs.rmdir('/d'))).toBe('ENOTEMPTY');
    expect(await code(fs.rmdir('/d/a'))).toBe('ENOTDIR');
    expect(await code(fs.unlink('/d/e'))).toBe('EISDIR');
    expect(await code(fs.readdir('/d/a'))).toBe('ENOTDIR');
    expect(await code(fs.mkdir('/d/a/x', { recursive: true }))).toBe('ENOTDIR');
    expect(await code(fs.rm('/d'))).toBe('EISDIR');
    await fs.rm('/d', { recursive: true });
    expect(await fs.exists('/d')).toBe(false);
    await fs.rm('/d', { force: true });
    expect(await code(fs.rm('/d'))).toBe('ENOENT');
    expect((await fs.stat('/')).type).toBe('dir');
  });

  it('renames files and directories', async () => {
    const fs = make();
    await fs.mkdir('/src/sub', { recursive: true });
    await fs.writeFile('/src/sub/f', 'x');
    await fs.rename('/src', '/dst');
    expect(await fs.exists('/src')).toBe(false);
    expect(text(await fs.readFile('/dst/sub/f'))).toBe('x');
    await fs.writeFile('/g', 'g');
    await fs.rename('/g', '/dst/sub/f');
    expect(text(await fs.readFile('/dst/sub/f'))).toBe('g');
    expect(await code(fs.rename('/dst', '/dst/sub/inner'))).toBe('EINVAL');
    await fs.mkdir('/empty');
    await fs.rename('/dst/sub', '/empty');
    expect(await fs.readdir('/empty')).toEqual(['f']);
    expect(await code(fs.rename('/dst', '/empty'))).toBe('ENOTEMPTY');
    expect(await code(fs.rename('/nope', '/x'))).toBe('ENOENT');
  });

  it('follows symlinks safely and never leaves the root', async () => {
    const fs = make();
    await fs.mkdir('/etc');
    await fs.writeFile('/etc/passwd', 'root');
    await fs.symlink('/etc/passwd', '/abs');
    await fs.symlink('../../../../etc/passwd', '/etc/rel');
    await fs.symlink('/etc', '/etclink');
    await fs.symlink('loop2', '/loop1');
    await fs.symlink('loop1', '/loop2');
    await fs.symlink('/nowhere', '/dangling');
    expect(text(await fs.readFile('/abs'))).toBe('root');
    expect(text(await fs.readFile('/etc/rel'))).toBe('root');
    expect(text(await fs.readFile('/etclink/passwd'))).toBe('root');
    expect(await fs.realpath('/etclink/../etclink/rel')).toBe('/etc/passwd');
    expect(await fs.readlink('/abs')).toBe('/etc/passwd');
    expect((await fs.lstat('/abs')).type).toBe('symlink');
    expect((await fs.stat('/abs')).type).toBe('file');
    expect(await code(fs.stat('/loop1'))).toBe('ELOOP');
    expect(await code(fs.stat('/dangling'))).toBe('ENOENT');
    expect(await fs.realpath('/../../..')).toBe('/');
    await fs.writeFile('/dangling', 'made');
    expect(text(await fs.readFile('/nowhere'))).toBe('made');
    expect(await code(fs.readlink('/etc'))).toBe('EINVAL');
    expect(await code(fs.symlink('x', '/abs'))).toBe('EEXIST');
    await fs.unlink('/etclink');
    expect(await fs.exists('/etc/passwd')).toBe(true);
  });

  it('changes modes, owners and times', async () => {
    const fs = make();
    await fs.writeFile('/f', 'x');
    await fs.symlink('/f', '/l');
    await fs.chmod('/l', 0o4755);
    await fs.chown('/f', 1000, 1001);
    await fs.lchown('/l', 7, 8);
    await fs.utimes('/f', 42);
    expect(await fs.stat('/f')).toMatchObject({ mode: 0o4755, uid: 1000, gid: 1001, mtimeMs: 42 });
    expect(await fs.lstat('/l')).toMatchObject({ uid: 7, gid: 8 });
    await fs.mkdir('/d');
    await fs.chmod('/d', 0o700);
    expect((await fs.stat('/d')).mode).toBe(0o700);
    await fs.chmod('/', 0o711);
    expect((await fs.stat('/')).mode).toBe(0o711);
    expect(await code(fs.chmod('/none', 0o600))).toBe('ENOENT');
  });

  it('treats a trailing slash as "must be a directory"', async () => {
    const fs = make();
    await fs.writeFile('/f', 'x');
    expect(await code(fs.stat('/f/'))).toBe('ENOTDIR');
    await fs.mkdir('/d');
    expect((await fs.stat('/d/')).type).toBe('dir');
  });

  it('keeps a stable inode number across metadata changes', async () => {
    const fs = make();
    await fs.writeFile('/f', 'x');
    const before = (await fs.stat('/f')).ino;
    await fs.chmod('/f', 0o600);
    expect((await fs.stat('/f')).ino).toBe(before);
  });
});
