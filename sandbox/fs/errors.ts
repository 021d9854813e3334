// Filesystem errors in the shape programs expect from a POSIX kernel: an
// errno code plus the Node-style message `ENOENT: no such file or directory,
// open '/x'`, so the userland can print what busybox would.

export type FsErrorCode =
  | 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'ELOOP'
  | 'EINVAL' | 'EACCES' | 'EPERM' | 'EROFS' | 'EXDEV' | 'ENAMETOOLONG' | 'EBUSY' | 'ENOSPC';

const descriptions: Record<FsErrorCode, string> = {
  ENOENT: 'no such file or directory',
  EEXIST: 'file already exists',
  ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory',
  ENOTEMPTY: 'directory not empty',
  ELOOP: 'too many symbolic links encountered',
  EINVAL: 'invalid argument',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EXDEV: 'cross-device link not permitted',
  ENAMETOOLONG: 'name too long',
  EBUSY: 'resource busy or locked',
  ENOSPC: 'no space left on device',
};

export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly syscall: string,
    readonly path: string,
  ) {
    super(`${code}: ${descriptions[code]}, ${syscall} '${path}'`);
    this.name = 'FsError';
  }

  /** The bare description, as `strerror` would give it ("No such file or directory"). */
  get description(): string {
    const d = descriptions[this.code];
    return d.charAt(0).toUpperCase() + d.slice(1);
  }
}

export function isFsError(e: unknown, code?: FsErrorCode): e is FsError {
  return e instanceof FsError && (code === undefined || e.code === code);
}
