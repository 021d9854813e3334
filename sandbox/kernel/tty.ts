// A terminal (docker run -it, exec -it): bytes typed by the client come in,
// the line discipline cooks them — echo, erase (DEL/^H), ^U, ^W, ^C → SIGINT
// and ^\ → SIGQUIT to the foreground process group, ^D → end of file — and
// output goes back with \n turned into \r\n. A program may switch to raw
// mode (a line editor, a full-screen tool) and read keys as they come. The
// window size is kept, and a resize sends SIGWINCH.
import { SysError } from './errno.ts';
import { OpenFile, type IoContext } from './fd.ts';
import { SIGINT, SIGNALS } from './signals.ts';

export interface Termios {
  /** Canonical mode: input is edited and delivered a line at a time. */
  icanon: boolean;
  echo: boolean;
  /** ^C, ^\ generate signals. */
  isig: boolean;
  /** \n → \r\n on output. */
  onlcr: boolean;
}

export interface WinSize {
  rows: number;
  cols: number;
}

/** What the terminal needs from the kernel: signalling a process group. */
export interface TtyHost {
  signalGroup(pgid: number, sig: number): void;
}

const MAX_INPUT = 64 * 1024;
const enc = new TextEncoder();

export class Tty {
  private modes: Termios = { icanon: true, echo: true, isig: true, onlcr: true };
  size: WinSize = { rows: 24, cols: 80 };
  /** Host PID of the foreground process group leader (receives ^C). */
  foreground = 0;
  private line: number[] = [];
  /** Input ready for readers (whole lines in canonical mode, any bytes in raw). */
  private ready: number[] = [];
  private eof = false;
  private hungUp = false;
  private waiters: Array<() => void> = [];
  private readonly outputs = new Set<(d: Uint8Array) => void>();

  constructor(private readonly host: TtyHost) {}

  get termios(): Termios { return this.modes; }

  /**
   * New modes (tcsetattr). Leaving canonical mode makes a line typed so far
   * readable at once, as Linux's n_tty does: what the user typed ahead
   * while a command ran reaches the shell's line editor instead of being lost.
   */
  set termios(next: Termios) {
    const wasCanonical = this.modes.icanon;
    this.modes = { ...next };
    if (wasCanonical && !next.icanon && this.line.length > 0) {
      this.ready.push(...this.line);
      this.line = [];
      this.wake();
    }
  }

  /** Subscribes to what programs write (and what echo shows). */
  onOutput(fn: (d: Uint8Array) => void): () => void {
    this.outputs.add(fn);
    return () => this.outputs.delete(fn);
  }

  private emit(bytes: Uint8Array): void {
    for (const fn of this.outputs) fn(bytes);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  /** Bytes typed by the user. */
  input(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? enc.encode(data) : data;
    for (const b of bytes) this.key(b);
    this.wake();
  }

  private echo(bytes: number[] | string): void {
    if (!this.termios.echo) return;
    this.emit(typeof bytes === 'string' ? enc.encode(bytes) : new Uint8Array(bytes));
  }

  private key(b: number): void {
    if (this.termios.isig && (b === 0x03 || b === 0x1c)) {
      this.line = [];
      this.echo(b === 0x03 ? '^C\r\n' : '^\\\r\n');
      if (this.foreground) this.host.signalGroup(this.foreground, b === 0x03 ? SIGINT : SIGNALS.SIGQUIT);
      return;
    }
    if (!this.termios.icanon) {
      if (this.ready.length < MAX_INPUT) this.ready.push(b);
      return;
    }
    switch (b) {
      case 0x04: // ^D: end of file on an empty line, else deliver the line so far
        if (this.line.length === 0) this.eof = true;
        else { this.ready.push(...this.line); this.line = []; }
        return;
      case 0x7f: case 0x08: // erase
        if (this.line.length > 0) { this.line.pop(); this.echo('\b \b'); }
        return;
      case 0x15: // ^U: kill line
        this.echo('\b \b'.repeat(this.line.length));
        this.line = [];
        return;
      case 0x17: { // ^W: erase word
        while (this.line.length && this.line[this.line.length - 1] === 0x20) { this.line.pop(); this.echo('\b \b'); }
        while (this.line.length && this.line[this.line.length - 1] !== 0x20) { this.line.pop(); this.echo('\b \b'); }
        return;
      }
      case 0x0d: case 0x0a:
        this.line.push(0x0a);
        this.echo('\r\n');
        this.ready.push(...this.line);
        this.line = [];
        return;
      default:
        if (this.line.length < MAX_INPUT) { this.line.push(b); this.echo([b]); }
    }
  }

  /**
   * Gives back input a reader took but did not use (a line editor's
   * typeahead): it goes through the line discipline again, in the current
   * mode, ahead of anything typed since.
   */
  unread(bytes: ArrayLike<number>): void {
    if (bytes.length === 0) return;
    const later = this.ready;
    this.ready = [];
    for (const b of Array.from(bytes)) this.key(b);
    this.ready.push(...later);
    this.wake();
  }

  /** The client went away: readers get EOF, writers EIO. */
  hangup(): void {
    this.hungUp = true;
    this.eof = true;
    this.wake();
  }

  resize(size: WinSize): void {
    this.size = { ...size };
    if (this.foreground) this.host.signalGroup(this.foreground, SIGNALS.SIGWINCH);
  }

  async read(max: number, wait: <T>(p: Promise<T>) => Promise<T>): Promise<Uint8Array | null> {
    for (;;) {
      if (this.ready.length > 0) {
        let n = Math.min(max, this.ready.length);
        if (this.termios.icanon) {
          const nl = this.ready.indexOf(0x0a);
          if (nl >= 0) n = Math.min(n, nl + 1);
        }
        return new Uint8Array(this.ready.splice(0, n));
      }
      if (this.eof) {
        if (!this.hungUp) this.eof = false;
        return null;
      }
      await wait(new Promise<void>((r) => this.waiters.push(r)));
    }
  }

  write(data: Uint8Array): number {
    if (this.hungUp) throw new SysError('EIO');
    if (!this.termios.onlcr) { this.emit(data.slice()); return data.length; }
    const out: number[] = [];
    for (const b of data) { if (b === 0x0a) out.push(0x0d); out.push(b); }
    this.emit(new Uint8Array(out));
    return data.length;
  }
}

/** A descriptor on a terminal (what /dev/tty and -it's 0, 1, 2 are). */
export class TtyFile extends OpenFile {
  readonly kind = 'tty';
  constructor(readonly tty: Tty) { super(); }
  read(max: number, io: IoContext): Promise<Uint8Array | null> { return this.tty.read(max, io.wait); }
  async write(data: Uint8Array): Promise<number> { return this.tty.write(data); }
  protected release(): void {}
}
