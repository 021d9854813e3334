// The build context our CLI prepares, as the docker CLI prepares it: what
// .dockerignore leaves out, what is always sent, a Dockerfile added from
// outside or from stdin, a context from stdin. (cli-vs-docker-build.test.ts
// checks the same against the stock CLI's sizes and builds.)
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isArchive, prepareBuildContext } from './build-context.ts';
import { CliError } from './command.ts';
import { nodeWorkspace } from './testing/node-workspace.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A directory made of `files` (a trailing `/` makes a directory, `-> x` a symlink). */
function dirOf(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name.endsWith('/') ? name : name.replace(/\/?[^/]*$/, '')), { recursive: true });
    if (name.endsWith('/')) continue;
    if (body.startsWith('-> ')) symlinkSync(body.slice(3), join(dir, name));
    else writeFileSync(join(dir, name), body);
  }
  return dir;
}

/** The entries of a (possibly unterminated) tar: name → content. */
function entries(tar: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (let off = 0; off + 512 <= tar.length;) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const name = dec.decode(h.subarray(0, 100)).replace(/\0.*$/s, '');
    const size = parseInt(dec.decode(h.subarray(124, 136)).replace(/\0.*$/s, ''), 8);
    out.set(name, dec.decode(tar.subarray(off + 512, off + 512 + size)));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

const prepare = (dir: string, file = '', context = dir, stdin = '') => prepareBuildContext({
  files: nodeWorkspace, cwd: dir, context, file, now: 0, readStdin: async () => enc.encode(stdin),
});

describe('the build context the CLI sends', () => {
  it('leaves out what .dockerignore excludes, but always sends the Dockerfile and .dockerignore', async () => {
    const dir = dirOf({ 'Dockerfile': 'FROM busybox\n', '.dockerignore': '*\n!src\nsrc/*.tmp\n', 'src/a.ts': 'a', 'src/b.tmp': 'b', 'notes.md': 'n' });
    const ctx = await prepare(dir);
    expect([...entries(ctx.tar).keys()]).toEqual(['.dockerignore', 'Dockerfile', 'src/', 'src/a.ts']);
    expect(ctx.dockerfile).toBe('Dockerfile');
  });

  it('walks into an excluded directory only for an exception that starts with its path', async () => {
    const files = { 'Dockerfile': 'FROM busybox\n', 'a/keep/f': 'x', 'a/g': 'y', 'b/h': 'z' };
    const byPrefix = await prepare(dirOf({ ...files, '.dockerignore': 'a\n!a/keep\n' }));
    expect([...entries(byPrefix.tar).keys()]).toEqual(['.dockerignore', 'Dockerfile', 'a/keep/', 'a/keep/f', 'b/', 'b/h']);
    // `!**/keep` would re-include a/keep path by path, but the walk never enters `a`.
    const byGlob = await prepare(dirOf({ ...files, '.dockerignore': 'a\n!**/keep\n' }));
    expect([...entries(byGlob.tar).keys()]).toEqual(['.dockerignore', 'Dockerfile', 'b/', 'b/h']);
  });

  it('finds a lowercase dockerfile, follows a Dockerfile symlink, and names a missing one as docker does', async () => {
    expect((await prepare(dirOf({ dockerfile: 'FROM busybox\n' }))).dockerfile).toBe('dockerfile');
    expect((await prepare(dirOf({ Dockerfile: '-> build/Dockerfile.prod', 'build/Dockerfile.prod': 'FROM busybox\n' }))).dockerfile).toBe('build/Dockerfile.prod');
    const dir = dirOf({ x: '' });
    await expect(prepare(dir, 'nope')).rejects.toThrow(new CliError(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${dir}/nope: no such file or directory`, 1));
    await expect(prepare(dir, '', `${dir}/x`)).rejects.toThrow(`unable to prepare context: context must be a directory: ${dir}/x`);
    await expect(prepare(dir, '', 'nowhere')).rejects.toThrow('unable to prepare context: path "nowhere" not found');
    await expect(prepare(dirOf({ Dockerfile: '', '.dockerignore': 'a[\n' }))).rejects.toThrow(new CliError('error checking context: syntax error in pattern', 1));
  });

  it('adds a Dockerfile from outside the context or from stdin under a random name that .dockerignore lists', async () => {
    const outside = dirOf({ 'Dockerfile.dev': 'FROM alpine\n' });
    const dir = dirOf({ 'app.txt': 'x' });
    for (const ctx of [await prepare(dir, `${outside}/Dockerfile.dev`), await prepare(dir, '-', dir, 'FROM alpine\n')]) {
      expect(ctx.dockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
      const e = entries(ctx.tar);
      expect([...e.keys()]).toEqual(['app.txt', '.dockerignore', ctx.dockerfile]);
      expect(e.get('.dockerignore')).toBe(`.dockerignore\n${ctx.dockerfile}\n`);
      expect(e.get(ctx.dockerfile)).toBe('FROM alpine\n');
      // As docker sends it: no padding after the last entry, no end-of-archive blocks.
      expect(ctx.tar.length).toBe(512 * 2 + 512 * 2 + 512 + 'FROM alpine\n'.length);
    }
    const withIgnore = await prepare(dirOf({ 'app.txt': 'x', '.dockerignore': '*.log' }), `${outside}/Dockerfile.dev`);
    expect(entries(withIgnore.tar).get('.dockerignore')).toBe(`*.log\n${withIgnore.dockerfile}\n`);
  });

  it('reads the context from stdin: a tar as it is, anything else as a Dockerfile', async () => {
    const dir = dirOf({ Dockerfile: 'FROM busybox\n' });
    const tar = (await prepare(dir)).tar;
    expect(isArchive(tar)).toBe(true);
    expect(isArchive(enc.encode('FROM busybox\n'))).toBe(false);
    const fromDockerfile = await prepare(dir, '', '-', 'FROM busybox\nRUN true\n');
    expect(fromDockerfile.dockerfile).toBe('Dockerfile');
    expect(entries(fromDockerfile.tar)).toEqual(new Map([['Dockerfile', 'FROM busybox\nRUN true\n']]));
    await expect(prepare(dir, 'x', '-', 'FROM busybox\n')).rejects.toThrow('unable to prepare context: ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles');
    await expect(prepare(dir, '-', '-')).rejects.toThrow("invalid argument: can't use stdin for both build context and dockerfile");
  });
});
