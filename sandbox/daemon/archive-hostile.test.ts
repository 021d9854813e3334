// docker cp of hostile archives into a container (PUT /containers/{id}/archive).
// dockerd unpacks inside the container's root at the resolved directory: an
// entry, symlink or hard link that leaves that directory refuses the archive
// (500, moby's message); ours also writes nothing then, since it reads the
// whole archive first. Into `/`, `..` stops at the root. A path through a
// symlink the archive made lands where it points, inside the container.
import { describe, expect, it } from 'vitest';
import { snapshot } from '../fs/testing/snapshot.ts';
import { tarEntry, tarOf, type TestEntry } from '../layer/testing/tar.ts';
import { putArchive } from './archive.ts';
import { Daemon } from './daemon.ts';
import { ContainerError } from './errors.ts';
import { sequentialIds } from './ids.ts';

const { file: f, symlink: sym, link: hard } = tarEntry;
const dec = new TextDecoder();

async function container() {
  const d = await Daemon.create({ newId: sequentialIds('cp') });
  const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sleep', '100'] });
  c.fs.mkdirSync('/data/app', { recursive: true });
  c.fs.symlinkSync('/data', '/link');
  c.fs.writeFileSync('/data/keep', 'kept');
  return c;
}

describe('docker cp of archives that climb out', () => {
  const refusals: Array<[string, string, TestEntry[], string]> = [
    ['a name with ..', '/tmp', [f('first'), f('../escaped')], '"../escaped" is outside of "/tmp"'],
    ['.. in the middle of a name', '/tmp', [f('a/../../escaped')], '"../escaped" is outside of "/tmp"'],
    ['a name that leaves a deeper directory', '/data/app', [f('../../etc/evil')], '"../../etc/evil" is outside of "/data/app"'],
    ['a directory through a symlink: named as resolved', '/link/app', [f('../keep')], '"../keep" is outside of "/data/app"'],
    ['a relative symlink that climbs out', '/tmp', [sym('l', '../..'), f('l/x')], 'invalid symlink "/tmp/l" -> "../.."'],
    ['a symlink out of a subdirectory', '/tmp', [sym('d/up', '../../etc')], 'invalid symlink "/tmp/d/up" -> "../../etc"'],
    ['a hard link to a file outside', '/tmp', [hard('h', '../etc/passwd')], 'invalid hardlink "/etc/passwd" -> "../etc/passwd"'],
  ];

  for (const [what, dest, entries, message] of refusals) {
    it(`refuses ${what} with a 500 and moby's message, and changes nothing`, async () => {
      const c = await container();
      const before = await snapshot(c.fs);
      const e = await putArchive(c, dest, await tarOf(entries)).then(() => null, (err: unknown) => err);
      expect(e).toBeInstanceOf(ContainerError);
      expect((e as ContainerError).status).toBe(500);
      expect((e as Error).message).toBe(message);
      expect(await snapshot(c.fs)).toEqual(before);
    });
  }

  it('into /, `..` and absolute names stop at the root, as dockerd unpacks them', async () => {
    const c = await container();
    await putArchive(c, '/', await tarOf([f('../escaped', 'e'), f('/abs/f', 'a'), sym('l', '../..'), f('l/x', 'x')]));
    expect(dec.decode(c.fs.readFileSync('/escaped'))).toBe('e');
    expect(dec.decode(c.fs.readFileSync('/abs/f'))).toBe('a');
    expect(c.fs.readlinkSync('/l')).toBe('../..');
    expect(dec.decode(c.fs.readFileSync('/x'))).toBe('x');
  });

  it('a path through an absolute symlink the archive made lands in the container, where the symlink points', async () => {
    const c = await container();
    await putArchive(c, '/tmp', await tarOf([sym('l', '/'), f('l/etc/planted', 'p'), sym('d', '/data'), f('d/new', 'n')]));
    expect(c.fs.readlinkSync('/tmp/l')).toBe('/');
    expect(dec.decode(c.fs.readFileSync('/etc/planted'))).toBe('p');
    expect(dec.decode(c.fs.readFileSync('/data/new'))).toBe('n');
    // The directories it went through keep what they had: /etc its mode, /data its files.
    expect(c.fs.statSync('/etc').mode & 0o777).toBe(0o755);
    expect(c.fs.statSync('/tmp').mode & 0o7777).toBe(0o1777);
    expect(dec.decode(c.fs.readFileSync('/data/keep'))).toBe('kept');
  });

  it('an implied directory goes through a symlink the container has; an explicit one replaces it, as moby does', async () => {
    const c = await container();
    await putArchive(c, '/', await tarOf([f('link/through', 't')]));
    expect(dec.decode(c.fs.readFileSync('/data/through'))).toBe('t');
    expect(c.fs.lstatSync('/link').type).toBe('symlink');
    await putArchive(c, '/', await tarOf([{ name: 'link/', type: 'directory', mode: 0o750 }, f('link/own', 'o')]));
    expect(c.fs.lstatSync('/link').type).toBe('dir');
    expect(c.fs.statSync('/link').mode & 0o777).toBe(0o750);
    expect(c.fs.readdirSync('/link')).toEqual(['own']);
  });
});
