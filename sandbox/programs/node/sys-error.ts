// A failed system call as libuv reports it to Node: the errno code, the
// call, and the path(s) involved. Thrown by the engine's system calls and
// turned into Node's Error objects inside the guest.

export class SysCallError extends Error {
  constructor(readonly code: string, readonly syscall: string, readonly path?: string, readonly dest?: string) {
    super(`${code}: ${syscall}`);
  }
}
