// The `process` object (guest code): argv, env, exit and exitCode, cwd and
// chdir, ids, nextTick, signals as events, hrtime, memory and CPU usage,
// the standard streams, and how an uncaught error ends the program (printed
// as Node prints it, exit status 1).
'use strict';

const EventEmitter = require('events');
const host = require('internal/binding');
const errors = require('internal/errors');

const info = host('proc');
const SIGNALS = info.signals; // name → number

const process = new EventEmitter();
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', enumerable: false, writable: true, configurable: true });

process.title = 'node';
process.version = info.version;
process.versions = info.versions;
process.arch = 'x64';
process.platform = 'linux';
process.release = { name: 'node', lts: 'Jod', sourceUrl: `https://nodejs.org/download/release/${info.version}/node-${info.version}.tar.gz`, headersUrl: `https://nodejs.org/download/release/${info.version}/node-${info.version}-headers.tar.gz` };
process.argv = info.argv;
process.argv0 = info.argv0;
process.execArgv = info.execArgv;
process.execPath = info.execPath;
process.pid = info.pid;
process.ppid = info.ppid;
process.config = { target_defaults: {}, variables: {} };
process.features = { inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: false, tls_sni: false, tls_ocsp: false, tls: false, cached_builtins: true, require_module: true, typescript: false };
process.moduleLoadList = [];
process.allowedNodeEnvironmentFlags = new Set();
process.exitCode = undefined;
process._exiting = false;

// process.env: strings only, like Node's.
const envStore = info.env;
process.env = new Proxy(envStore, {
  set(target, key, value) {
    if (typeof key === 'symbol') return false;
    target[key] = String(value);
    return true;
  },
  defineProperty(target, key, desc) {
    if ('value' in desc) target[key] = String(desc.value);
    return true;
  },
});

process.cwd = () => host('cwd');
process.chdir = (dir) => {
  if (typeof dir !== 'string') throw errors.invalidArgType('directory', 'string', dir);
  host('chdir', dir);
};
process.umask = (mask) => host('umask', mask === undefined ? -1 : typeof mask === 'string' ? parseInt(mask, 8) : mask);
process.getuid = () => info.uid;
process.geteuid = () => info.uid;
process.getgid = () => info.gid;
process.getegid = () => info.gid;
process.getgroups = () => info.groups.slice();
for (const name of ['setuid', 'setgid', 'seteuid', 'setegid', 'setgroups', 'initgroups']) {
  process[name] = () => { throw errors.uvException('EPERM', name); };
}

process.hrtime = function hrtime(previous) {
  const ns = BigInt(Math.round(host('hrnow') * 1e6));
  let sec = Number(ns / 1000000000n);
  let nsec = Number(ns % 1000000000n);
  if (previous) {
    sec -= previous[0];
    nsec -= previous[1];
    if (nsec < 0) { sec--; nsec += 1e9; }
  }
  return [sec, nsec];
};
process.hrtime.bigint = () => BigInt(Math.round(host('hrnow') * 1e6));
process.uptime = () => (host('hrnow') - info.startedAt) / 1000;
process.memoryUsage = () => host('memory');
process.memoryUsage.rss = () => host('memory').rss;
process.resourceUsage = () => {
  const cpu = host('cpu');
  return { userCPUTime: cpu.user, systemCPUTime: cpu.system, maxRSS: Math.round(host('memory').rss / 1024), sharedMemorySize: 0, unsharedDataSize: 0, unsharedStackSize: 0, minorPageFault: 0, majorPageFault: 0, swappedOut: 0, fsRead: 0, fsWrite: 0, ipcSent: 0, ipcReceived: 0, signalsCount: 0, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0 };
};
process.cpuUsage = (previous) => {
  const cpu = host('cpu');
  return previous ? { user: cpu.user - previous.user, system: cpu.system - previous.system } : cpu;
};
process.constrainedMemory = () => info.memoryLimit;
process.availableMemory = () => host('memory').available;

process.kill = (pid, sig = 'SIGTERM') => {
  if (pid != (pid | 0)) throw errors.invalidArgType('pid', 'number', pid);
  const signo = typeof sig === 'number' ? sig : SIGNALS[sig];
  if (signo === undefined) throw errors.nodeError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${sig}`);
  host('kill', pid, signo);
  return true;
};
process.abort = () => { host('abort'); };

process.emitWarning = (warning, type, code) => {
  if (typeof type === 'object' && type !== null) ({ type, code } = type);
  const w = typeof warning === 'string' ? Object.assign(new Error(warning), { name: type || 'Warning' }) : warning;
  if (code) w.code = code;
  process.nextTick(() => {
    if (!process.emit('warning', w) || process.listenerCount('warning') <= 1) {
      if (w.name === 'DeprecationWarning' && process.noDeprecation) return;
      process.stderr.write(`(node:${process.pid}) ${code ? `[${code}] ` : ''}${w.name}: ${w.message}\n`);
      if (!process._warnedTrace) {
        process._warnedTrace = true;
        process.stderr.write('(Use `node --trace-warnings ...` to show where the warning was created)\n');
      }
    }
  });
};
process.on('warning', () => {});

// ---- nextTick -------------------------------------------------------------------

const asyncContext = require('internal/async-context');
let ticks = [];
process.nextTick = function nextTick(callback, ...args) {
  if (typeof callback !== 'function') throw errors.invalidArgType('callback', 'function', callback);
  if (process._exiting) return;
  ticks.push([callback, args, asyncContext.scheduled(null)]);
};
process._hasTicks = () => ticks.length > 0;
process._runTicks = () => {
  while (ticks.length > 0) {
    const batch = ticks;
    ticks = [];
    for (let i = 0; i < batch.length; i++) {
      try {
        asyncContext.runIn(batch[i][2], batch[i][0], undefined, batch[i][1]);
      } catch (err) {
        ticks = batch.slice(i + 1).concat(ticks);
        throw err;
      }
    }
  }
};

/**
 * Between two timers' or immediates' callbacks, as Node's runNextTicks:
 * nextTick callbacks, promise jobs (the host runs them), then the rejections
 * left unhandled, until none of them is left.
 */
process._runNextTicks = () => {
  for (;;) {
    process._runTicks();
    const [ran, rejections] = host('microtasks');
    if (rejections) require('internal/promises').processRejections(rejections);
    if (ran === 0 && !rejections && ticks.length === 0) return;
  }
};

// ---- exit ----------------------------------------------------------------------

process.reallyExit = (code) => host('exit', code);
process.exit = (code) => {
  if (code !== undefined) process.exitCode = code;
  process._exitNow(process.exitCode);
};
process._exitNow = (code) => {
  code = code === undefined || code === null ? 0 : Number(code) | 0;
  if (!process._exiting) {
    process._exiting = true;
    process.exitCode = code;
    try {
      process.emit('exit', code);
    } catch (err) {
      process._exiting = false;
      return process._fatal(err);
    }
  }
  host('exit', process.exitCode === undefined ? code : Number(process.exitCode) | 0);
};

/** An exception nobody caught (or a promise rejection with no handler: `origin` 'unhandledRejection'): 'uncaughtException' listeners, or print it and exit 1. */
process._fatal = (err, origin = 'uncaughtException') => {
  if (process.listenerCount('uncaughtException') > 0 && !process._exiting) {
    try {
      process.emit('uncaughtException', err, origin);
      return;
    } catch (again) {
      err = again;
    }
  }
  host('fatal', fatalText(err, origin === 'unhandledRejection'));
  process._exiting = false;
  process.exitCode = undefined;
  process._exitNow(1);
};

function fatalText(err, fromPromise) {
  const { inspect } = require('internal/inspect');
  const isError = err instanceof Error || (err && typeof err.stack === 'string' && typeof err.message === 'string');
  const arrow = isError ? arrowOf(err, fromPromise) : '';
  if (!isError) {
    const shown = typeof err === 'string' ? err : inspect(err);
    return `${arrow}Uncaught ${shown}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)\n\nNode.js ${info.version}\n`;
  }
  return `${arrow}${inspect(err)}\n\nNode.js ${info.version}\n`;
}

/**
 * `file:line`, the source line and a caret under the throw, as V8 decorates
 * errors; a rejection's error (`fromPromise`) was not thrown there: the caret
 * is where it was made.
 */
function arrowOf(err, fromPromise) {
  // Thrown by the ES module loader: what Node prints there (its own throw site, or the importing line).
  const header = require('internal/errors').fatalHeaderOf(err);
  if (header) return header;
  let stack;
  try { stack = String(err.stack); } catch { return ''; }
  const top = /(?:^|\n)\s+at (?:.*? \()?([^()]*):(\d+):(\d+)\)?/.exec(stack);
  // Thrown inside the module loader: Node shows its own throw site (where v22.14 and v20.20 have it).
  if (top && top[1].startsWith('node:')) return err.code === 'MODULE_NOT_FOUND' ? `node:internal/modules/cjs/loader:${info.version.startsWith('v20.') ? 1210 : 1228}\n  throw err;\n  ^\n\n` : '';
  const frame = /(?:^|\n)\s+at (?:.*? \()?(\/[^():]*|file:\/\/[^()]*?|\[eval\]|\[stdin\]):(\d+):(\d+)\)?(?:\n|$)/.exec(stack);
  if (!frame) return '';
  const [, file, lineText, colText] = frame;
  const line = Number(lineText);
  let col = Number(colText);
  // An ES module's line is read from its file (an --input-type=module [evalN] from the code given).
  const path = file.startsWith('file://') ? (/\/\[eval\d+\]$/.test(file) ? '[eval]' : decodeURIComponent(file.slice(7).replace(/[?#].*$/, ''))) : file;
  const source = host('sourceLine', path, line);
  if (source === null) return '';
  // V8 points at the throw in a CommonJS module, at the thrown expression in an ES module; QuickJS at the call.
  const throwAt = file.startsWith('file://') || fromPromise ? source.slice(0, col - 1).search(/new\s+[\w$.]*$/) : source.slice(0, col - 1).search(/throw\s+(new\s+)?[\w$.]*$/);
  if (throwAt !== -1) col = throwAt + 1;
  return `${file}:${line}\n${source}\n${' '.repeat(Math.max(0, col - 1))}^\n\n`;
}

// ---- signals --------------------------------------------------------------------

process.on('newListener', (event) => {
  if (typeof event === 'string' && SIGNALS[event] !== undefined && process.listenerCount(event) === 0) host('signal', SIGNALS[event], true);
});
process.on('removeListener', (event) => {
  if (typeof event === 'string' && SIGNALS[event] !== undefined && process.listenerCount(event) === 0) host('signal', SIGNALS[event], false);
});
process._signal = (signo) => {
  const name = Object.keys(SIGNALS).find((n) => SIGNALS[n] === signo);
  if (name) process.emit(name, name, signo);
};

// ---- standard streams -------------------------------------------------------------

const { WriteStream, createStdin } = require('internal/stdio');
let stdout, stderr, stdin;
/** process.stdout/stderr: a tty.WriteStream on a terminal, as in Node. */
const stdioStream = (fd) => (info.stdio[fd].tty ? new (require('tty').WriteStream)(fd) : new WriteStream(fd, info.stdio[fd]));
Object.defineProperty(process, 'stdout', { configurable: true, enumerable: false, get() { return stdout ??= stdioStream(1); } });
Object.defineProperty(process, 'stderr', { configurable: true, enumerable: false, get() { return stderr ??= stdioStream(2); } });
Object.defineProperty(process, 'stdin', { configurable: true, enumerable: false, get() { return stdin ??= createStdin(info.stdio[0]); } });

process.binding = (name) => { throw errors.notAvailable(`process.binding('${name}')`); };
process._linkedBinding = process.binding;
process.dlopen = () => { throw errors.notAvailable('process.dlopen (native addons)'); };

module.exports = process;
