// ES modules, the guest's side (loaded on first use: a CommonJS program
// never pays for it). The host links module graphs (esm-host.ts); here
// are what its generated modules call back into — the bridge: import.meta
// filled as Node fills it, a CommonJS module or a built-in for a facade,
// errors shaped as Node's — and the entry points: the main module run as
// Node runs it (import() of it, so its body runs in a microtask, an error
// or a rejected top-level await fatal, an unsettled one exit 13),
// --input-type=module code, require() of an ES module (Node 20.19+ and
// 22.12+ load a graph without top-level await synchronously).
'use strict';

const host = require('internal/binding');
const errors = require('internal/errors');

/** Node's throw sites (file:line, the line, the caret) for loader errors, by major release: what V8 prints above them. */
const SITES = {
  22: {
    hinted: ['node:internal/modules/run_main:122', '    triggerUncaughtException(', '    ^'],
    notFound: ['node:internal/modules/esm/resolve:275', '    throw new ERR_MODULE_NOT_FOUND(', '          ^'],
    packageNotFound: ['node:internal/modules/package_json_reader:268', '  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);', '        ^'],
    legacyMain: ['node:internal/modules/esm/resolve:204', '  const resolvedOption = FSLegacyMainResolve(pkgPath, packageConfig.main, baseStringified);', '                         ^'],
    dirImport: ['node:internal/modules/esm/resolve:263', '    throw new ERR_UNSUPPORTED_DIR_IMPORT(path, basePath, String(resolved));', '          ^'],
    notExported: ['node:internal/modules/esm/resolve:314', '  return new ERR_PACKAGE_PATH_NOT_EXPORTED(', '         ^'],
    importNotDefined: ['node:internal/modules/esm/resolve:301', '  return new ERR_PACKAGE_IMPORT_NOT_DEFINED(', '         ^'],
    invalidSpecifier: ['node:internal/modules/package_json_reader:222', '    throw new ERR_INVALID_MODULE_SPECIFIER(', '          ^'],
    unknownExtension: ['node:internal/modules/esm/get_format:219', '  throw new ERR_UNKNOWN_FILE_EXTENSION(ext, filepath);', '        ^'],
    urlScheme: ['node:internal/modules/esm/load:51', '    throw new ERR_UNSUPPORTED_ESM_URL_SCHEME(url, supportedSchemes);', '          ^'],
    unknownBuiltin: ['node:internal/modules/esm/translators:355', '    throw new ERR_UNKNOWN_BUILTIN_MODULE(url);', '          ^'],
    cannotPrint: ['node:internal/process/execution:68', '    throw new ERR_EVAL_ESM_CANNOT_PRINT();', '    ^'],
  },
  20: {
    hinted: ['node:internal/modules/run_main:123', '    triggerUncaughtException(', '    ^'],
    notFound: ['node:internal/modules/esm/resolve:283', '    throw new ERR_MODULE_NOT_FOUND(', '          ^'],
    packageNotFound: ['node:internal/modules/esm/resolve:873', '  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);', '        ^'],
    legacyMain: ['node:internal/modules/esm/resolve:215', '  const resolvedOption = FSLegacyMainResolve(packageJsonUrlString, packageConfig.main, baseStringified);', '                         ^'],
    dirImport: ['node:internal/modules/esm/resolve:271', '    throw new ERR_UNSUPPORTED_DIR_IMPORT(path, basePath, String(resolved));', '          ^'],
    notExported: ['node:internal/modules/esm/resolve:322', '  return new ERR_PACKAGE_PATH_NOT_EXPORTED(', '         ^'],
    importNotDefined: ['node:internal/modules/esm/resolve:309', '  return new ERR_PACKAGE_IMPORT_NOT_DEFINED(', '         ^'],
    invalidSpecifier: ['node:internal/modules/esm/resolve:801', '    throw new ERR_INVALID_MODULE_SPECIFIER(', '          ^'],
    unknownExtension: ['node:internal/modules/esm/get_format:189', '  throw new ERR_UNKNOWN_FILE_EXTENSION(ext, filepath);', '        ^'],
    urlScheme: ['node:internal/modules/esm/load:241', '    throw new ERR_UNSUPPORTED_ESM_URL_SCHEME(parsed, schemes);', '          ^'],
    unknownBuiltin: ['node:internal/modules/esm/translators:391', '    throw new ERR_UNKNOWN_BUILTIN_MODULE(url);', '          ^'],
    cannotPrint: ['node:internal/process/execution:64', '    throw new ERR_EVAL_ESM_CANNOT_PRINT();', '    ^'],
  },
};

function major() { return Number(process.version.slice(1).split('.')[0]); }

function siteText(site) {
  const table = SITES[major() <= 20 ? 20 : 22];
  const lines = table[site];
  return lines ? `${lines.join('\n')}\n\n` : '';
}

/** A loader error as Node throws it, printed under its throw site when fatal. */
function loaderError(name, code, message, site, url, where) {
  const Base = name === 'TypeError' ? TypeError : Error;
  let err;
  if (site === 'legacyMain') err = Object.assign(new Base(message), { code: 'ERR_MODULE_NOT_FOUND' });
  else err = errors.nodeError(Base, code, message);
  // Node's frames are its loader's; ours name the import that failed (when the importer is a module we know).
  if (where) {
    const head = site === 'legacyMain' ? `${name}: ${message}` : `${name} [${code}]: ${message}`;
    Object.defineProperty(err, 'stack', { value: `${head}\n    at ${where}`, writable: true, configurable: true, enumerable: false });
  }
  if (url !== null && url !== undefined) err.url = url;
  errors.setFatalHeader(err, siteText(site));
  return err;
}

/** A file: URL's path. */
function pathOf(url) {
  return decodeURIComponent(String(url).replace(/^file:\/\//, '').replace(/[?#].*$/, ''));
}

function dirnameOf(path) {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

let Module;
let builtin;

const bridge = {
  /** import.meta as Node makes it: dirname, filename, resolve, url (in that order). */
  meta(meta, url) {
    const filename = pathOf(url);
    meta.dirname = dirnameOf(filename);
    meta.filename = filename;
    meta.resolve = function resolve(specifier) {
      if (arguments.length === 0) throw errors.nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "specifier" argument must be specified');
      return host('esmMetaResolve', String(specifier), url);
    };
    meta.url = url;
  },
  /** A CommonJS module imported by an ES module: loaded (or found in require's cache) as require() loads it. */
  cjs(filename) {
    return Module._load(filename, null);
  },
  builtin(name) {
    return builtin(name);
  },
  /** A built-in's named exports. */
  names(name) {
    const exports = builtin(name);
    return exports !== null && (typeof exports === 'object' || typeof exports === 'function') ? Object.keys(exports).filter((k) => k !== 'default') : [];
  },
  error(name, code, message, site, url, where) {
    return loaderError(name, code, message, site, url, where);
  },
};

/** QuickJS's word for a missing export, made Node's: the importer's line under it, CommonJS's hint when the module is one. */
function linkError(err) {
  if (!(err instanceof SyntaxError)) return err;
  const m = /^Could not find export '(.*)' in module '(.*)'$/.exec(String(err.message));
  if (!m) return err;
  const [, name, url] = m;
  const info = host('esmExportError', url, name);
  if (!info) return err;
  let message = `The requested module '${info.specifier}' does not provide an export named '${name}'`;
  let caret = '^'.repeat(Math.max(1, info.length));
  if (info.commonjs) {
    caret = '^';
    message = `Named export '${name}' not found. The requested module '${info.specifier}' is a CommonJS module, which may not support all module.exports as named exports.\n`
      + 'CommonJS modules can always be imported via the default export, for example using:\n\n'
      + `import pkg from '${info.specifier}';\nconst { ${info.names.join(', ')} } = pkg;\n`;
  }
  const out = new SyntaxError(message);
  // Node's frames here are its loader's; ours name the import that failed to link.
  Object.defineProperty(out, 'stack', { value: `SyntaxError: ${message}\n    at ${info.importer}:${info.line}:${info.column + 1}`, writable: true, configurable: true, enumerable: false });
  errors.setFatalHeader(out, `${info.importer}:${info.line}\n${info.text}\n${' '.repeat(info.column)}${caret}\n`);
  return out;
}

// ---- entry points -----------------------------------------------------------------

/** The main module's evaluation: null until there is one, then 'pending' until it settles. */
let main = null;
let mainUrl = null;

function runModule(url) {
  main = 'pending';
  mainUrl = url;
  import(url).then(() => { main = 'done'; }, (err) => {
    main = 'done';
    process._fatal(linkError(err));
  });
}

/** The main module, an ES module (found by its name or "type", or `detected` by its syntax). */
function runMain(filename, detected) {
  runModule(detected ? host('esmForce', filename, true) : host('esmUrl', filename));
}

/** `--input-type=module` code, or -e/stdin code whose syntax says it is a module. */
function runEval(code, kind) {
  if (kind === 'print') {
    const err = errors.nodeError(Error, 'ERR_EVAL_ESM_CANNOT_PRINT', '--print cannot be used with ESM input');
    errors.setFatalHeader(err, siteText('cannotPrint'));
    throw err;
  }
  runModule(host('esmEval', code));
}

/** require() of an ES module: its namespace, evaluated now; a graph with top-level await cannot be. */
function requireModule(filename, parent, detected) {
  if (detected) host('esmForce', filename, false);
  const ns = host('esmRequire', filename);
  if (ns === 'async') {
    let message = 'require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.';
    if (major() <= 20) message += `\n  From ${parent && parent.filename ? parent.filename : 'an unknown module'} \n  Requiring ${filename} `;
    throw errors.nodeError(Error, 'ERR_REQUIRE_ASYNC_MODULE', message);
  }
  return ns;
}

/** --import: each module imported in turn (resolved from the working directory), then `then` runs the program. */
function preload(specifiers, then) {
  const cwd = process.cwd();
  const from = `${host('esmUrl', cwd)}${cwd.endsWith('/') ? '' : '/'}`;
  let chain = Promise.resolve();
  for (const specifier of specifiers) chain = chain.then(() => import(host('esmResolveFrom', specifier, from)));
  chain.then(then, (err) => process._fatal(linkError(err)));
}

/** The code the process exits with at the end of the loop: 13 while the main module's top-level await never settled. */
function exitCode(code) {
  if (main !== 'pending' || code !== undefined) return code;
  if (major() >= 22) process.stderr.write(`Warning: Detected unsettled top-level await at ${host('esmUnsettled', mainUrl) || mainUrl}\n\n\n`);
  return 13;
}

/** Node's warning for a .js file that is a module by its syntax in a package whose package.json has no "type". */
function warnTypeless(url, packageJson) {
  process.emitWarning(`Module type of ${url} is not specified and it doesn't parse as CommonJS.\n`
    + 'Reparsing as ES module because module syntax was detected. This incurs a performance overhead.\n'
    + `To eliminate this warning, add "type": "module" to ${packageJson}.`, { code: 'MODULE_TYPELESS_PACKAGE_JSON' });
}

function install(loader) {
  Module = loader.Module;
  builtin = loader.builtin;
  return { bridge, runMain, runEval, requireModule, preload, exitCode, linkError, warnTypeless };
}

module.exports = { install };
