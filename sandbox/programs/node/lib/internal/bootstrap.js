// The first code a `node` process runs inside QuickJS: the built-in module
// loader, the globals Node programs expect (process, console, Buffer,
// timers, TextEncoder…), the CommonJS loader for the program's own files,
// and the entry points the host calls: runMain() once, then dispatch() for
// every event (timers, signals, I/O) — the event loop itself is the host's.
'use strict';

const host = globalThis.__host;
delete globalThis.__host;

// ---- built-in modules ------------------------------------------------------------

const libCache = new Map();
libCache.set('node:internal/binding.js', { exports: host, loaded: true });

function libRequire(id) {
  const cached = libCache.get(id);
  if (cached) return cached.exports;
  const [fn, requires] = host('lib', id);
  const mod = { exports: {}, id, loaded: false };
  libCache.set(id, mod);
  const req = (name) => {
    const target = requires[name];
    if (target === undefined) throw new Error(`internal error: ${id} requires unknown '${name}'`);
    return target === null ? {} : libRequire(target);
  };
  fn.call(mod.exports, mod.exports, req, mod, id, id.replace(/\/[^/]*$/, ''));
  mod.loaded = true;
  return mod.exports;
}

const BUILTINS = host('builtins');
// `module` is the CommonJS loader below (its exports are set once it is defined).
BUILTINS.module = 'node:module.js';
/** Names users may require (internal/* stays private). */
const publicBuiltins = new Set(Object.keys(BUILTINS).filter((name) => !name.startsWith('internal/')));
const builtin = (name) => libRequire(BUILTINS[name]);

// ---- errors with Node's stack shape ---------------------------------------------

require_errorsShape();
function require_errorsShape() {
  // QuickJS's stacks have no `Name: message` line and no captureStackTrace.
  const { installErrorShims } = builtin('internal/errors');
  installErrorShims();
}

// ---- globals ---------------------------------------------------------------------

const { Buffer } = builtin('buffer');
const process = builtin('process');
const timers = builtin('timers');
const { TextEncoder, TextDecoder } = builtin('util');

function defineGlobal(name, value) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
}
defineGlobal('global', globalThis);
defineGlobal('process', process);
defineGlobal('Buffer', Buffer);
defineGlobal('TextEncoder', TextEncoder);
defineGlobal('TextDecoder', TextDecoder);
for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']) defineGlobal(name, timers[name]);
defineGlobal('queueMicrotask', (fn) => {
  if (typeof fn !== 'function') throw builtin('internal/errors').invalidArgType('callback', 'function', fn);
  const ctx = builtin('internal/async-context').scheduled(null);
  Promise.resolve().then(() => { try { builtin('internal/async-context').runIn(ctx, fn, undefined, []); } catch (err) { process._fatal(err); } });
});
defineGlobal('structuredClone', (value) => builtin('internal/clone').structuredClone(value));
defineGlobal('atob', (s) => Buffer.from(String(s), 'base64').toString('latin1'));
defineGlobal('btoa', (s) => Buffer.from(String(s), 'latin1').toString('base64'));
defineGlobal('performance', builtin('perf_hooks').performance);

/** A global made on first use, as Node's lazily loaded ones are (URL, crypto…). */
function defineLazyGlobal(name, load) {
  Object.defineProperty(globalThis, name, {
    configurable: true, enumerable: false,
    get() { const value = load(); defineGlobal(name, value); return value; },
    set(value) { defineGlobal(name, value); },
  });
}
defineLazyGlobal('URL', () => builtin('internal/url').URL);
defineLazyGlobal('URLSearchParams', () => builtin('internal/url').URLSearchParams);
defineLazyGlobal('Event', () => builtin('internal/event-target').Event);
defineLazyGlobal('EventTarget', () => builtin('internal/event-target').EventTarget);
defineLazyGlobal('AbortController', () => builtin('internal/abort').AbortController);
defineLazyGlobal('AbortSignal', () => builtin('internal/abort').AbortSignal);
defineLazyGlobal('DOMException', () => builtin('internal/dom-exception').DOMException);
defineLazyGlobal('crypto', () => builtin('crypto').webcrypto);
// fetch and its classes (lib/internal/fetch/), loaded on first use.
defineLazyGlobal('fetch', () => builtin('internal/fetch/fetch').fetch);
defineLazyGlobal('Headers', () => builtin('internal/fetch/headers').Headers);
defineLazyGlobal('Request', () => builtin('internal/fetch/request-response').Request);
defineLazyGlobal('Response', () => builtin('internal/fetch/request-response').Response);
defineLazyGlobal('FormData', () => builtin('internal/fetch/formdata').FormData);
defineLazyGlobal('Blob', () => builtin('internal/blob').Blob);
defineLazyGlobal('File', () => builtin('internal/blob').File);
defineLazyGlobal('ReadableStream', () => builtin('internal/webstreams').ReadableStream);
Object.defineProperty(globalThis, 'console', {
  configurable: true, enumerable: false,
  get() { const c = builtin('console'); defineGlobal('console', c); return c; },
  set(v) { defineGlobal('console', v); },
});

// ---- CommonJS for the program's files -------------------------------------------

const WRAPPER = '(function (exports, require, module, __filename, __dirname) { ';

class Module {
  constructor(id = '', parent = null) {
    this.id = id;
    this.path = id === '.' ? '' : dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = [];
    this.parent = parent;
    if (parent) parent.children.push(this);
  }

  require(request) {
    if (typeof request !== 'string') throw builtin('internal/errors').invalidArgType('id', 'string', request);
    if (request === '') throw Object.assign(new TypeError("The argument 'id' must be a non-empty string. Received ''"), { code: 'ERR_INVALID_ARG_VALUE' });
    return Module._load(request, this);
  }

  _compile(filename) {
    if (filename.endsWith('.json')) {
      const text = prefetched.has(filename) ? prefetched.get(filename) : host('fs', 'readFile', filename, 'utf8');
      prefetched.delete(filename);
      try {
        this.exports = JSON.parse(stripBOM(text));
      } catch (err) {
        err.message = `${filename}: ${err.message}`;
        throw err;
      }
      return;
    }
    if (filename.endsWith('.node')) {
      throw Object.assign(new Error(`${filename}: native addons (.node files) cannot run in the playground's node`), { code: 'ERR_DLOPEN_FAILED' });
    }
    const fn = host('compile', filename, prefetched.get(filename));
    prefetched.delete(filename);
    const require = makeRequire(this);
    fn.call(this.exports, this.exports, require, this, filename, dirname(filename));
  }
}

Module._cache = Object.create(null);
Module.builtinModules = [...publicBuiltins].sort();
Module.wrapper = [WRAPPER, '\n});'];
Module.wrap = (script) => `${WRAPPER}${script}\n});`;
Module.isBuiltin = (name) => publicBuiltins.has(String(name).replace(/^node:/, ''));
Module.Module = Module;
Module.runMain = (file = process.argv[1]) => Module._load(file, null, true);

Module._resolveFilename = function (request, parent) {
  const name = request.startsWith('node:') ? request.slice(5) : request;
  if (publicBuiltins.has(name)) return request.startsWith('node:') ? request : name;
  if (request.startsWith('node:')) {
    throw Object.assign(new Error(`No such built-in module: ${request}`), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });
  }
  const from = parent && parent.filename ? dirname(parent.filename) : process.cwd();
  // As Node's relativeResolveCache: a request made again from the same directory finds the same file.
  const key = `${from}\x00${request}`;
  const known = resolvedCache.get(key);
  if (known !== undefined) return known;
  const resolved = host('resolve', request, from);
  if (resolved === null) {
    const stack = [];
    for (let m = parent; m && m.filename; m = m.parent) stack.push(m.filename);
    let message = `Cannot find module '${request}'`;
    if (stack.length > 0) message += `\nRequire stack:\n- ${stack.join('\n- ')}`;
    throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND', requireStack: stack });
  }
  // The host sends a file's source along the first time it finds it, and says when it is an ES module.
  const [found, source, format] = resolved;
  if (source !== null) prefetched.set(found, source);
  if (format === 'module') esmFiles.add(found);
  resolvedCache.set(key, found);
  return found;
};
/** Resolutions already made: (directory, request) → file. */
const resolvedCache = new Map();
/** Sources that came with their resolution, until compiled. */
const prefetched = new Map();
/** Files require() found to be ES modules (.mjs, "type": "module"). */
const esmFiles = new Set();
/** What the host throws when a .js file that failed to compile as CommonJS has ES module syntax. */
const ESM_DETECTED = 'ERR_ESM_SYNTAX_DETECTED';

/** ES modules (lib/internal/esm.js), loaded on first use. */
let esmApi = null;
function esm() {
  esmApi ??= builtin('internal/esm').install({ Module, builtin });
  return esmApi;
}

/** An ES module reached by require() (or as the main module): Node 20.19+/22.12+ load it synchronously. */
function loadEsm(filename, parent, isMain, detected) {
  prefetched.delete(filename);
  if (isMain) {
    esm().runMain(filename, detected);
    return undefined;
  }
  const module = new Module(filename, parent);
  module.filename = filename;
  module.paths = nodeModulePaths(dirname(filename));
  Module._cache[filename] = module;
  try {
    module.exports = esm().requireModule(filename, parent, detected);
  } catch (err) {
    delete Module._cache[filename];
    if (parent) parent.children.splice(parent.children.indexOf(module), 1);
    throw err;
  }
  module.loaded = true;
  return module.exports;
}

Module._load = function (request, parent, isMain = false) {
  const filename = Module._resolveFilename(request, parent);
  const name = filename.startsWith('node:') ? filename.slice(5) : filename;
  if (publicBuiltins.has(name) && !filename.startsWith('/')) return builtin(name);
  const cached = Module._cache[filename];
  if (cached) {
    if (parent && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.exports;
  }
  if (esmFiles.has(filename) || filename.endsWith('.mjs')) return loadEsm(filename, parent, isMain, false);
  const module = new Module(isMain ? '.' : filename, parent);
  module.filename = filename;
  module.paths = nodeModulePaths(dirname(filename));
  if (isMain) {
    process.mainModule = module;
    mainModule = module;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module._compile(filename);
    threw = false;
  } catch (err) {
    if (!err || err.code !== ESM_DETECTED) throw err;
    delete Module._cache[filename];
    if (parent) parent.children.splice(parent.children.indexOf(module), 1);
    if (isMain) process.mainModule = mainModule = undefined;
    threw = false;
    return loadEsm(filename, parent, isMain, true);
  } finally {
    if (threw) {
      delete Module._cache[filename];
      if (parent) parent.children.splice(parent.children.indexOf(module), 1);
    }
  }
  module.loaded = true;
  return module.exports;
};

Module.createRequire = function (filename) {
  const path = String(filename).replace(/^file:\/\//, '');
  const m = new Module(path, null);
  m.filename = path;
  m.paths = nodeModulePaths(dirname(path));
  return makeRequire(m);
};

let mainModule;
function makeRequire(module) {
  const require = (request) => module.require(request);
  require.resolve = (request) => Module._resolveFilename(request, module);
  require.resolve.paths = (request) => (publicBuiltins.has(request) ? null : nodeModulePaths(module.filename ? dirname(module.filename) : process.cwd()));
  require.main = mainModule;
  require.cache = Module._cache;
  require.extensions = Object.create(null);
  return require;
}

function nodeModulePaths(from) {
  const paths = [];
  const parts = from.split('/').filter(Boolean);
  for (let i = parts.length; i >= 0; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    paths.push(`/${parts.slice(0, i).join('/')}${i > 0 ? '/' : ''}node_modules`);
  }
  return paths;
}

function dirname(path) {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function stripBOM(s) { return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s; }

libCache.set('node:module.js', { exports: Module, loaded: true });

// ---- entry points for the host ---------------------------------------------------

/** Runs the program: a file, `-e`/`-p` code, or a script read from stdin (`--input-type=module`: an ES module). */
function runMain(kind, arg, inputType, imports) {
  if (imports && imports.length > 0) {
    // --import: the program runs once every preloaded module has been evaluated.
    run(function startProgram() { esm().preload(imports, () => runMain(kind, arg, inputType, null)); });
    return;
  }
  run(function startProgram() {
    if (kind === 'file') {
      Module._load(arg, null, true);
    } else if (inputType === 'module') {
      esm().runEval(arg, kind);
    } else {
      // -e / -p / stdin: the code runs as `[eval]` with a require from the cwd.
      const filename = kind === 'stdin' ? '[stdin]' : '[eval]';
      const m = new Module(filename, null);
      m.filename = `${process.cwd().replace(/\/$/, '')}/${filename}`;
      m.paths = nodeModulePaths(process.cwd());
      const require = makeRequire(m);
      globalThis.require = require;
      globalThis.module = m;
      globalThis.exports = m.exports;
      globalThis.__filename = filename;
      globalThis.__dirname = '.';
      let result;
      try {
        result = host('eval', arg, filename);
      } catch (err) {
        // Code that does not compile as a script but has ES module syntax runs as a module (Node 20.19+, 22.7+).
        if (!err || err.code !== ESM_DETECTED || inputType === 'commonjs') throw err;
        for (const name of ['require', 'module', 'exports', '__filename', '__dirname']) delete globalThis[name];
        esm().runEval(arg, kind);
        return;
      }
      if (kind === 'print') process.stdout.write(`${typeof result === 'string' ? result : builtin('util').inspect(result)}\n`);
    }
  });
}

/** Every event the host delivers comes through here; then nextTick callbacks run. */
function dispatch(kind, a, b, c) {
  run(function deliverEvent() {
    switch (kind) {
      case 'timers': timers._run(a, b); break;
      case 'signal': process._signal(a); break;
      case 'io': builtin('internal/handles').deliver(a, b, c); break;
      case 'beforeExit': process.emit('beforeExit', process.exitCode ?? 0); break;
      case 'exit': process._exitNow(esmApi ? esmApi.exitCode(process.exitCode) : process.exitCode); break;
      case 'ticks': break;
      case 'rejections': builtin('internal/promises').processRejections(a); break;
      default: throw new Error(`internal error: unknown event ${kind}`);
    }
  });
  return process._hasTicks();
}

function run(fn) {
  try {
    fn();
    process._runTicks();
  } catch (err) {
    process._fatal(err);
  }
  timers._sync();
}

module.exports = { runMain, dispatch, uvException: builtin('internal/errors').uvException, esmBridge: () => esm().bridge, esmTypeless: (url, pkg) => esm().warnTypeless(url, pkg) };
