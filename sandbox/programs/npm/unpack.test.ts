// Tarballs unpacked as pacote unpacks them, and checked as ssri checks them.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/memory.ts';
import { gzip } from '../../layer/gzip.ts';
import { treeTarBytes } from '../../layer/tar-write.ts';
import { NpmError } from './errors.ts';
import { checkIntegrity, integrityOf } from './integrity.ts';
import { packTarball } from './testing/fixture-store.ts';
import { unpackTarball } from './unpack.ts';

function target(): MemoryFs {
  const fs = new MemoryFs({ now: () => 1_700_000_000_000 });
  fs.mkdirSync('/app/node_modules/pkg', { recursive: true });
  return fs;
}

const modeOf = (fs: MemoryFs, p: string): string => (fs.statSync(p).mode & 0o7777).toString(8);

describe('unpackTarball', () => {
  it('strips the first folder, keeps modes (at least rw-r--r--), makes bins executable, owns files as the user', async () => {
    const tgz = await packTarball({
      name: 'pkg', version: '1.0.0', bin: 'cli.js',
      files: { 'cli.js': '#!/usr/bin/env node\n', 'lib/a.js': 'a', 'lib/deep/b.js': ['b', 0o600], 'run.sh': ['echo', 0o755] },
    });
    const fs = target();
    const r = await unpackTarball(fs, '/app/node_modules/pkg', tgz, { uid: 1000, gid: 1000, bins: new Set(['cli.js']) });
    expect(r.files).toBe(5);
    expect(fs.readdirSync('/app/node_modules/pkg').sort()).toEqual(['cli.js', 'lib', 'package.json', 'run.sh']);
    expect(new TextDecoder().decode(fs.readFileSync('/app/node_modules/pkg/lib/a.js'))).toBe('a');
    expect([modeOf(fs, '/app/node_modules/pkg/cli.js'), modeOf(fs, '/app/node_modules/pkg/lib/deep/b.js'), modeOf(fs, '/app/node_modules/pkg/run.sh'),
      modeOf(fs, '/app/node_modules/pkg/lib')]).toEqual(['755', '644', '755', '755']);
    expect(fs.statSync('/app/node_modules/pkg/lib/a.js')).toMatchObject({ uid: 1000, gid: 1000, mtimeMs: 1_700_000_000_000 });
  });

  it('skips an entry whose name climbs out with `..`', async () => {
    const { pack } = await import('tar-stream');
    const p = pack();
    const chunks: Uint8Array[] = [];
    p.on('data', (c) => { chunks.push(c as Uint8Array); });
    const done = new Promise<void>((r) => { p.on('end', () => r()); });
    p.entry({ name: 'package/index.js' }, 'ok');
    p.entry({ name: 'package/../../evil.js' }, 'evil');
    p.finalize();
    await done;
    const fs = target();
    const r = await unpackTarball(fs, '/app/node_modules/pkg', await gzip(Buffer.concat(chunks)), { uid: 0, gid: 0 });
    expect(r.files).toBe(1);
    expect(fs.existsSync('/app/evil.js') || fs.existsSync('/app/node_modules/evil.js') || fs.existsSync('/evil.js')).toBe(false);
  });

  it('takes any top folder name, skips links, renames .gitignore to .npmignore unless there is one', async () => {
    const src = new MemoryFs({ now: () => 0 });
    src.mkdirSync('/node/sub', { recursive: true });
    src.writeFileSync('/node/index.js', 'x');
    src.writeFileSync('/node/.gitignore', 'dist');
    src.writeFileSync('/node/sub/.npmignore', 'keep');
    src.writeFileSync('/node/sub/.gitignore', 'drop');
    src.symlinkSync('/etc/passwd', '/node/link');
    const fs = target();
    await unpackTarball(fs, '/app/node_modules/pkg', await gzip(await treeTarBytes(src.root)), { uid: 0, gid: 0 });
    expect(fs.readdirSync('/app/node_modules/pkg').sort()).toEqual(['.npmignore', 'index.js', 'sub']);
    expect(fs.readdirSync('/app/node_modules/pkg/sub')).toEqual(['.npmignore']);
    expect(new TextDecoder().decode(fs.readFileSync('/app/node_modules/pkg/sub/.npmignore'))).toBe('keep');
  });

  it('reads long names from pax headers (their lengths count bytes: non-ASCII names too), and refuses what is not a gzipped tar', async () => {
    const long = `${'d'.repeat(120)}/${'f'.repeat(120)}.js`;
    const accented = `${'d'.repeat(120)}/é${'f'.repeat(120)}ñ.js`;
    const tgz = await packTarball({ name: 'pkg', version: '1.0.0', files: { [long]: 'deep', [accented]: 'tilde' } });
    const fs = target();
    await unpackTarball(fs, '/app/node_modules/pkg', tgz, { uid: 0, gid: 0 });
    expect(new TextDecoder().decode(fs.readFileSync(`/app/node_modules/pkg/${long}`))).toBe('deep');
    expect(new TextDecoder().decode(fs.readFileSync(`/app/node_modules/pkg/${accented}`))).toBe('tilde');
    const bad = await unpackTarball(fs, '/app/node_modules/pkg', new TextEncoder().encode('not gzip'), { uid: 0, gid: 0 }).catch((e: NpmError) => e);
    expect((bad as NpmError).code).toBe('TAR_BAD_ARCHIVE');
  });
});

describe('integrity', () => {
  it('accepts the bytes an integrity names and refuses others with npm\'s EINTEGRITY message', async () => {
    const tgz = await packTarball({ name: 'pkg', version: '1.0.0' });
    const sri = integrityOf(tgz);
    expect(sri).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    expect(() => checkIntegrity(tgz, `sha1-bogus ${sri}`)).not.toThrow();
    const other = integrityOf(new Uint8Array([1, 2, 3]));
    const err = (() => { try { checkIntegrity(tgz, other); return null; } catch (e) { return e as NpmError; } })()!;
    expect(err.code).toBe('EINTEGRITY');
    expect(err.message).toBe(`${other} integrity checksum failed when using sha512: wanted ${other} but got ${sri}. (${tgz.length} bytes)`);
  });
});
