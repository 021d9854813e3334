// ES modules for a node guest, on the guest's side of QuickJS: the module
// normalizer and loader QuickJS calls while it links a module graph (a
// static import, import() from a module or a CommonJS file, the main
// module, require() of an ES module). A module's name is its URL, as in
// Node: file:///app/main.mjs, node:fs. Each import is resolved by the
// engine (op 'esmResolve': esm-load.ts), once per importer and specifier;
// the loader then gives QuickJS a module's text:
// - an ES module: its source, with import.meta filled first (a call of
//   constant length on the first line — errors.js takes it off columns
//   there — to a function declared after the source, so no line moves);
// - a CommonJS file: a facade running it through the CommonJS loader
//   (require's cache: the same module.exports), exporting module.exports
//   as default and the names cjs-module-lexer finds;
// - a built-in: a facade exporting its module.exports and its keys;
// - JSON: its parsed value as default.
// Facades reach the guest's loader through one internal module (the
// bridge), which only facades can name.
//
// QuickJS goes on after a failed normalization with an empty name, whose
// load fails in turn: the error the engine answered is given there again,
// so the import fails with it.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import { topLevelAwait } from './cjs-lexer.ts';
import type { EsmAnswer } from './esm-load.ts';
import { urlOfPath } from './esm-resolve.ts';
import type { GuestSys } from './guest.ts';

/** What a CommonJS file's facade module is named by (then its URL). */
const CJS_FACADE = 'node:internal/commonjs-facade:';

/** What an ES module's source starts with (constant: errors.js takes its length off columns on line 1). */
export const ESM_PRELUDE = '__esm$meta(import.meta);';

type Loaded = Exclude<EsmAnswer, { error: unknown }>;

/** What the guest's side gives the ESM host. */
export interface EsmGuest {
  /** The guest's bridge object (lib/internal/esm.js). */
  bridge(): QuickJSHandle;
  /** A guest error from the engine's answer: [name, code, message, site, url], and where the import is (url:line:column) when known. */
  error(detail: [string, string | null, string, string, string | null], where: string | null): QuickJSHandle;
  /** The process's working directory. */
  cwd(): string;
  /** A guest error for a system call that failed while a module was looked for (EACCES reading it…). */
  failed(e: unknown): QuickJSHandle;
  /** A .js file found to be an ES module by its syntax, its package.json without "type" (Node warns once). */
  typeless(url: string, packageJson: string): void;
  /** A module's text with its byte order mark and #! line made harmless. */
  text(source: string): string;
  /** require() of a module threw `error`: the module's evaluation promise QuickJS rejected with it is no unhandled rejection. */
  thrown?(error: QuickJSHandle): void;
}

export class EsmHost {
  private readonly bridgeName = `node:internal/esm-bridge-${Math.random().toString(36).slice(2)}`;
  private bridgeSet = false;
  /** What each module loads as (the engine's answer), by module name. */
  private readonly modules = new Map<string, Loaded>();
  /** Module name by URL (a URL's own, or its CommonJS facade's). */
  private readonly names = new Map<string, string>();
  /** parent URL \0 specifier → URL. */
  private readonly resolved = new Map<string, string>();
  /** Who imported what: [importer URL, specifier, URL], for Node's message on a missing export. */
  private readonly edges: Array<[string, string, string]> = [];
  /** Files the CommonJS loader found to be ES modules by their syntax (they are modules when imported too). */
  private readonly forced = new Set<string>();
  private readonly warned = new Set<string>();
  /** Modules whose untyped package.json goes unmentioned (require() of them). */
  private readonly quiet = new Set<string>();
  private pendingError: QuickJSHandle | null = null;
  private wrappers = 0;
  private evals = 0;

  constructor(private readonly ctx: QuickJSContext, private readonly rt: QuickJSRuntime, private readonly sys: GuestSys, private readonly guest: EsmGuest) {}

  /** Lets QuickJS load modules through this host. */
  install(): void {
    this.rt.setModuleLoader((name) => this.load(name), (base, request) => this.normalize(base, request));
  }

  /** A file the CommonJS loader found to hold ES module syntax: an ES module from now on (Node warns of its untyped package.json for the main module only). */
  forceModule(path: string, main: boolean): string {
    this.forced.add(path);
    if (!main) this.quiet.add(urlOfPath(path));
    return urlOfPath(path);
  }

  /** `--input-type=module` code (or code whose syntax says so): a module named as Node names it, file:///cwd/[eval1]. */
  evalModule(code: string): string {
    const url = `${urlOfPath(this.guest.cwd())}${this.guest.cwd() === '/' ? '' : '/'}[eval${++this.evals}]`;
    this.modules.set(url, [url, 'module', code, null]);
    return url;
  }

  /**
   * require() of an ES module: its graph linked and evaluated now. Returns
   * its namespace (with `__esModule: true` when it has a default export, as
   * Node's), 'async' when the graph has a top-level await, or a guest error.
   */
  requireModule(path: string): { value: QuickJSHandle } | { error: QuickJSHandle } | 'async' {
    this.ensureBridge();
    const url = urlOfPath(path);
    const n = ++this.wrappers;
    const r = this.ctx.evalCode(`import * as ns from ${JSON.stringify(url)}; export { ns };`, `node:internal/require-${n}`, { type: 'module' });
    if (r.error) {
      this.guest.thrown?.(r.error);
      return { error: r.error };
    }
    const state = this.ctx.getPromiseState(r.value);
    if (!('notAPromise' in state && state.notAPromise)) {
      if (state.type === 'fulfilled' || state.type === 'rejected') (state.type === 'fulfilled' ? state.value : state.error).dispose();
      r.value.dispose();
      return 'async';
    }
    const ns = this.ctx.getProp(r.value, 'ns');
    r.value.dispose();
    const has = (key: string): boolean => {
      const found = this.ctx.callFunction(this.hasOwn(), this.ctx.undefined, ns, this.ctx.newString(key));
      if (found.error) { found.error.dispose(); return false; }
      const yes = this.ctx.dump(found.value) === true;
      found.value.dispose();
      return yes;
    };
    if (!has('default') || has('__esModule')) return { value: ns };
    ns.dispose();
    const spec = JSON.stringify(url);
    const w = this.ctx.evalCode(`export * from ${spec}; export { default } from ${spec}; export const __esModule = true;`, `node:internal/require-${n}-esm`, { type: 'module' });
    if (w.error) return { error: w.error };
    return { value: w.value };
  }

  private hasOwnFn: QuickJSHandle | null = null;
  private hasOwn(): QuickJSHandle {
    this.hasOwnFn ??= this.ctx.unwrapResult(this.ctx.evalCode('(o, k) => Object.prototype.hasOwnProperty.call(o, k)', 'node:internal/esm-host'));
    return this.hasOwnFn;
  }

  /** The URL `specifier` names from `parent` (--import's, from the working directory), or the loader's error. */
  resolveUrl(specifier: string, parent: string): string | { error: QuickJSHandle } {
    let answer: EsmAnswer;
    try {
      answer = this.sys.call('esmResolve', [specifier, parent]) as EsmAnswer;
    } catch (e) {
      return { error: this.guest.failed(e) };
    }
    return 'error' in answer ? { error: this.guest.error(answer.error, null) } : answer[0];
  }

  /** import.meta.resolve(specifier) in module `url`: the URL, or the engine's error (a missing file's URL is an answer). */
  metaResolve(specifier: string, url: string): string | { error: QuickJSHandle } {
    let answer: EsmAnswer;
    try {
      answer = this.sys.call('esmResolve', [specifier, url]) as EsmAnswer;
    } catch (e) {
      return { error: this.guest.failed(e) };
    }
    if (!('error' in answer)) return answer[0];
    if (answer.error[4] !== null) return answer.error[4];
    return { error: this.guest.error(answer.error, null) };
  }

  /**
   * Node's account of a missing export QuickJS reported ("Could not find
   * export 'x' in module 'u'"): who imported it and how, where, and what
   * kind of module `url` is.
   */
  exportError(url: string, name: string): Record<string, unknown> | null {
    const target = this.modules.get(url);
    for (let i = this.edges.length - 1; i >= 0; i--) {
      const [importer, specifier, to] = this.edges[i]!;
      if (to !== url) continue;
      const source = this.modules.get(importer);
      if (!source || source[1] !== 'module') continue;
      const found = findImport(source[2], specifier, name);
      if (!found) continue;
      return { specifier, importer, ...found, commonjs: target?.[1] === 'commonjs' };
    }
    return null;
  }

  /** Where the main module waits on a top-level await that never settled, as Node 22 shows it (url:line, the line, a caret). */
  unsettled(url: string): string | null {
    const m = this.modules.get(url);
    if (!m || m[1] !== 'module') return null;
    const at = topLevelAwait(m[2]);
    if (at === -1) return null;
    const lineStart = m[2].lastIndexOf('\n', at - 1) + 1;
    const lineEnd = m[2].indexOf('\n', at);
    const line = m[2].slice(0, at).split('\n').length;
    return `${url}:${line}\n${m[2].slice(lineStart, lineEnd === -1 ? undefined : lineEnd)}\n${' '.repeat(at - lineStart)}^`;
  }

  dispose(): void {
    this.hasOwnFn?.dispose();
    this.pendingError?.dispose();
    if (this.rt.alive) this.rt.removeModuleLoader();
  }

  // ---- QuickJS's callbacks ------------------------------------------------------------

  private normalize(base: string, request: string): string | { error: QuickJSHandle } {
    if (request === this.bridgeName) return request;
    this.ensureBridge();
    // Code given as a string (--input-type=module, -e): registered under its URL, not a file to look for.
    if (/\/\[eval\d+\]$/.test(request) && this.modules.has(request)) return request;
    const parent = this.parentUrl(base);
    const key = `${parent}\0${request}`;
    const known = this.resolved.get(key);
    if (known !== undefined) return known;
    let answer: EsmAnswer;
    try {
      answer = this.sys.call('esmResolve', [request, parent]) as EsmAnswer;
    } catch (e) {
      this.pendingError?.dispose();
      this.pendingError = this.guest.failed(e);
      return { error: this.pendingError.dup() };
    }
    if ('error' in answer) {
      this.pendingError?.dispose();
      this.pendingError = this.guest.error(answer.error, this.importSite(parent, request));
      return { error: this.pendingError.dup() };
    }
    const url = answer[0];
    let name = this.names.get(url);
    if (name === undefined) {
      const entry: Loaded = answer[1] === 'commonjs' && this.forced.has(answer[3]) ? [url, 'module', String(this.sys.call('readSource', [answer[3]])), null] : answer;
      // A CommonJS file's facade has a name of its own: its frames are the loader's, not the file's.
      name = entry[1] === 'commonjs' ? `${CJS_FACADE}${url}` : url;
      this.names.set(url, name);
      this.modules.set(name, entry);
      if (entry[1] === 'module' && entry[3] !== null && !this.warned.has(entry[3]) && !this.quiet.has(url)) {
        this.warned.add(entry[3]);
        this.guest.typeless(url, entry[3]);
      }
    }
    this.resolved.set(key, name);
    this.edges.push([parent, request, name]);
    if (this.edges.length > 4096) this.edges.splice(0, 1024);
    return name;
  }

  private load(name: string): string | { error: QuickJSHandle } {
    if (name === '' || this.pendingError) {
      const error = this.pendingError ?? this.ctx.newError('Cannot load a module without a name');
      this.pendingError = null;
      return { error };
    }
    if (name === this.bridgeName) return 'export let b; export function set(x) { b = x; }';
    const bridge = JSON.stringify(this.bridgeName);
    if (name.startsWith(CJS_FACADE)) {
      const m = this.modules.get(name);
      if (m?.[1] === 'commonjs') return facade(bridge, `b.cjs(${JSON.stringify(m[3])})`, m[2]);
    }
    if (name.startsWith('node:')) {
      const builtin = name.slice(5);
      return facade(bridge, `b.builtin(${JSON.stringify(builtin)})`, this.builtinNames(builtin));
    }
    const m = this.modules.get(name);
    if (!m) return { error: this.ctx.newError(`Cannot find module '${name}'`) };
    switch (m[1]) {
      case 'module': return `${ESM_PRELUDE}${this.guest.text(m[2])}\nimport { b as __esm$b } from ${bridge}; function __esm$meta(m) { __esm$b.meta(m, ${JSON.stringify(name)}); }`;
      case 'commonjs': return facade(bridge, `b.cjs(${JSON.stringify(m[3])})`, m[2]);
      case 'json': return `export default JSON.parse(${JSON.stringify(this.guest.text(m[2]))});`;
      case 'builtin': return facade(bridge, `b.builtin(${JSON.stringify(name.slice(5))})`, this.builtinNames(name.slice(5)));
    }
  }

  /** Where module `parent` names `specifier` (url:line:column), for the frame of an import that failed. */
  private importSite(parent: string, specifier: string): string | null {
    const m = this.modules.get(parent);
    if (!m || m[1] !== 'module') return null;
    const at = Math.max(m[2].indexOf(`'${specifier}'`), m[2].indexOf(`"${specifier}"`));
    if (at === -1) return null;
    const lineStart = m[2].lastIndexOf('\n', at - 1) + 1;
    return `${parent}:${m[2].slice(0, at).split('\n').length}:${at - lineStart + 1}`;
  }

  /** The module URL of whatever QuickJS names as the importer: a module's URL, a CommonJS file's path, [eval]. */
  private parentUrl(base: string): string {
    if (base.startsWith('file:')) return base;
    if (base.startsWith('/')) return urlOfPath(base);
    const cwd = this.guest.cwd();
    return urlOfPath(`${cwd === '/' ? '' : cwd}/${base.startsWith('[') ? base : '[eval]'}`);
  }

  /** The bridge module, evaluated and handed the guest's bridge object, before anything imports it. */
  private ensureBridge(): void {
    if (this.bridgeSet) return;
    this.bridgeSet = true;
    const ns = this.ctx.unwrapResult(this.ctx.evalCode('export let b; export function set(x) { b = x; }', this.bridgeName, { type: 'module' }));
    const set = this.ctx.getProp(ns, 'set');
    const bridge = this.guest.bridge();
    this.ctx.unwrapResult(this.ctx.callFunction(set, this.ctx.undefined, bridge)).dispose();
    bridge.dispose();
    set.dispose();
    ns.dispose();
  }

  private builtinNames(name: string): string[] {
    const bridge = this.guest.bridge();
    const fn = this.ctx.getProp(bridge, 'names');
    const arg = this.ctx.newString(name);
    const r = this.ctx.callFunction(fn, bridge, arg);
    arg.dispose();
    fn.dispose();
    bridge.dispose();
    if (r.error) { r.error.dispose(); return []; }
    const names = this.ctx.dump(r.value) as unknown;
    r.value.dispose();
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  }
}

/** A module exporting `value` as default and each of `names` (read once, after it is made). */
function facade(bridge: string, value: string, names: readonly string[]): string {
  const lines = [`import { b } from ${bridge};`, `const m = ${value};`, 'export default m;'];
  const list: string[] = [];
  names.forEach((name, i) => {
    lines.push(`const e${i} = m == null ? undefined : m[${JSON.stringify(name)}];`);
    list.push(`e${i} as ${JSON.stringify(name)}`);
  });
  if (list.length > 0) lines.push(`export { ${list.join(', ')} };`);
  return lines.join('\n');
}

/**
 * Where module source `source` imports `name` from `specifier`: its line
 * (1-based), the column and length of the name, the line's text and every
 * name the statement imports.
 */
function findImport(source: string, specifier: string, name: string): { line: number; column: number; length: number; text: string; names: string[] } | null {
  const escaped = specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const statement = new RegExp(`\\b(?:import|export)\\s*(?:[\\w$]+\\s*,\\s*)?\\{([^}]*)\\}\\s*from\\s*(['"])${escaped}\\2`, 'g');
  for (const m of source.matchAll(statement)) {
    const braces = m[1]!;
    const names = braces.split(',').map((s) => s.trim().split(/\s+as\s+/)[0]!.trim()).filter((s) => s !== '');
    const inner = new RegExp(`(^|[\\s,{])(${name.replace(/[$]/g, '\\$')})(?=\\s*(,|as\\b|$))`).exec(braces);
    if (!inner) continue;
    const offset = m.index + m[0].indexOf('{') + 1 + inner.index + inner[1]!.length;
    const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = source.indexOf('\n', offset);
    return {
      line: source.slice(0, offset).split('\n').length,
      column: offset - lineStart,
      length: name.length,
      text: source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, ''),
      names,
    };
  }
  return null;
}
