// AF_UNIX stream sockets bound to a path — how dockerd listens on
// /var/run/docker.sock and how `curl --unix-socket` reaches it. A server
// binds a path of its kernel; connect() by path checks the file as Linux
// does (ENOENT when nothing is there, EACCES without write permission on
// it) and then finds the bound socket: ECONNREFUSED when the file is not
// one, or its server has gone. A connection is two pipes, one each way,
// so reads block, writes back-pressure and closing one end gives the
// other end of file.
import { normalizePath } from '../fs/path.ts';
import type { TreeFs } from '../fs/tree-fs.ts';
import { SysError } from './errno.ts';
import { ConnectedStream } from './stream.ts';
import { Pipe } from './pipe.ts';
import type { Credentials } from './task.ts';
import { mayAccess, sysErrorOf, W_OK } from './vfs.ts';

/** One end of a Unix stream connection. */
export class UnixStream extends ConnectedStream {}

/** Told of each new connection: its server end (retained once for the server; drop() it when done). */
export type UnixAcceptor = (conn: UnixStream) => void;

/** A kernel's bound Unix sockets, by the path they were bound at. */
export class UnixSockets {
  private readonly bound = new Map<string, UnixAcceptor>();

  /**
   * bind + listen on `path` (absolute, its symlinks resolved); the file
   * itself is the caller's to create. Returns the close.
   * @example
   *   const close = kernel.unix.bind('/run/docker.sock', (conn) => serve(conn));
   */
  bind(path: string, accept: UnixAcceptor): () => void {
    const at = normalizePath(path, '/');
    if (this.bound.has(at)) throw new SysError('EADDRINUSE');
    this.bound.set(at, accept);
    return () => { if (this.bound.get(at) === accept) this.bound.delete(at); };
  }

  /**
   * connect(2) to `path` (absolute) as `creds` on `fs`: the client's end,
   * once the server has been handed its own.
   */
  connect(fs: TreeFs, path: string, creds: Credentials): UnixStream {
    let real: string;
    try {
      real = fs.realpathSync(path);
      const st = fs.statSync(real);
      if (!mayAccess(st, creds, W_OK)) throw new SysError('EACCES');
    } catch (e) {
      throw sysErrorOf(e);
    }
    const accept = this.bound.get(real);
    if (!accept) throw new SysError('ECONNREFUSED');
    const up = new Pipe();
    const down = new Pipe();
    const client = new UnixStream(down, up);
    const server = new UnixStream(up, down).retain();
    accept(server);
    return client;
  }
}
