// The engine's answer to a guest's import (op 'esmResolve'): the URL Node's
// ESM resolver finds (esm-resolve.ts), the format it loads as, and what the
// guest needs to build the module — an ES module's source, a CommonJS
// module's named exports (cjs-lexer.ts over the file and, recursively, the
// files it re-exports, resolved as require() resolves them), a JSON file's
// text. A .js file no package.json "type" decides is an ES module when its
// syntax says so; the package.json that left it undecided is named so the
// guest can warn as Node does (MODULE_TYPELESS_PACKAGE_JSON). Errors are
// answered as data: { error: [name, code, message, site, url] }.
import { dirname } from '../../fs/path.ts';
import type { TreeFs } from '../../fs/tree-fs.ts';
import { cjsExports, moduleSyntax } from './cjs-lexer.ts';
import { EsmError, esmResolve, packageScope, type EsmResolver } from './esm-resolve.ts';
import { resolveModule, type PackageCache } from './resolve.ts';

/** Files a CommonJS module's re-exports are followed through, at most. */
const REEXPORT_FILES = 64;

export type EsmAnswer =
  | [url: string, format: 'builtin']
  | [url: string, format: 'module', source: string, typelessPackage: string | null]
  | [url: string, format: 'commonjs', names: string[], path: string]
  | [url: string, format: 'json', source: string]
  | { error: [name: string, code: string | null, message: string, site: string, url: string | null] };

/** Resolves and loads `specifier` imported from `parentUrl`; `read` gives a file's text as the process reads it (throws when it cannot). */
export function esmAnswer(r: EsmResolver, specifier: string, parentUrl: string, read: (path: string) => string): EsmAnswer {
  try {
    const found = esmResolve(r, specifier, parentUrl);
    if (found.format === 'builtin') return [found.url, 'builtin'];
    const path = found.path!;
    const source = read(path);
    if (found.format === 'json') return [found.url, 'json', source];
    if (found.format === 'module') return [found.url, 'module', source, null];
    if (found.format === 'typeless' && moduleSyntax(source)) {
      const scope = path.includes('/node_modules/') ? null : packageScope(r.fs, path, r.cache);
      return [found.url, 'module', source, scope?.file ?? null];
    }
    return [found.url, 'commonjs', cjsNamedExports(r.fs, path, source, read, r.cache), path];
  } catch (e) {
    if (e instanceof EsmError) return { error: [e.errorName, e.code, e.message, e.site, e.url ?? null] };
    throw e;
  }
}

/**
 * The names an ES module may import from a CommonJS file (besides default):
 * what cjs-module-lexer finds in it and in the files it re-exports.
 */
export function cjsNamedExports(fs: TreeFs, path: string, source: string, read: (path: string) => string, cache?: PackageCache): string[] {
  const names = new Set<string>();
  const seen = new Set<string>([path]);
  const queue: Array<[string, string]> = [[path, source]];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [file, text] = next;
    const { exports, reexports } = cjsExports(text);
    for (const name of exports) names.add(name);
    const dir = dirname(file);
    for (const spec of reexports) {
      const target = resolveModule(fs, spec, dir, cache);
      if (target === null || seen.has(target) || !/\.c?js$/.test(target) || seen.size >= REEXPORT_FILES) continue;
      seen.add(target);
      try { queue.push([target, read(target)]); } catch { /* unreadable: its names are unknown, as to Node */ }
    }
  }
  names.delete('default');
  return [...names];
}
