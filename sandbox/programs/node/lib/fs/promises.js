// fs/promises (guest code): the promise forms of fs, and FileHandle.
'use strict';

const fs = require('fs');

/** Runs a sync fs function on a later turn and settles with its result. */
function later(fn) {
  return (...args) => new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(fn(...args));
      } catch (err) {
        reject(err);
      }
    });
  });
}

class FileHandle {
  constructor(fd) { this.fd = fd; }
  stat(options) { return later(fs.fstatSync)(this.fd, options); }
  readFile(options) { return later(fs.readFileSync)(this.fd, options); }
  writeFile(data, options) { return later(fs.writeFileSync)(this.fd, data, options); }
  appendFile(data, options) { return later(fs.writeFileSync)(this.fd, data, options); }
  read(buffer, offset, length, position) {
    if (buffer === undefined || (buffer !== null && typeof buffer === 'object' && !ArrayBuffer.isView(buffer))) {
      const opts = buffer || {};
      buffer = opts.buffer || Buffer.alloc(16384);
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = opts);
    }
    return later(() => ({ bytesRead: fs.readSync(this.fd, buffer, offset, length, position), buffer }))();
  }
  write(buffer, ...rest) { return later(() => ({ bytesWritten: fs.writeSync(this.fd, buffer, ...rest), buffer }))(); }
  truncate(len) { return later(fs.ftruncateSync)(this.fd, len); }
  chmod(mode) { return later(fs.fchmodSync)(this.fd, mode); }
  sync() { return Promise.resolve(); }
  datasync() { return Promise.resolve(); }
  close() { return later(fs.closeSync)(this.fd); }
  createReadStream(options) { return fs.createReadStream(null, { ...options, fd: this.fd }); }
  createWriteStream(options) { return fs.createWriteStream(null, { ...options, fd: this.fd }); }
  async *readLines() {
    const text = fs.readFileSync(this.fd, 'utf8');
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    yield* lines;
  }
}

const promises = { constants: fs.constants, FileHandle };
for (const name of ['stat', 'lstat', 'readFile', 'writeFile', 'appendFile', 'readdir', 'mkdir', 'mkdtemp', 'rmdir', 'rm',
  'unlink', 'rename', 'copyFile', 'cp', 'symlink', 'link', 'readlink', 'realpath', 'chmod', 'lchmod', 'chown', 'lchown',
  'utimes', 'lutimes', 'truncate', 'access', 'opendir']) {
  promises[name] = later(fs[`${name}Sync`]);
}
promises.open = later((path, flags, mode) => new FileHandle(fs.openSync(path, flags, mode)));
promises.watch = () => { throw require('internal/errors').notAvailable('fs.promises.watch'); };

module.exports = promises;
