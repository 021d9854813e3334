// Test helper: a filesystem's whole visible tree as plain data, so two
// implementations (or an overlay and its merged layers) can be compared.
import type { FileSystem } from '../types.ts';

export type Snapshot = Record<string, string>;

const decoder = new TextDecoder();

/** Short files as text, long ones as size and a checksum. */
function describe(bytes: Uint8Array): string {
  if (bytes.length <= 64) return JSON.stringify(decoder.decode(bytes));
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `<${bytes.length} bytes, fnv ${(h >>> 0).toString(16)}>`;
}

export async function snapshot(fs: FileSystem, opts: { mtimes?: boolean } = {}): Promise<Snapshot> {
  const out: Snapshot = {};
  const walk = async (path: string): Promise<void> => {
    const st = await fs.lstat(path);
    const own = `${st.type} ${st.mode.toString(8)} ${st.uid}:${st.gid}` + (opts.mtimes ? ` @${st.mtimeMs}` : '');
    if (st.type === 'symlink') out[path] = `${own} -> ${await fs.readlink(path)}`;
    else if (st.type === 'file') out[path] = `${own} ${describe(await fs.readFile(path))}`;
    else {
      out[path] = own;
      for (const name of await fs.readdir(path)) await walk(path === '/' ? `/${name}` : `${path}/${name}`);
    }
  };
  await walk('/');
  return out;
}
