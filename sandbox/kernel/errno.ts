// Errors a system call fails with, carrying the errno name and busybox-style
// description programs print (`sh: can't fork: Resource temporarily unavailable`).

const MESSAGES = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  EINTR: 'Interrupted system call',
  EIO: 'I/O error',
  EBADF: 'Bad file descriptor',
  ECHILD: 'No child process',
  EAGAIN: 'Resource temporarily unavailable',
  ENOMEM: 'Out of memory',
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  EMFILE: 'Too many open files',
  ENOSPC: 'No space left on device',
  ESPIPE: 'Illegal seek',
  EPIPE: 'Broken pipe',
  ENOEXEC: 'Exec format error',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Symbolic link loop',
  ENAMETOOLONG: 'File name too long',
  EROFS: 'Read-only file system',
  EADDRINUSE: 'Address in use',
  EADDRNOTAVAIL: 'Address not available',
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  ETIMEDOUT: 'Connection timed out',
  ENOTCONN: 'Socket not connected',
} as const;

export type Errno = keyof typeof MESSAGES;

export class SysError extends Error {
  override name = 'SysError';
  constructor(readonly errno: Errno, detail?: string) {
    super(detail ? `${detail}: ${MESSAGES[errno]}` : MESSAGES[errno]);
  }

  /** The strerror text, e.g. "Resource temporarily unavailable". */
  get description(): string {
    return MESSAGES[this.errno];
  }
}

export function strerror(errno: Errno): string {
  return MESSAGES[errno];
}
