// Test helper: a package tarball as npm packs one (gzip'd tar, entries under
// `package/` unless told otherwise), made in memory.
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** Files (path → content) into a .tgz; `top` is the archive's top directory. */
export async function makeTgz(files: Record<string, string>, top = 'package'): Promise<Uint8Array> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve, reject) => { pack.on('end', resolve); pack.on('error', reject); });
  for (const [path, content] of Object.entries(files)) {
    await new Promise<void>((resolve, reject) => pack.entry({ name: `${top}/${path}`, mode: 0o644 }, content, (e) => (e ? reject(e) : resolve())));
  }
  pack.finalize();
  await ended;
  return new Uint8Array(gzipSync(Buffer.concat(chunks)));
}
