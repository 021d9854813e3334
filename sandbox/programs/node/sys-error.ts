// A failed system call as libuv reports it to Node: the errno code, the
// call, and the path(s) involved. Thrown by the engine's system calls and
// turned into Node's Error objects inside the guest.

/** The process was killed while a guest ran: unwinds the host side. */
export class GuestKilled extends Error {
  constructor(readonly signal: number) { super(`killed by signal ${signal}`); }
}

export class SysCallError extends Error {
  constructor(readonly code: string, readonly syscall: string, readonly path?: string, readonly dest?: string) {
    super(`${code}: ${syscall}`);
  }
}
