// fs (guest code): the container's filesystem through the host's system
// calls — sync functions first, then the callback and promise forms built on
// them (the callbacks run on a later turn, as Node's do), streams, Stats and
// Dirent. Errors are libuv's: `ENOENT: no such file or directory, open '/x'`.
'use strict';

const host = require('internal/binding');
const errors = require('internal/errors');

const constants = {
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, UV_DIRENT_UNKNOWN: 0,
  UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6,
  UV_DIRENT_BLOCK: 7, S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o40000, S_IFCHR: 0o20000, S_IFBLK: 0o60000,
  S_IFIFO: 0o10000, S_IFLNK: 0o120000, S_IFSOCK: 0o140000, O_CREAT: 0o100, O_EXCL: 0o200, UV_FS_O_FILEMAP: 0,
  O_NOCTTY: 0o400, O_TRUNC: 0o1000, O_APPEND: 0o2000, O_DIRECTORY: 0o200000, O_NOATIME: 0o1000000,
  O_NOFOLLOW: 0o400000, O_SYNC: 0o4010000, O_DSYNC: 0o10000, O_DIRECT: 0o40000, O_NONBLOCK: 0o4000,
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100, S_IRWXG: 0o70, S_IRGRP: 0o40, S_IWGRP: 0o20,
  S_IXGRP: 0o10, S_IRWXO: 0o7, S_IROTH: 0o4, S_IWOTH: 0o2, S_IXOTH: 0o1, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
  UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
};

// ---- arguments ---------------------------------------------------------------------

function toPath(path, name = 'path') {
  if (typeof path === 'string') {
    if (path.includes('\u0000')) throw errors.invalidArgValue(name, path, 'must be a string, Uint8Array, or URL without null bytes');
    return path;
  }
  if (path instanceof Uint8Array) return Buffer.from(path).toString();
  if (path && typeof path === 'object' && path.href !== undefined && path.protocol !== undefined) {
    if (path.protocol !== 'file:') throw errors.nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    return decodeURIComponent(path.pathname);
  }
  throw errors.invalidArgType(name, 'string or an instance of Buffer or URL', path);
}

function encodingOf(options, fallback) {
  if (options === undefined || options === null || typeof options === 'function') return fallback;
  if (typeof options === 'string') return options;
  return options.encoding === undefined ? fallback : options.encoding;
}

function decode(buffer, encoding) {
  const buf = Buffer.from(buffer);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

function toBytes(data, encoding) {
  if (typeof data === 'string') {
    return !encoding || encoding === 'utf8' || encoding === 'utf-8' ? data : arrayBufferOf(Buffer.from(data, encoding));
  }
  if (ArrayBuffer.isView(data)) return arrayBufferOf(data);
  throw errors.invalidArgType('data', 'string or an instance of Buffer, TypedArray, or DataView', data);
}

function arrayBufferOf(view) {
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
}

function modeOf(mode, fallback) {
  if (mode === undefined || mode === null) return fallback;
  if (typeof mode === 'string') return parseInt(mode, 8);
  return mode;
}

const FLAGS = new Map([
  ['r', 'r'], ['rs', 'r'], ['sr', 'r'], ['r+', 'r+'], ['rs+', 'r+'], ['sr+', 'r+'], ['w', 'w'], ['wx', 'wx'], ['xw', 'wx'],
  ['w+', 'w+'], ['wx+', 'wx+'], ['xw+', 'wx+'], ['a', 'a'], ['ax', 'ax'], ['xa', 'ax'], ['as', 'a'], ['sa', 'a'],
  ['a+', 'a+'], ['ax+', 'ax+'], ['xa+', 'ax+'], ['as+', 'a+'], ['sa+', 'a+'],
]);

function flagsOf(flags, fallback) {
  if (flags === undefined || flags === null) return fallback;
  if (typeof flags === 'number') {
    const acc = flags & 3;
    let f = acc === 0 ? 'r' : (flags & constants.O_APPEND) ? 'a' : 'w';
    if (flags & constants.O_EXCL) f += 'x';
    if (acc === 2) f += '+';
    if (acc === 0) return acc === 0 && !(flags & constants.O_CREAT) ? 'r' : 'r+';
    return f;
  }
  const f = FLAGS.get(flags);
  if (!f) throw errors.invalidArgValue('flags', flags);
  return f;
}

// ---- Stats, Dirent -------------------------------------------------------------------

class Stats {
  constructor(s) {
    this.dev = s.dev; this.mode = s.mode; this.nlink = s.nlink; this.uid = s.uid; this.gid = s.gid;
    this.rdev = s.rdev; this.blksize = s.blksize; this.ino = s.ino; this.size = s.size; this.blocks = s.blocks;
    this.atimeMs = s.atimeMs; this.mtimeMs = s.mtimeMs; this.ctimeMs = s.ctimeMs; this.birthtimeMs = s.birthtimeMs;
    this.atime = new Date(s.atimeMs); this.mtime = new Date(s.mtimeMs); this.ctime = new Date(s.ctimeMs); this.birthtime = new Date(s.birthtimeMs);
  }
  _type() { return this.mode & constants.S_IFMT; }
  isFile() { return this._type() === constants.S_IFREG; }
  isDirectory() { return this._type() === constants.S_IFDIR; }
  isSymbolicLink() { return this._type() === constants.S_IFLNK; }
  isCharacterDevice() { return this._type() === constants.S_IFCHR; }
  isBlockDevice() { return this._type() === constants.S_IFBLK; }
  isFIFO() { return this._type() === constants.S_IFIFO; }
  isSocket() { return this._type() === constants.S_IFSOCK; }
}

const DIRENT_TYPES = { file: constants.UV_DIRENT_FILE, dir: constants.UV_DIRENT_DIR, symlink: constants.UV_DIRENT_LINK, char: constants.UV_DIRENT_CHAR };
const kType = Symbol('type');

class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = DIRENT_TYPES[type] ?? constants.UV_DIRENT_UNKNOWN;
  }
  isFile() { return this[kType] === constants.UV_DIRENT_FILE; }
  isDirectory() { return this[kType] === constants.UV_DIRENT_DIR; }
  isSymbolicLink() { return this[kType] === constants.UV_DIRENT_LINK; }
  isCharacterDevice() { return this[kType] === constants.UV_DIRENT_CHAR; }
  isBlockDevice() { return false; }
  isFIFO() { return false; }
  isSocket() { return false; }
}

// ---- sync -----------------------------------------------------------------------------

/** stat (follow = true) or lstat; `throwIfNoEntry: false` turns ENOENT into undefined. */
function statWith(path, options, follow) {
  try {
    return toStats(host('fs', 'stat', toPath(path), follow), options);
  } catch (err) {
    if (options && options.throwIfNoEntry === false && err.code === 'ENOENT') return undefined;
    throw err;
  }
}

function statSync(path, options) {
  return statWith(path, options, true);
}

function lstatSync(path, options) {
  return statWith(path, options, false);
}

function toStats(s, options) {
  const st = new Stats(s);
  if (options && options.bigint) {
    for (const k of ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'size', 'blocks']) st[k] = BigInt(st[k]);
    for (const k of ['atime', 'mtime', 'ctime', 'birthtime']) {
      st[`${k}Ms`] = BigInt(Math.floor(s[`${k}Ms`]));
      st[`${k}Ns`] = BigInt(Math.floor(s[`${k}Ms`])) * 1000000n;
    }
  }
  return st;
}

function fstatSync(fd, options) { return toStats(host('fs', 'fstat', fd), options); }

function existsSync(path) {
  try {
    return host('fs', 'exists', toPath(path));
  } catch {
    return false;
  }
}

function accessSync(path, mode = constants.F_OK) { host('fs', 'access', toPath(path), mode); }

function readFileSync(path, options) {
  const encoding = encodingOf(options, null);
  const flag = flagsOf(options && typeof options === 'object' ? options.flag : undefined, 'r');
  if (typeof path === 'number') return decode(readAllFd(path), encoding);
  const p = toPath(path);
  if (encoding === 'utf8' || encoding === 'utf-8') return host('fs', 'readFile', p, 'utf8', flag);
  return decode(host('fs', 'readFile', p, null, flag), encoding);
}

function readAllFd(fd) {
  const chunks = [];
  for (;;) {
    const chunk = host('fs', 'read', fd, 65536, -1);
    if (chunk.byteLength === 0) break;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function writeFileSync(file, data, options) {
  const encoding = encodingOf(options, 'utf8');
  const opts = options && typeof options === 'object' ? options : {};
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    if (data !== null && typeof data === 'object' && typeof data.toString === 'function' && data.toString !== Object.prototype.toString) data = String(data);
    else throw errors.invalidArgType('data', 'string or an instance of Buffer, TypedArray, or DataView', data);
  }
  if (typeof file === 'number') {
    writeSync(file, typeof data === 'string' ? Buffer.from(data, encoding) : data);
    return;
  }
  host('fs', 'writeFile', toPath(file, 'file'), toBytes(data, encoding), flagsOf(opts.flag, 'w'), modeOf(opts.mode, 0o666));
}

function appendFileSync(file, data, options) {
  const opts = typeof options === 'string' ? { encoding: options } : { ...(options || {}) };
  if (opts.flag === undefined) opts.flag = 'a';
  writeFileSync(file, data, opts);
}

function readdirSync(path, options) {
  path = toPath(path);
  const encoding = encodingOf(options, 'utf8');
  const withTypes = Boolean(options && options.withFileTypes);
  const recursive = Boolean(options && options.recursive);
  const out = [];
  const walk = (dir, prefix) => {
    const entries = host('fs', 'readdir', dir);
    for (const [name, type] of entries) {
      const rel = prefix ? `${prefix}/${name}` : name;
      if (withTypes) out.push(new Dirent(name, type, dir));
      else out.push(encoding === 'buffer' ? Buffer.from(rel) : rel);
      if (recursive && type === 'dir') walk(`${dir === '/' ? '' : dir}/${name}`, rel);
    }
  };
  walk(path, '');
  return out;
}

function mkdirSync(path, options) {
  const recursive = Boolean(options && typeof options === 'object' && options.recursive);
  const mode = modeOf(typeof options === 'object' && options ? options.mode : options, 0o777);
  const first = host('fs', 'mkdir', toPath(path), recursive, mode);
  return recursive ? first ?? undefined : undefined;
}

function mkdtempSync(prefix, options) {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  for (let attempt = 0; attempt < 100; attempt++) {
    let suffix = '';
    const rnd = new Uint8Array(host('random', 6));
    for (const b of rnd) suffix += chars[b % chars.length];
    const path = `${toPath(prefix, 'prefix')}${suffix}`;
    try {
      host('fs', 'mkdir', path, false, 0o700);
      return encodingOf(options, 'utf8') === 'buffer' ? Buffer.from(path) : path;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
  }
  throw errors.uvException('EEXIST', 'mkdtemp', prefix);
}

function rmdirSync(path, options) {
  if (options && options.recursive) return rmSync(path, { recursive: true, force: false });
  host('fs', 'rmdir', toPath(path));
}

function rmSync(path, options = {}) {
  host('fs', 'rm', toPath(path), Boolean(options.recursive), Boolean(options.force));
}

function unlinkSync(path) { host('fs', 'unlink', toPath(path)); }
function renameSync(oldPath, newPath) { host('fs', 'rename', toPath(oldPath, 'oldPath'), toPath(newPath, 'newPath')); }
function copyFileSync(src, dest, mode = 0) { host('fs', 'copyFile', toPath(src, 'src'), toPath(dest, 'dest'), mode); }

function cpSync(src, dest, options = {}) {
  src = toPath(src, 'src');
  dest = toPath(dest, 'dest');
  const st = lstatSync(src);
  if (st.isDirectory()) {
    if (!options.recursive) throw errors.nodeError(Error, 'ERR_FS_EISDIR', `Recursive option is required to copy a directory: ${src}`);
    mkdirSync(dest, { recursive: true });
    for (const name of readdirSync(src)) cpSync(`${src}/${name}`, `${dest}/${name}`, options);
  } else if (st.isSymbolicLink()) {
    symlinkSync(readlinkSync(src), dest);
  } else {
    if (options.force === false && existsSync(dest)) {
      if (options.errorOnExist) throw errors.nodeError(Error, 'ERR_FS_CP_EEXIST', `Target already exists: cp returned EEXIST (${dest} already exists)`);
      return;
    }
    copyFileSync(src, dest);
  }
}

function symlinkSync(target, path) { host('fs', 'symlink', toPath(target, 'target'), toPath(path)); }
function linkSync(existingPath, newPath) { host('fs', 'link', toPath(existingPath, 'existingPath'), toPath(newPath, 'newPath')); }

function readlinkSync(path, options) {
  const target = host('fs', 'readlink', toPath(path));
  return encodingOf(options, 'utf8') === 'buffer' ? Buffer.from(target) : target;
}

function realpathSync(path, options) {
  const real = host('fs', 'realpath', toPath(path));
  return encodingOf(options, 'utf8') === 'buffer' ? Buffer.from(real) : real;
}
realpathSync.native = realpathSync;

function chmodSync(path, mode) { host('fs', 'chmod', toPath(path), modeOf(mode)); }
function lchmodSync(path, mode) { host('fs', 'chmod', toPath(path), modeOf(mode)); }
function chownSync(path, uid, gid) { host('fs', 'chown', toPath(path), uid, gid, true); }
function lchownSync(path, uid, gid) { host('fs', 'chown', toPath(path), uid, gid, false); }
function fchmodSync(fd, mode) { host('fs', 'fchmod', fd, modeOf(mode)); }
function fchownSync() {}

function toTime(t) {
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'string' && Number.isFinite(Number(t))) return Number(t) * 1000;
  return Number(t) * 1000;
}
function utimesSync(path, atime, mtime) { host('fs', 'utimes', toPath(path), toTime(mtime)); }
function lutimesSync(path, atime, mtime) { host('fs', 'utimes', toPath(path), toTime(mtime)); }
function futimesSync() {}

function truncateSync(path, len = 0) {
  if (typeof path === 'number') return ftruncateSync(path, len);
  host('fs', 'truncate', toPath(path), len);
}

// ---- descriptors ------------------------------------------------------------------------

function openSync(path, flags, mode) {
  return host('fs', 'open', toPath(path), flagsOf(flags, 'r'), modeOf(mode, 0o666));
}

function closeSync(fd) { host('fs', 'close', fd); }

function readSync(fd, buffer, offsetOrOptions, length, position) {
  let offset = offsetOrOptions;
  if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
  if (offset === undefined) offset = 0;
  if (length === undefined) length = buffer.byteLength - offset;
  if (length === 0) return 0;
  const chunk = new Uint8Array(host('fs', 'read', fd, length, typeof position === 'number' || typeof position === 'bigint' ? Number(position) : -1));
  const target = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  target.set(chunk, offset);
  return chunk.length;
}

function writeSync(fd, buffer, offsetOrOptions, length, position) {
  let data;
  if (typeof buffer === 'string') {
    const encoding = typeof length === 'string' ? length : 'utf8';
    if (typeof offsetOrOptions === 'number') position = offsetOrOptions;
    data = toBytes(buffer, encoding);
  } else {
    let offset = offsetOrOptions;
    if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
    if (offset === undefined || offset === null) offset = 0;
    if (length === undefined || length === null) length = buffer.byteLength - offset;
    data = buffer.buffer.slice(buffer.byteOffset + offset, buffer.byteOffset + offset + length);
  }
  return host('fs', 'write', fd, data, typeof position === 'number' ? position : -1);
}

function ftruncateSync(fd, len = 0) { host('fs', 'ftruncate', fd, len); }
function fsyncSync() {}
function fdatasyncSync() {}

function opendirSync(path) {
  const dir = toPath(path);
  const entries = readdirSync(dir, { withFileTypes: true });
  let i = 0;
  return {
    path: dir,
    readSync: () => entries[i++] ?? null,
    read(cb) {
      const entry = entries[i++] ?? null;
      if (typeof cb === 'function') return void process.nextTick(cb, null, entry);
      return Promise.resolve(entry);
    },
    closeSync() {},
    close(cb) { if (typeof cb === 'function') process.nextTick(cb, null); else return Promise.resolve(); },
    async *[Symbol.asyncIterator]() { while (i < entries.length) yield entries[i++]; },
  };
}

function watch() { throw errors.notAvailable('fs.watch'); }

// ---- callback and promise forms ------------------------------------------------------------

/** The callback form of a sync function: runs it, calls back on a later turn. */
function callbackOf(syncFn, name, resultless = false) {
  const fn = function (...args) {
    const cb = args.pop();
    if (typeof cb !== 'function') throw errors.invalidArgType('cb', 'function', cb);
    let result;
    try {
      result = syncFn(...args);
    } catch (err) {
      setImmediate(cb, err);
      return;
    }
    if (resultless) setImmediate(cb, null);
    else setImmediate(cb, null, result);
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

const exists = function exists(path, cb) {
  const result = existsSync(path);
  setImmediate(cb, result);
};
exists[Symbol.for('nodejs.util.promisify.custom')] = (path) => Promise.resolve(existsSync(path));

function read(fd, buffer, offset, length, position, cb) {
  if (typeof buffer === 'function') { cb = buffer; buffer = Buffer.alloc(16384); offset = 0; length = buffer.length; position = null; }
  else if (typeof offset === 'function') { cb = offset; offset = 0; length = buffer.length; position = null; }
  else if (offset !== null && typeof offset === 'object' && typeof length === 'function') { cb = length; ({ offset = 0, length = buffer.length - offset, position = null } = offset); }
  let n;
  try {
    n = readSync(fd, buffer, offset, length, position);
  } catch (err) {
    return void setImmediate(cb, err);
  }
  setImmediate(cb, null, n, buffer);
}

function write(fd, buffer, ...rest) {
  const cb = rest.pop();
  let n;
  try {
    n = writeSync(fd, buffer, ...rest);
  } catch (err) {
    return void setImmediate(cb, err);
  }
  setImmediate(cb, null, n, buffer);
}

const fs = {
  constants, Stats, Dirent, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
  statSync, lstatSync, fstatSync, existsSync, accessSync, readFileSync, writeFileSync, appendFileSync, readdirSync,
  mkdirSync, mkdtempSync, rmdirSync, rmSync, unlinkSync, renameSync, copyFileSync, cpSync, symlinkSync, linkSync,
  readlinkSync, realpathSync, chmodSync, lchmodSync, chownSync, lchownSync, fchmodSync, fchownSync, utimesSync,
  lutimesSync, futimesSync, truncateSync, openSync, closeSync, readSync, writeSync, ftruncateSync, fsyncSync,
  fdatasyncSync, opendirSync, watch, watchFile: watch, unwatchFile() {}, exists, read, write,
};

for (const name of ['stat', 'lstat', 'fstat', 'readFile', 'readdir', 'mkdir', 'mkdtemp', 'readlink', 'realpath', 'open', 'opendir']) {
  fs[name] = callbackOf(fs[`${name}Sync`], name);
}
for (const name of ['access', 'writeFile', 'appendFile', 'rmdir', 'rm', 'unlink', 'rename', 'copyFile', 'cp', 'symlink', 'link',
  'chmod', 'lchmod', 'chown', 'lchown', 'fchmod', 'fchown', 'utimes', 'lutimes', 'futimes', 'truncate', 'close', 'ftruncate', 'fsync', 'fdatasync']) {
  fs[name] = callbackOf(fs[`${name}Sync`], name, true);
}
// realpath.native, like Node.
fs.realpath.native = fs.realpath;

Object.defineProperty(fs, 'promises', { enumerable: true, configurable: true, get: () => require('fs/promises') });

// Streams load the stream module only when used.
Object.defineProperty(fs, 'createReadStream', { enumerable: true, configurable: true, writable: true, value: (path, options) => new (require('internal/fs-streams').ReadStream)(path, options) });
Object.defineProperty(fs, 'createWriteStream', { enumerable: true, configurable: true, writable: true, value: (path, options) => new (require('internal/fs-streams').WriteStream)(path, options) });
Object.defineProperty(fs, 'ReadStream', { enumerable: true, configurable: true, get: () => require('internal/fs-streams').ReadStream });
Object.defineProperty(fs, 'WriteStream', { enumerable: true, configurable: true, get: () => require('internal/fs-streams').WriteStream });

module.exports = fs;
