// require() resolution as Node does it for CommonJS (the algorithm in Node's
// modules docs): relative and absolute paths as files (X, X.js, X.json,
// X.node) or directories (package.json "main", index.js); bare names through
// the node_modules folders up the tree, honouring package.json "exports"
// with the require/node/default conditions. Answers with the real path.
// package.json files are read once per process (a PackageCache), as Node
// keeps them.
//
// staticRequires() finds what a package will require before it runs: the
// literal require('…') calls in its files, resolved from each file's own
// directory, as a bundler walks a dependency graph — so a guest in a worker
// gets a package's files in one answer instead of a round trip per file.
import { normalizePath } from '../../fs/path.ts';
import type { TreeFs } from '../../fs/tree-fs.ts';

const EXTENSIONS = ['.js', '.json', '.node', '.cjs'];
const CONDITIONS = new Set(['require', 'node', 'node-addons', 'default']);

// lookupNode, not statSync: most candidates do not exist, and a missing one should cost no thrown error.
function isFile(fs: TreeFs, path: string): boolean {
  return fs.lookupNode(path)?.kind === 'file';
}

function isDir(fs: TreeFs, path: string): boolean {
  return fs.lookupNode(path)?.kind === 'dir';
}

/** package.json contents by path (null: missing or not JSON), kept for a process's lifetime. */
export type PackageCache = Map<string, Record<string, unknown> | null>;

export function readJson(fs: TreeFs, path: string, cache?: PackageCache): Record<string, unknown> | null {
  if (cache?.has(path)) return cache.get(path)!;
  const value = readJsonFile(fs, path);
  cache?.set(path, value);
  return value;
}

function readJsonFile(fs: TreeFs, path: string): Record<string, unknown> | null {
  if (!isFile(fs, path)) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(fs.readFileSync(path)));
    return value !== null && typeof value === 'object' ? value as Record<string, unknown> : null;
  } catch {
    return null;
  }
}

function asFile(fs: TreeFs, x: string): string | null {
  if (isFile(fs, x)) return x;
  for (const ext of EXTENSIONS.slice(0, 3)) if (isFile(fs, x + ext)) return x + ext;
  return null;
}

function asIndex(fs: TreeFs, x: string): string | null {
  for (const ext of EXTENSIONS.slice(0, 3)) if (isFile(fs, `${x}/index${ext}`)) return `${x}/index${ext}`;
  return null;
}

function asDirectory(fs: TreeFs, x: string, cache?: PackageCache): string | null {
  if (!isDir(fs, x)) return null;
  const pkg = readJson(fs, `${x}/package.json`, cache);
  if (pkg && typeof pkg.main === 'string' && pkg.main !== '') {
    const m = normalizePath(pkg.main, x);
    const found = asFile(fs, m) ?? asIndex(fs, m);
    if (found) return found;
  }
  return asIndex(fs, x);
}

/** A target of an "exports" map with conditions applied; `star` fills a pattern. */
function exportTarget(target: unknown, star: string | null): string | null | undefined {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) return undefined;
    return star === null ? target : target.replaceAll('*', star);
  }
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = exportTarget(t, star);
      if (r) return r;
    }
    return undefined;
  }
  if (target !== null && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (!CONDITIONS.has(key)) continue;
      const r = exportTarget(value, star);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  return null;
}

/**
 * The "exports"/"imports" key that `key` selects, as Node's
 * PACKAGE_IMPORTS_EXPORTS_RESOLVE picks it (for require and import alike):
 * the key itself when listed without '*', else the best one-'*' pattern
 * (PATTERN_KEY_COMPARE: the longest prefix, then the longest key) with what
 * its '*' stands for.
 */
export function selectExportsKey(map: Record<string, unknown>, key: string): { key: string; star: string | null } | null {
  if (Object.hasOwn(map, key) && !key.includes('*')) return { key, star: null };
  let best = '';
  for (const k of Object.keys(map)) {
    const star = k.indexOf('*');
    if (star === -1 || k.indexOf('*', star + 1) !== -1) continue;
    const prefix = k.slice(0, star);
    const suffix = k.slice(star + 1);
    if (key.startsWith(prefix) && key !== prefix && key.length >= k.length && key.endsWith(suffix) && patternCompare(best, k) > 0) best = k;
  }
  if (!best) return null;
  const star = best.indexOf('*');
  return { key: best, star: key.slice(star, key.length - (best.length - star - 1)) };
}

/** Node's PATTERN_KEY_COMPARE: > 0 when b is the better (longer prefix) key. */
function patternCompare(a: string, b: string): number {
  if (a === '') return 1;
  const aBase = a.indexOf('*');
  const bBase = b.indexOf('*');
  if (bBase > aBase) return 1;
  if (aBase > bBase) return -1;
  return b.length - a.length;
}

/** Resolves `subpath` ('.' or './x') through a package's "exports". */
function viaExports(pkgDir: string, exports: unknown, subpath: string): string | null {
  const isConditions = exports !== null && typeof exports === 'object' && !Array.isArray(exports) && !Object.keys(exports).some((k) => k.startsWith('.'));
  const map: Record<string, unknown> = typeof exports === 'string' || Array.isArray(exports) || isConditions ? { '.': exports } : exports as Record<string, unknown>;
  const selected = selectExportsKey(map, subpath);
  const target = selected ? exportTarget(map[selected.key], selected.star) : null;
  return target ? normalizePath(target, pkgDir) : null;
}

/** The file `request` names when required from directory `from`, or null. */
export function resolveModule(fs: TreeFs, request: string, from: string, cache?: PackageCache): string | null {
  let found: string | null = null;
  if (request.startsWith('/') || request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..') {
    const x = normalizePath(request, from);
    found = (request.endsWith('/') ? null : asFile(fs, x)) ?? asDirectory(fs, x, cache);
  } else {
    const parts = request.split('/');
    const nameLength = request.startsWith('@') ? 2 : 1;
    const name = parts.slice(0, nameLength).join('/');
    const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
    for (const dir of nodeModulesPaths(from)) {
      if (!isDir(fs, dir)) continue;
      const pkgDir = `${dir}/${name}`;
      const pkg = readJson(fs, `${pkgDir}/package.json`, cache);
      if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
        const target = viaExports(pkgDir, pkg.exports, subpath);
        if (target && isFile(fs, target)) { found = target; break; }
        if (isDir(fs, pkgDir)) return null;
        continue;
      }
      const x = `${dir}/${request}`;
      found = asFile(fs, x) ?? asDirectory(fs, x, cache);
      if (found) break;
    }
  }
  if (!found) return null;
  try { return fs.realpathSync(found); } catch { return found; }
}

/** /a/b/c → /a/b/c/node_modules, /a/b/node_modules, /a/node_modules, /node_modules. */
export function nodeModulesPaths(from: string): string[] {
  const parts = from.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = parts.length; i >= 0; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    out.push(`/${parts.slice(0, i).join('/')}${i > 0 ? '/' : ''}node_modules`);
  }
  return out;
}

/** `require('x')` calls with a literal argument, in order of first appearance. */
export function literalRequires(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/(?<![\w$.])require\(\s*(['"])([^'"\n]+)\1\s*\)/g)) found.add(m[2]!);
  return [...found];
}

/** One resolution found ahead: `request` from directory `from` is `file`. */
export interface StaticRequire { from: string; request: string; file: string }

/**
 * The static require graph below `root` (its source given): every literal
 * require of each file reached, resolved as resolveModule would from that
 * file's directory, breadth first, skipping `builtins` (Node's own modules
 * win over node_modules) and requests that find nothing (they are asked
 * again when they run, and fail then). `visit` sees each file reached
 * (other than the root) and returns its source to walk, or null to go no
 * further from it (not JavaScript, already known, over a budget).
 */
export function staticRequires(fs: TreeFs, root: string, rootSource: string, builtins: ReadonlySet<string>, visit: (file: string) => string | null, cache?: PackageCache): StaticRequire[] {
  const out: StaticRequire[] = [];
  const seen = new Set<string>([root]);
  const queue: Array<[string, string]> = [[root, rootSource]];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [file, source] = next;
    const from = file.slice(0, file.lastIndexOf('/')) || '/';
    for (const request of literalRequires(source)) {
      if (builtins.has(request.startsWith('node:') ? request.slice(5) : request)) continue;
      const found = resolveModule(fs, request, from, cache);
      if (found === null) continue;
      out.push({ from, request, file: found });
      if (seen.has(found)) continue;
      seen.add(found);
      const text = visit(found);
      if (text !== null) queue.push([found, text]);
    }
  }
  return out;
}
