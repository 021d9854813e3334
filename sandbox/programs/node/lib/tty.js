// tty (guest code): isatty() asks the container's kernel whether a
// descriptor is a terminal (what `docker run -t` gives the process), and
// WriteStream/ReadStream are the classes of process.stdout/stdin on one —
// columns and rows, getColorDepth() and hasColors() as Node reads TERM,
// COLORTERM, NO_COLOR and FORCE_COLOR.
'use strict';

const host = require('internal/binding');
const errors = require('internal/errors');
const stdio = require('internal/stdio');
const colorDepth = require('internal/color-depth');

function isatty(fd) {
  if (!Number.isInteger(fd) || fd < 0 || fd > 2147483647) return false;
  const info = host('tty', fd);
  return info !== null && info.tty;
}

function ttyInitFailed() {
  const err = errors.nodeError(Error, 'ERR_TTY_INIT_FAILED', 'TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)');
  err.name = 'SystemError';
  err.info = { errno: -22, code: 'EINVAL', message: 'invalid argument', syscall: 'uv_tty_init' };
  err.errno = -22;
  err.syscall = 'uv_tty_init';
  return err;
}

/** As in Node, any open descriptor will do (a pipe gives a stream without a size); a closed one fails. */
class WriteStream extends stdio.WriteStream {
  constructor(fd) {
    const info = Number.isInteger(fd) && fd >= 0 ? host('tty', fd) : null;
    if (info === null) throw ttyInitFailed();
    super(fd, { tty: true, kind: 'tty', columns: info.columns, rows: info.rows });
  }

  getColorDepth(env) { return colorDepth.getColorDepth(env); }
  hasColors(count, env) { return colorDepth.hasColors(count, env); }
}

/** tty.ReadStream: a terminal's input; the playground's node reads a terminal on fd 0 only. */
function ReadStream(fd) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd);
  if (!Number.isInteger(fd) || fd < 0 || host('tty', fd) === null) throw ttyInitFailed();
  if (fd !== 0) throw errors.notAvailable(`tty.ReadStream on descriptor ${fd}`);
  return process.stdin;
}

module.exports = { isatty, WriteStream, ReadStream };
