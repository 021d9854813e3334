// The Dockerfile a build context carries: POST /build sends a tar of the
// context and names the Dockerfile in it (query `dockerfile`, default
// `Dockerfile`; the CLI adds one from outside the context or from stdin as
// `.dockerfile.<hex>`). The daemon reads it from the unpacked context here;
// whoever watches a build (the page) reads the same request's tar the same
// way, with a list of the context's files beside it.
import { MemoryFs } from '../fs/memory.ts';
import type { DirNode } from '../fs/node.ts';
import { readTarTree } from '../layer/tar-read.ts';

/** The Dockerfile `name` (`Dockerfile`, `./api/Dockerfile`) in a context's tree, or null when it has none. */
export function dockerfileInTree(root: DirNode, name = 'Dockerfile'): string | null {
  try {
    return new TextDecoder().decode(new MemoryFs({ root }).readFileSync('/' + name.replace(/^\.?\//, '')));
  } catch {
    return null;
  }
}

export interface ContextDockerfile {
  /** Its name in the context, as the build names it. */
  name: string;
  text: string;
  /** The context's regular files (path relative to the context, size), at most `maxFiles` of them. */
  files: Array<{ path: string; size: number }>;
}

export interface ReadContextOptions { maxBytes?: number; maxFiles?: number }

/**
 * Reads a build request's context (a tar) for its Dockerfile, as the
 * daemon does; null when the tar is unreadable, refused (an entry that
 * climbs out or is absolute: the daemon fails that build) or holds no such
 * file.
 * @example
 *   const ctx = await readContextDockerfile(req.body, req.query.get('dockerfile') || undefined);
 *   ctx?.text;  // 'FROM nginx:alpine\n…'
 */
export async function readContextDockerfile(tar: Uint8Array, name = 'Dockerfile', opts: ReadContextOptions = {}): Promise<ContextDockerfile | null> {
  let root: DirNode;
  try {
    root = await readTarTree(tar, { whiteouts: false, dest: '/', strict: true, maxBytes: opts.maxBytes ?? 512 * 1024 * 1024 });
  } catch {
    return null;
  }
  const text = dockerfileInTree(root, name);
  if (text === null) return null;
  const fs = new MemoryFs({ root });
  const files: ContextDockerfile['files'] = [];
  const max = opts.maxFiles ?? 2000;
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(`/${rel}`)) {
      if (files.length >= max) return;
      const path = rel ? `${rel}/${entry}` : entry;
      const st = fs.lstatSync(`/${path}`);
      if (st.type === 'dir') walk(path);
      else if (st.type === 'file') files.push({ path, size: st.size });
    }
  };
  walk('');
  return { name: name.replace(/^\.?\//, ''), text, files };
}
