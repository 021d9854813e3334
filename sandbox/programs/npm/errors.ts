// npm's errors and how it prints them (lib/utils/error-message.js,
// output-error.js): each error carries its code and lines as [title, text]
// pairs; printed on stderr as `npm error <title> <text>`, one prefix per
// line — first the fields (code, syscall, path, errno), then the summary,
// then the detail — and the exit status is the error's errno or 1.

/** One logged line group: a title (may be '') and its text (may hold newlines). */
export type ErrorEntry = [title: string, ...text: string[]];

export class NpmError extends Error {
  /** Extra fields npm prints after `code` (syscall, path, errno…), in order. */
  fields: Array<[string, string]> = [];
  exitCode = 1;

  constructor(readonly code: string, readonly summary: ErrorEntry[], readonly detail: ErrorEntry[] = []) {
    super(summary.map((e) => e.slice(1).join(' ')).join('\n'));
  }

  with(field: string, value: string): this {
    this.fields.push([field, value]);
    return this;
  }

  exit(code: number): this {
    this.exitCode = code;
    return this;
  }
}

/** A script that failed under a command that only shells out (run, start, test, exec): npm prints nothing and exits with its status. */
export class ScriptExit extends Error {
  constructor(readonly status: number, readonly script: string, readonly path: string) {
    super(`script exited with ${status}`);
  }

  /** How npm reports it where the command is not only a shell-out (a lifecycle script of `npm install`). */
  asError(): NpmError {
    return new NpmError(String(this.status), [['', 'command failed']], [['command', 'sh', '-c', this.script]]).with('path', this.path).exit(this.status);
  }
}

/** A usage error: the message, then the command's usage (as `this.usageError` does). */
export function usageError(message: string, usage: string): NpmError {
  return new NpmError('EUSAGE', [['', `\n${message ? `${message}\n\n` : ''}${usage}`]]);
}

/** The lines npm writes for an error (without the log-file line). */
export function errorLines(err: NpmError, color = false): string[] {
  const entries: ErrorEntry[] = [...(err.code ? [['code', err.code] as ErrorEntry] : []), ...err.fields.map(([k, v]): ErrorEntry => [k, v]), ...err.summary, ...err.detail];
  return entries.flatMap((entry) => logLines('error', entry, color));
}

/** `npm <level> <title> <line>` for each line of an entry's text (util.format joins the parts with spaces). */
export function logLines(level: 'error' | 'warn' | 'notice', [title, ...text]: ErrorEntry, color = false): string[] {
  const heading = color ? '\x1b[1mnpm\x1b[22m' : 'npm';
  const lvl = color ? `${LEVEL_COLOR[level]}${level}\x1b[39m` : level;
  const ttl = title && color ? `\x1b[94m${title}\x1b[39m` : title;
  return text.join(' ').split('\n').map((line) => [heading, lvl, ttl, line].filter((x) => x !== '').join(' '));
}

const LEVEL_COLOR = { error: '\x1b[31m', warn: '\x1b[33m', notice: '\x1b[96m' } as const;

/** A filesystem error from the playground's fs (FsError codes) as npm's error for it. */
export function fsError(e: unknown, syscall: string, path: string): NpmError {
  const code = (e as { code?: string }).code ?? 'EIO';
  const errno = ERRNO.get(code) ?? -5;
  const what = `${code}: ${DESCRIPTIONS.get(code) ?? 'i/o error'}, ${syscall} '${path}'`;
  const summary: ErrorEntry[] = [['', `Error: ${what}`]];
  const detail: ErrorEntry[] = [];
  if (code === 'EACCES' || code === 'EPERM') {
    // npm prints the error object itself here: util.inspect of Node's fs error (this one has no JavaScript stack frames to show).
    summary.splice(0, 1, ['', `[Error: ${what}] {\n  errno: ${errno},\n  code: '${code}',\n  syscall: '${syscall}',\n  path: '${path}'\n}`]);
    detail.push(['', '\nThe operation was rejected by your operating system.\nIt is likely you do not have the permissions to access this file as the current user\n\nIf you believe this might be a permissions issue, please double-check the\npermissions of the file and its containing directories, or try running\nthe command again as root/Administrator.']);
  } else if (code === 'ENOSPC') {
    summary.splice(0, 1, ['nospc', what]);
    detail.push(['nospc', 'There appears to be insufficient space on your system to finish.\nClear up some disk space and try again.']);
  }
  return new NpmError(code, summary, detail).with('syscall', syscall).with('path', path).with('errno', String(errno)).exit(errno & 0xff);
}

const ERRNO = new Map([['ENOENT', -2], ['EACCES', -13], ['EPERM', -1], ['EEXIST', -17], ['ENOTDIR', -20], ['EISDIR', -21], ['ENOSPC', -28], ['EROFS', -30], ['ENOTEMPTY', -39], ['ELOOP', -40]]);
const DESCRIPTIONS = new Map([
  ['ENOENT', 'no such file or directory'], ['EACCES', 'permission denied'], ['EPERM', 'operation not permitted'],
  ['EEXIST', 'file already exists'], ['ENOTDIR', 'not a directory'], ['EISDIR', 'illegal operation on a directory'],
  ['ENOSPC', 'no space left on device'], ['EROFS', 'read-only file system'], ['ENOTEMPTY', 'directory not empty'],
  ['ELOOP', 'too many symbolic links encountered'],
]);
