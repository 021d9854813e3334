// The actual tree: what node_modules holds now (Arborist's loadActual).
// Each package folder is read from its package.json, nested node_modules
// and @scope folders included; the hidden lockfile npm left there
// (node_modules/.package-lock.json) supplies where each came from and its
// integrity when it still describes that folder's version. Folders without
// a readable package.json, dot-folders and links are not packages to npm.
import type { TreeFs } from '../../fs/tree-fs.ts';
import { parseLock } from './lockfile.ts';
import { PkgNode, type Manifest } from './tree.ts';

const dec = new TextDecoder();
const MAX_DEPTH = 64;
const MAX_NODES = 50_000;

function readJson(fs: TreeFs, path: string): Manifest | null {
  try {
    const v = JSON.parse(dec.decode(fs.readFileSync(path))) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? v as Manifest : null;
  } catch {
    return null;
  }
}

function isDir(fs: TreeFs, path: string): boolean {
  try { return fs.lstatSync(path).type === 'dir'; } catch { return false; }
}

/** The folder names of packages in a node_modules folder (`@scope/name` for scoped ones), sorted. */
export function packageFolders(fs: TreeFs, nm: string): string[] {
  let names: string[];
  try { names = fs.readdirSync(nm); } catch { return []; }
  const out: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      let inner: string[];
      try { inner = fs.readdirSync(`${nm}/${name}`); } catch { continue; }
      for (const n of inner) if (!n.startsWith('.')) out.push(`${name}/${n}`);
    } else out.push(name);
  }
  return out.sort();
}

/** Loads node_modules under `prefix` into a tree rooted at a project node made from `rootPkg`. */
export function loadActual(fs: TreeFs, prefix: string, rootPkg: Manifest): PkgNode {
  const base = prefix === '/' ? '' : prefix;
  const root = new PkgNode(rootPkg.name ?? base.split('/').pop() ?? '', rootPkg, null, null, true);
  const hidden = (() => {
    try { return parseLock(dec.decode(fs.readFileSync(`${base}/node_modules/.package-lock.json`)))?.packages ?? {}; } catch { return {}; }
  })();
  let count = 0;
  const walk = (parent: PkgNode, dir: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const name of packageFolders(fs, `${dir}/node_modules`)) {
      if (++count > MAX_NODES) return;
      const folder = `${dir}/node_modules/${name}`;
      if (!isDir(fs, folder)) continue;
      const pkg = readJson(fs, `${folder}/package.json`);
      if (!pkg || typeof pkg.version !== 'string') continue;
      const location = `${parent.location ? parent.location + '/' : ''}node_modules/${name}`;
      const entry = hidden[location];
      const known = entry && entry.version === pkg.version ? entry : null;
      const node = new PkgNode(name, pkg, typeof known?.resolved === 'string' ? known.resolved : null, typeof known?.integrity === 'string' ? known.integrity : null);
      parent.adopt(node);
      walk(node, folder, depth + 1);
    }
  };
  walk(root, base, 0);
  return root;
}
