// `npm run node:lib` (run before test, start, build and bench): gathers the
// JavaScript that the `node` program evaluates inside QuickJS — our own
// built-in modules (sandbox/programs/node/lib/*.js) and the well-kept browser
// implementations of Node's built-ins from node_modules (events, buffer,
// path-browserify, stream-browserify, url, browserify-zlib over pako,
// punycode…) — into one generated module, sandbox/programs/node/lib.gen.ts,
// which the page loads only when a container runs `node`. Every `require()`
// is resolved here, once, the way browser bundlers do (the package.json
// `browser` field applies; ALIASES swap a package's dependency for one of
// ours, as a bundler's alias does), so the runtime only looks names up. A
// require that cannot be resolved fails the generation instead of failing a
// student's program later. Where a browser implementation falls short of
// Node (querystring-es3 throws on a malformed escape; the url package parses
// queries with qs) our own module stands in front of it or instead of it.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const libDir = join(root, 'sandbox/programs/node/lib');
const out = join(root, 'sandbox/programs/node/lib.gen.ts');

/**
 * Node's built-in module names that npm packages provide (name → package
 * entry); `internal/deps/*` are packages our own modules build on (lib/url.js
 * on `url`, lib/zlib.js on `browserify-zlib`, lib/buffer.js on `buffer`),
 * private to the built-ins.
 */
const FROM_NPM = new Map([
  ['events', 'events'],
  ['internal/deps/buffer', 'buffer'],
  ['path', 'path-browserify'],
  ['stream', 'stream-browserify'],
  ['string_decoder', 'string_decoder'],
  ['punycode', 'punycode'],
  ['internal/deps/url', 'url'],
  ['internal/deps/zlib', 'browserify-zlib'],
]);

/**
 * What a package's require() of a name means here instead (package → name →
 * built-in), as a bundler's alias does: the `url` package reads query strings
 * with `qs`, where Node's url.parse uses querystring.
 */
const ALIASES = new Map([
  ['url', new Map([['qs', 'internal/url-qs']])],
]);

interface Module { id: string; source: string; requires: Map<string, string | null> }
const modules = new Map<string, Module>();
/** Built-in name (`fs`, `internal/bootstrap`) → module id. */
const builtins = new Map<string, string>();

// Our own modules: lib/fs.js is `fs`, lib/fs/promises.js is `fs/promises`,
// lib/internal/*.js are reachable only from other built-ins.
function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.js') ? [path] : [];
  });
}
const ours = walk(libDir);
for (const file of ours) builtins.set(relative(libDir, file).replace(/\.js$/, '').split('\\').join('/'), `node:${relative(libDir, file).split('\\').join('/')}`);

function packageJson(dir: string): { name?: string; main?: string; browser?: string | Record<string, string | false> } {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** The directory of the package that holds `file`. */
function packageRoot(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function asFile(path: string): string | null {
  for (const candidate of [path, `${path}.js`, `${path}.json`, join(path, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** A package's entry file, with its `browser` field applied. */
function packageEntry(dir: string): string {
  const pkg = packageJson(dir);
  const main = typeof pkg.browser === 'string' ? pkg.browser : pkg.main ?? 'index.js';
  const file = asFile(resolve(dir, main));
  if (!file) throw new Error(`${dir}: no entry file ${main}`);
  return browserMapped(dir, file) ?? file;
}

/** What the package's browser map makes of a file of its own (false → null). */
function browserMapped(dir: string, file: string): string | null | undefined {
  const map = packageJson(dir).browser;
  if (!map || typeof map === 'string') return undefined;
  for (const [from, to] of Object.entries(map)) {
    if (!from.startsWith('.')) continue;
    if (asFile(resolve(dir, from)) === file) return to === false ? null : asFile(resolve(dir, to));
  }
  return undefined;
}

function findPackage(name: string, fromFile: string): string {
  let dir = dirname(fromFile);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`${relative(root, fromFile)}: cannot resolve package ${name}`);
    dir = up;
  }
}

/** Resolves `request` made by `fromFile` to a module id (null: an empty module). */
function resolveRequest(request: string, fromFile: string, ofOurs: boolean): string | null {
  if (request.startsWith('node:')) request = request.slice(5);
  if (ofOurs && !request.startsWith('.')) {
    if (builtins.has(request) || FROM_NPM.has(request)) return builtinId(request);
    throw new Error(`${relative(root, fromFile)}: require('${request}') names no built-in`);
  }
  if (!ofOurs) {
    const pkgDir = packageRoot(fromFile);
    const alias = ALIASES.get(packageJson(pkgDir).name ?? '')?.get(request);
    if (alias) return builtinId(alias);
    const map = packageJson(pkgDir).browser;
    if (map && typeof map === 'object' && request in map) {
      const to = map[request];
      if (to === false) return null;
      if (typeof to === 'string' && !to.startsWith('.')) request = to;
    }
  }
  if (request.startsWith('.')) {
    const file = asFile(resolve(dirname(fromFile), request));
    if (!file) throw new Error(`${relative(root, fromFile)}: cannot resolve ${request}`);
    if (ofOurs) return `node:${relative(libDir, file).split('\\').join('/')}`;
    const mapped = browserMapped(packageRoot(file), file);
    return mapped === null ? null : addFile(mapped ?? file);
  }
  // A bare name inside an npm package: Node's built-ins come from us or the
  // packages above; anything else is a dependency in node_modules.
  if (builtins.has(request) || FROM_NPM.has(request)) return builtinId(request);
  const [scopeOrName, maybeName, ...rest] = request.split('/');
  const pkgName = scopeOrName!.startsWith('@') ? `${scopeOrName}/${maybeName}` : scopeOrName!;
  const sub = scopeOrName!.startsWith('@') ? rest.join('/') : [maybeName, ...rest].filter(Boolean).join('/');
  const dir = findPackage(pkgName, fromFile);
  if (!sub) return addFile(packageEntry(dir));
  const file = asFile(join(dir, sub));
  if (!file) throw new Error(`${relative(root, fromFile)}: cannot resolve ${request}`);
  return addFile(file);
}

function builtinId(name: string): string {
  const own = builtins.get(name);
  if (own) return own;
  const id = addFile(packageEntry(join(root, 'node_modules', FROM_NPM.get(name)!)));
  builtins.set(name, id);
  return id;
}

/** `require('x')` calls with a literal argument (what these packages use). */
function requiresOf(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/(?<![\w$.])require\(\s*(['"])([^'"]+)\1\s*\)/g)) found.add(m[2]!);
  return [...found];
}

function addFile(file: string): string {
  const id = relative(join(root, 'node_modules'), file).split('\\').join('/');
  if (modules.has(id)) return id;
  const source = readFileSync(file, 'utf8');
  const mod: Module = { id, source, requires: new Map() };
  modules.set(id, mod);
  for (const request of requiresOf(source)) mod.requires.set(request, resolveRequest(request, file, false));
  return id;
}

for (const file of ours) {
  const id = `node:${relative(libDir, file).split('\\').join('/')}`;
  const source = readFileSync(file, 'utf8');
  const mod: Module = { id, source, requires: new Map() };
  modules.set(id, mod);
}
for (const file of ours) {
  const mod = modules.get(`node:${relative(libDir, file).split('\\').join('/')}`)!;
  for (const request of requiresOf(mod.source)) mod.requires.set(request, resolveRequest(request, file, true));
}
for (const name of FROM_NPM.keys()) builtinId(name);

const entries = [...modules.values()].sort((a, b) => a.id.localeCompare(b.id));
const text = `// Generated by scripts/gen-node-lib.ts from sandbox/programs/node/lib and
// node_modules: do not edit (npm run node:lib regenerates it).

/** A module of the node runtime: its source and what each require() names. */
export interface LibModule {
  readonly source: string;
  /** require() argument → module id (null: an empty module, as browser bundles do). */
  readonly requires: ReadonlyMap<string, string | null>;
}

/** Built-in module name ('fs', 'events', 'internal/bootstrap') → module id. */
export const LIB_BUILTINS: ReadonlyMap<string, string> = new Map(${JSON.stringify([...builtins].sort())});

export const LIB_MODULES: ReadonlyMap<string, LibModule> = new Map([
${entries.map((m) => `  [${JSON.stringify(m.id)}, { source: ${JSON.stringify(m.source)}, requires: new Map(${JSON.stringify([...m.requires])}) }],`).join('\n')}
]);
`;
const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
if (previous !== text) writeFileSync(out, text);
if (process.argv.includes('--verbose')) console.log(`${relative(root, out)}: ${modules.size} modules, ${Math.round(text.length / 1024)} KB`);

// The guest worker for Node hosts, bundled to plain JavaScript so a worker
// starts without a TypeScript loader. QuickJS stays external (it finds its
// .wasm beside itself in node_modules).
const { build } = await import('esbuild');
await build({
  entryPoints: [join(root, 'sandbox/programs/node/worker-entry.node.ts')],
  outfile: join(root, 'sandbox/programs/node/worker.gen.mjs'),
  bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning',
  external: ['quickjs-emscripten-core', '@jitl/quickjs-wasmfile-release-sync'],
  banner: { js: '// Generated by scripts/gen-node-lib.ts: do not edit.' },
});
