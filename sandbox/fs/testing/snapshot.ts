// Test helper: a filesystem's whole visible tree as plain data, so two
// implementations (or an overlay and its merged layers) can be compared.
import type { FileSystem } from '../types.ts';

export type Snapshot = Record<string, string>;

const decoder = new TextDecoder();

export async function snapshot(fs: FileSystem, opts: { mtimes?: boolean } = {}): Promise<Snapshot> {
  const out: Snapshot = {};
  const walk = async (path: string): Promise<void> => {
    const st = await fs.lstat(path);
    const own = `${st.type} ${st.mode.toString(8)} ${st.uid}:${st.gid}` + (opts.mtimes ? ` @${st.mtimeMs}` : '');
    if (st.type === 'symlink') out[path] = `${own} -> ${await fs.readlink(path)}`;
    else if (st.type === 'file') out[path] = `${own} ${JSON.stringify(decoder.decode(await fs.readFile(path)))}`;
    else {
      out[path] = own;
      for (const name of await fs.readdir(path)) await walk(path === '/' ? `/${name}` : `${path}/${name}`);
    }
  };
  await walk('/');
  return out;
}
