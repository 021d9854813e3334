// One end of a connected byte stream — a Unix socket connection or a TCP
// one over the virtual network: two pipes, one each way, so reads block,
// writes back-pressure, and closing one end gives the other end of file.
import { SysError } from './errno.ts';
import { OpenFile, type IoContext } from './fd.ts';
import { Pipe } from './pipe.ts';

export class ConnectedStream extends OpenFile {
  readonly kind = 'socket';
  /** shutdown(SHUT_WR) was called (or the end was released). */
  protected closedWrite = false;

  constructor(private readonly rx: Pipe, private readonly tx: Pipe) {
    super();
    rx.readers++;
    tx.writers++;
  }

  read(max: number, io: IoContext): Promise<Uint8Array | null> {
    return this.rx.read(max, io.wait);
  }

  write(data: Uint8Array, io: IoContext): Promise<number> {
    if (this.closedWrite) return Promise.reject(new SysError('EPIPE'));
    return this.tx.write(data, io.wait, io.cgroup, io.charge);
  }

  /** shutdown(SHUT_WR): the peer reads end of file; this end can still read. */
  shutdownWrite(): void {
    if (this.closedWrite) return;
    this.closedWrite = true;
    this.tx.closeWrite();
  }

  protected release(): void {
    this.shutdownWrite();
    this.rx.closeRead();
  }
}
