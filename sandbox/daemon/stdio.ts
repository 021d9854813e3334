// A container process's standard streams, as `docker run`/`exec` set them up:
// with -t, descriptors 0, 1 and 2 are one terminal whose output is the
// process's stdout; with -i (no -t), stdin is a pipe the attached client
// writes into; otherwise stdin is /dev/null. Stdout and stderr go to the
// callbacks (a container's log, an exec's stream).
import { FdTable, NullFile, PipeReadEnd, SinkFile } from '../kernel/fd.ts';
import { Pipe } from '../kernel/pipe.ts';
import { Tty, TtyFile, type TtyHost, type WinSize } from '../kernel/tty.ts';

export interface StdioOptions {
  tty?: boolean;
  openStdin?: boolean;
  onStdout: (d: Uint8Array) => void;
  onStderr: (d: Uint8Array) => void;
}

/** The client's side: what `docker attach` or an exec stream writes and resizes. */
export interface StdioHandle {
  fds: FdTable;
  tty: Tty | null;
  /** Bytes from the client (keys on a terminal). Ignored when stdin is not open. */
  input(data: Uint8Array | string): void;
  /** The client closed its stdin: the process reads end of file. */
  closeInput(): void;
  resize(size: WinSize): void;
}

const enc = new TextEncoder();

export function makeStdio(host: TtyHost, o: StdioOptions): StdioHandle {
  const fds = new FdTable();
  if (o.tty) {
    const tty = new Tty(host);
    tty.onOutput(o.onStdout);
    const file = new TtyFile(tty);
    fds.set(0, file);
    fds.set(1, file);
    fds.set(2, file);
    return {
      fds, tty,
      input: (d) => { if (o.openStdin) tty.input(d); },
      closeInput: () => { if (o.openStdin) tty.input(new Uint8Array([0x04])); },
      resize: (s) => tty.resize(s),
    };
  }
  fds.set(1, new SinkFile(o.onStdout));
  fds.set(2, new SinkFile(o.onStderr));
  if (!o.openStdin) {
    fds.set(0, new NullFile());
    return { fds, tty: null, input: () => {}, closeInput: () => {}, resize: () => {} };
  }
  const pipe = new Pipe();
  fds.set(0, new PipeReadEnd(pipe));
  pipe.writers++;
  let open = true;
  // Writes are queued in order; a full pipe holds the client back, as a socket would.
  let chain = Promise.resolve();
  return {
    fds, tty: null,
    input: (d) => {
      if (!open) return;
      const bytes = typeof d === 'string' ? enc.encode(d) : d.slice();
      chain = chain.then(() => pipe.write(bytes, (p) => p).then(() => {}, () => { /* reader gone: dropped */ }));
    },
    closeInput: () => {
      if (!open) return;
      open = false;
      chain = chain.then(() => pipe.closeWrite());
    },
    resize: () => {},
  };
}
