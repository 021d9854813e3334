// import resolution as Node's ESM resolver does it (the algorithm in Node's
// "Modules: ECMAScript modules" docs, with its errors word for word):
// relative and absolute URLs taken as they are — no extension added, no
// index.js, a directory refused (ERR_UNSUPPORTED_DIR_IMPORT), a missing
// file ERR_MODULE_NOT_FOUND with the "Did you mean to import" hint
// CommonJS resolution finds; `file:` URLs; `node:` and bare built-in
// names; `#imports` of the package scope; bare names through node_modules
// with package.json "exports" under the import/node/module-sync/default
// conditions, else "main" (then index.js) — and the format each file is
// loaded as: .mjs and .js under "type": "module" as ES modules, .cjs and
// .js under "type": "commonjs" as CommonJS, a .js no "type" decides by
// its syntax (cjs-lexer.ts's moduleSyntax), .json as JSON, any other
// extension refused (ERR_UNKNOWN_FILE_EXTENSION).
import { dirname, normalizePath } from '../../fs/path.ts';
import type { TreeFs } from '../../fs/tree-fs.ts';
import { nodeModulesPaths, readJson, resolveModule, selectExportsKey, type PackageCache } from './resolve.ts';

const CONDITIONS = new Set(['node', 'import', 'module-sync', 'default']);

/** The host's URL class (browsers and Node have it; sandbox/ compiles without their libraries). */
interface URL { href: string; protocol: string; pathname: string; search: string; hash: string }
const URL = (globalThis as unknown as { URL: new (input: string, base?: string) => URL }).URL;

export type EsmFormat = 'module' | 'commonjs' | 'json' | 'builtin';

/** What an import names: its URL, the format it loads as, its file (not for built-ins). */
export interface EsmTarget { url: string; format: EsmFormat; path?: string }

/** Which of Node's throw sites an error comes from (esm-errors.js prints its source line as Node does). */
export type ThrowSite = 'notFound' | 'hinted' | 'packageNotFound' | 'legacyMain' | 'dirImport' | 'notExported' | 'importNotDefined' | 'invalidSpecifier' | 'unknownExtension' | 'urlScheme' | 'unknownBuiltin' | 'invalidTarget';

/** A resolution error as Node throws it. */
export class EsmError extends Error {
  constructor(readonly code: string | null, message: string, readonly site: ThrowSite, readonly url?: string, readonly errorName: 'Error' | 'TypeError' = 'Error') {
    super(message);
  }
}

function kind(fs: TreeFs, path: string): 'file' | 'dir' | null {
  const k = fs.lookupNode(path)?.kind;
  return k === 'file' ? 'file' : k === 'dir' ? 'dir' : null;
}

/** Node's pathToFileURL: what the URL parser would take otherwise (%, \\, newlines, tabs, # and ?) escaped first. */
export const urlOfPath = (path: string): string => new URL(`file://${path.replace(/[%\\\n\r\t#?]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}`).href;

/** A file: URL's path (decoded); null when it encodes a '/' or '\'. */
function pathOfUrl(url: string): string | null {
  const pathname = new URL(url).pathname;
  if (/%2f|%5c/i.test(pathname)) return null;
  return decodeURIComponent(pathname);
}

/** The package.json that governs `path` (the nearest up the tree, not past a node_modules folder), or null. */
export function packageScope(fs: TreeFs, path: string, cache?: PackageCache): { file: string; pkg: Record<string, unknown> } | null {
  let dir = dirname(path);
  for (let guard = 0; guard < 4096; guard++) {
    if (dir.endsWith('/node_modules')) return null;
    const file = `${dir === '/' ? '' : dir}/package.json`;
    const pkg = readJson(fs, file, cache);
    if (pkg) return { file, pkg };
    if (dir === '/') return null;
    dir = dirname(dir);
  }
  return null;
}

/** The format a file loads as when imported; 'typeless' for a .js (or extensionless) file no "type" decides. */
export function fileFormat(fs: TreeFs, path: string, cache?: PackageCache): EsmFormat | 'typeless' {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  if (ext === '.mjs') return 'module';
  if (ext === '.cjs') return 'commonjs';
  if (ext === '.json') return 'json';
  if (ext === '.js' || ext === '') {
    const type = packageScope(fs, path, cache)?.pkg.type;
    if (type === 'module') return 'module';
    if (type === 'commonjs') return 'commonjs';
    return 'typeless';
  }
  throw new EsmError('ERR_UNKNOWN_FILE_EXTENSION', `Unknown file extension "${ext}" for ${path}`, 'unknownExtension', undefined, 'TypeError');
}

export interface EsmResolver {
  fs: TreeFs;
  /** Node's built-in module names (without `node:`). */
  builtins: ReadonlySet<string>;
  /** Whether the release behaves as Node 20 does where 20 and 22 differ (messages). */
  node20: boolean;
  cache?: PackageCache;
}

/**
 * ESM_RESOLVE: what `specifier` names when imported from `parentUrl` (a
 * file: URL). Throws EsmError as Node does. A file's format is 'typeless'
 * → left to the caller (its syntax decides).
 */
export function esmResolve(r: EsmResolver, specifier: string, parentUrl: string): { url: string; format: EsmFormat | 'typeless'; path?: string } {
  const parentPath = parentUrl.startsWith('file:') ? pathOfUrl(parentUrl) ?? '/' : '/';
  let url: URL;
  if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../')) {
    url = new URL(specifier, parentUrl);
  } else if (specifier.startsWith('#')) {
    url = packageImports(r, specifier, parentPath);
  } else {
    let parsed: URL | null = null;
    try { parsed = /^[a-zA-Z][a-zA-Z\d+.-]*:/.test(specifier) ? new URL(specifier) : null; } catch { parsed = null; }
    if (parsed) {
      if (parsed.protocol === 'node:') return builtin(r, specifier);
      if (parsed.protocol !== 'file:') {
        const schemes = r.node20 ? 'file, data, and node' : 'file and data';
        throw new EsmError('ERR_UNSUPPORTED_ESM_URL_SCHEME', `Only URLs with a scheme in: ${schemes} are supported by the default ESM loader. Received protocol '${parsed.protocol}'`, 'urlScheme');
      }
      url = parsed;
    } else {
      if (r.builtins.has(specifier)) return { url: `node:${specifier}`, format: 'builtin' };
      url = packageResolve(r, specifier, parentPath);
    }
  }
  return finalize(r, url, specifier, parentPath);
}

function builtin(r: EsmResolver, specifier: string): EsmTarget {
  const name = specifier.slice(5);
  if (!r.builtins.has(name)) throw new EsmError('ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${specifier}`, 'unknownBuiltin');
  return { url: `node:${name}`, format: 'builtin' };
}

/** The resolved file must be there and be a file; its format; its real path. */
function finalize(r: EsmResolver, url: URL, specifier: string, parentPath: string): { url: string; format: EsmFormat | 'typeless'; path: string } {
  const path = pathOfUrl(url.href);
  if (path === null) {
    throw new EsmError('ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${url.pathname}" must not include encoded "/" or "\\" characters imported from ${parentPath}`, 'invalidSpecifier', undefined, 'TypeError');
  }
  const found = kind(r.fs, path.endsWith('/') && path !== '/' ? path.slice(0, -1) : path);
  // Node adds what CommonJS resolution would have found, and rethrows from its entry point then (another throw site).
  const hinted = (message: string): [string, ThrowSite | null] => {
    const hint = commonJsHint(r, specifier, parentPath);
    return hint ? [`${message}\nDid you mean to import "${hint}"?`, 'hinted'] : [message, null];
  };
  if (found === 'dir' || (path.endsWith('/') && found !== null)) {
    const [message, site] = hinted(`Directory import '${path.replace(/\/$/, '')}' is not supported resolving ES modules imported from ${parentPath}`);
    throw new EsmError('ERR_UNSUPPORTED_DIR_IMPORT', message, site ?? 'dirImport', url.href);
  }
  if (found !== 'file') {
    const [message, site] = hinted(`Cannot find module '${path}' imported from ${parentPath}`);
    throw new EsmError('ERR_MODULE_NOT_FOUND', message, site ?? 'notFound', url.href);
  }
  let real = path;
  try { real = r.fs.realpathSync(path); } catch { /* as found */ }
  const resolved = new URL(urlOfPath(real));
  resolved.search = url.search;
  resolved.hash = url.hash;
  return { url: resolved.href, format: fileFormat(r.fs, real, r.cache), path: real };
}

/** What CommonJS resolution would have found for a specifier the ESM resolver did not: Node's "Did you mean" hint. */
function commonJsHint(r: EsmResolver, specifier: string, parentPath: string): string | null {
  if (/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(specifier)) return null;
  const from = dirname(parentPath);
  const found = resolveModule(r.fs, specifier, from, r.cache);
  if (found === null) return null;
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    if (specifier.startsWith('/')) return found;
    let rel = relative(from, found);
    if (!rel.startsWith('../')) rel = `./${rel}`;
    return rel;
  }
  const { name } = parseName(specifier);
  const marker = `/node_modules/${name}/`;
  const at = found.lastIndexOf(marker);
  return at === -1 ? null : `${name}/${found.slice(at + marker.length)}`;
}

function relative(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

function parseName(specifier: string): { name: string; subpath: string; valid: boolean } {
  const parts = specifier.split('/');
  const scoped = specifier.startsWith('@');
  const name = scoped ? parts.slice(0, 2).join('/') : parts[0]!;
  const valid = !(scoped && (parts.length < 2 || parts[1] === '')) && name !== '' && !name.startsWith('.') && !/[\\%]/.test(name);
  const rest = parts.slice(scoped ? 2 : 1).join('/');
  return { name, subpath: rest === '' && parts.length <= (scoped ? 2 : 1) ? '.' : `./${rest}`, valid };
}

/** PACKAGE_RESOLVE for a bare specifier. */
function packageResolve(r: EsmResolver, specifier: string, parentPath: string): URL {
  const { name, subpath, valid } = parseName(specifier);
  if (!valid) throw new EsmError('ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${specifier}" is not a valid package name imported from ${parentPath}`, 'invalidSpecifier', undefined, 'TypeError');
  // A package may import itself by its own name through its "exports".
  const scope = packageScope(r.fs, parentPath, r.cache);
  if (scope && scope.pkg.name === name && scope.pkg.exports !== undefined && scope.pkg.exports !== null) {
    return exportsResolve(urlOfPath(scope.file.slice(0, -'package.json'.length)), scope.file, subpath, scope.pkg.exports, parentPath);
  }
  const from = dirname(parentPath);
  for (const dir of nodeModulesPaths(from)) {
    const pkgDir = `${dir}/${name}`;
    if (kind(r.fs, pkgDir) !== 'dir') continue;
    const pjsonPath = `${pkgDir}/package.json`;
    const pkg = readJson(r.fs, pjsonPath, r.cache);
    const base = `${urlOfPath(pkgDir)}/`;
    if (pkg && pkg.exports !== undefined && pkg.exports !== null) return exportsResolve(base, pjsonPath, subpath, pkg.exports, parentPath);
    if (subpath === '.') return legacyMain(r, pkgDir, pkg, parentPath);
    return new URL(subpath, base);
  }
  throw new EsmError('ERR_MODULE_NOT_FOUND', `Cannot find package '${name}' imported from ${parentPath}`, 'packageNotFound');
}

/** A package without "exports": its "main" (as a file, with .js/.json/.node, or its index), else index.js. */
function legacyMain(r: EsmResolver, pkgDir: string, pkg: Record<string, unknown> | null, parentPath: string): URL {
  const tries: string[] = [];
  if (pkg && typeof pkg.main === 'string' && pkg.main !== '') {
    const main = normalizePath(pkg.main, pkgDir);
    tries.push(main, `${main}.js`, `${main}.json`, `${main}.node`, `${main}/index.js`, `${main}/index.json`, `${main}/index.node`);
  }
  tries.push(`${pkgDir}/index.js`, `${pkgDir}/index.json`, `${pkgDir}/index.node`);
  for (const t of tries) if (kind(r.fs, t) === 'file') return new URL(urlOfPath(t));
  const missing = pkg && typeof pkg.main === 'string' && pkg.main !== '' ? normalizePath(pkg.main, pkgDir) : `${pkgDir}/index.js`;
  throw new EsmError('ERR_MODULE_NOT_FOUND', `Cannot find package '${missing}' imported from ${parentPath}`, 'legacyMain');
}

/** PACKAGE_EXPORTS_RESOLVE. */
function exportsResolve(base: string, pjsonPath: string, subpath: string, exports: unknown, parentPath: string): URL {
  const sugar = typeof exports === 'string' || Array.isArray(exports) || (exports !== null && typeof exports === 'object' && !Object.keys(exports).some((k) => k.startsWith('.')));
  const map = sugar ? { '.': exports } as Record<string, unknown> : exports as Record<string, unknown>;
  const resolved = matchMap(base, map, subpath, false, pjsonPath, parentPath);
  if (resolved) return resolved;
  throw new EsmError('ERR_PACKAGE_PATH_NOT_EXPORTED', subpath === '.'
    ? `No "exports" main defined in ${pjsonPath} imported from ${parentPath}`
    : `Package subpath '${subpath}' is not defined by "exports" in ${pjsonPath} imported from ${parentPath}`, 'notExported');
}

/** PACKAGE_IMPORTS_RESOLVE: `#name` through the package scope's "imports". */
function packageImports(r: EsmResolver, specifier: string, parentPath: string): URL {
  const scope = packageScope(r.fs, parentPath, r.cache);
  const imports = scope?.pkg.imports;
  if (specifier === '#' || specifier.startsWith('#/')) {
    throw new EsmError('ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${specifier}" is not a valid internal imports specifier name imported from ${parentPath}`, 'invalidSpecifier', undefined, 'TypeError');
  }
  if (scope && imports !== null && typeof imports === 'object' && !Array.isArray(imports)) {
    const base = urlOfPath(scope.file.slice(0, -'package.json'.length));
    const resolved = matchMap(base.endsWith('/') ? base : `${base}/`, imports as Record<string, unknown>, specifier, true, scope.file, parentPath);
    if (resolved) return resolved;
  }
  const where = scope ? ` in package ${scope.file}` : '';
  throw new EsmError('ERR_PACKAGE_IMPORT_NOT_DEFINED', `Package import specifier "${specifier}" is not defined${where} imported from ${parentPath}`, 'importNotDefined', undefined, 'TypeError');
}

/** An exports/imports map entry for `key` (selectExportsKey), resolved as a target under the import conditions. */
function matchMap(base: string, map: Record<string, unknown>, key: string, isImports: boolean, pjsonPath: string, parentPath: string): URL | null {
  const selected = selectExportsKey(map, key);
  return selected ? target(base, map[selected.key], selected.star, isImports, pjsonPath, parentPath) : null;
}

/** PACKAGE_TARGET_RESOLVE under the import conditions; null when nothing applies. */
function target(base: string, t: unknown, star: string | null, isImports: boolean, pjsonPath: string, parentPath: string): URL | null {
  if (typeof t === 'string') {
    if (!t.startsWith('./')) {
      if (isImports && !t.startsWith('../') && !t.startsWith('/')) throw new EsmError('ERR_PACKAGE_IMPORT_NOT_DEFINED', `Package import target "${t}" is not supported here in ${pjsonPath} imported from ${parentPath}`, 'importNotDefined', undefined, 'TypeError');
      throw new EsmError('ERR_INVALID_PACKAGE_TARGET', `Invalid "exports" target "${t}" defined in the package config ${pjsonPath} imported from ${parentPath}`, 'invalidTarget');
    }
    const filled = star === null ? t : t.replaceAll('*', star);
    return new URL(filled, base);
  }
  if (Array.isArray(t)) {
    for (const item of t) {
      try {
        const r = target(base, item, star, isImports, pjsonPath, parentPath);
        if (r) return r;
      } catch (e) {
        if (!(e instanceof EsmError && e.code === 'ERR_INVALID_PACKAGE_TARGET')) throw e;
      }
    }
    return null;
  }
  if (t !== null && typeof t === 'object') {
    for (const [condition, value] of Object.entries(t as Record<string, unknown>)) {
      if (!CONDITIONS.has(condition)) continue;
      const r = target(base, value, star, isImports, pjsonPath, parentPath);
      if (r) return r;
    }
    return null;
  }
  return null;
}
