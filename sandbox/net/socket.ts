// TCP over the virtual network: a connection is a ConnectedStream (two pipes, one each way,
// so reads block, writes back-pressure and closing one side gives the other
// end of file); a listener queues connections until accept() takes them.
import { SysError } from '../kernel/errno.ts';
import { OpenFile, type IoContext } from '../kernel/fd.ts';
import { ConnectedStream } from '../kernel/stream.ts';
import type { ListenerFile } from '../kernel/netns.ts';
import { Pipe } from '../kernel/pipe.ts';

/** One end of a TCP connection (its writes counted on its interface; a peer gone is ECONNRESET). */
export class StreamSocket extends ConnectedStream {
  constructor(
    rx: Pipe, tx: Pipe, readonly local: string, readonly remote: string,
    /** Told of each write (interface counters). */
    private readonly onSent: (n: number) => void = () => {},
  ) {
    super(rx, tx);
  }

  override write(data: Uint8Array, io: IoContext): Promise<number> {
    if (this.closedWrite) return super.write(data, io);
    this.onSent(data.length);
    return super.write(data, io).catch((e: unknown) => {
      throw e instanceof SysError && e.errno === 'EPIPE' ? new SysError('ECONNRESET') : e;
    });
  }
}

/** A connected pair: [client end, server end]. */
export function socketPair(clientAddr: string, serverAddr: string, counters?: { client: (n: number) => void; server: (n: number) => void }): [StreamSocket, StreamSocket] {
  const up = new Pipe();
  const down = new Pipe();
  return [new StreamSocket(down, up, clientAddr, serverAddr, counters?.client), new StreamSocket(up, down, serverAddr, clientAddr, counters?.server)];
}

const BACKLOG = 128;

/** A listening socket bound to ip:port. */
export class ListenSocket extends OpenFile implements ListenerFile {
  readonly kind = 'socket';
  private readonly queue: StreamSocket[] = [];
  private waiters: Array<() => void> = [];
  closed = false;

  constructor(readonly ip: string, readonly port: number, private readonly onClose: () => void) { super(); }

  /** A client connects: its server end waits in the backlog. False when the backlog is full. */
  enqueue(server: StreamSocket): boolean {
    if (this.closed || this.queue.length >= BACKLOG) return false;
    this.queue.push(server.retain());
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
    return true;
  }

  async accept(io: IoContext): Promise<OpenFile> {
    for (;;) {
      const s = this.queue.shift();
      if (s) { s.refs--; return s; }
      if (this.closed) throw new SysError('EINVAL');
      await io.wait(new Promise<void>((r) => this.waiters.push(r)));
    }
  }

  async read(): Promise<Uint8Array | null> { throw new SysError('ENOTCONN'); }
  async write(): Promise<number> { throw new SysError('ENOTCONN'); }

  protected release(): void {
    this.closed = true;
    for (const s of this.queue.splice(0)) s.drop();
    this.onClose();
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }
}
