// Buffered reads from a byte source (a socket, a pipe, a descriptor): what
// the protocol readers need — up to a delimiter, exactly n bytes, whatever
// is there — on top of a `read()` that returns the next chunk or null at its
// end. Used by the HTTP readers on both sides of a connection (dockerd's
// socket on the host, curl's responses).

export class BufferedReader {
  private buf = new Uint8Array(0);
  private eof = false;
  private filling: Promise<boolean> | null = null;

  /**
   * `read()`: the next chunk, or null at end of input. A failed read ends
   * the input when `failedReadEnds` (a peer gone), or is thrown to the
   * reader (a program's read interrupted by a signal must unwind it).
   */
  constructor(private readonly read: () => Promise<Uint8Array | null>, private readonly opts: { failedReadEnds: boolean } = { failedReadEnds: true }) {}

  /** Reads more (one read at a time, shared by whoever asks); false at end of input. */
  fill(): Promise<boolean> {
    if (this.eof) return Promise.resolve(false);
    this.filling ??= this.read().then((c) => {
      this.filling = null;
      if (!c) { this.eof = true; return false; }
      const next = new Uint8Array(this.buf.length + c.length);
      next.set(this.buf);
      next.set(c, this.buf.length);
      this.buf = next;
      return true;
    }, (e: unknown) => {
      this.filling = null;
      if (!this.opts.failedReadEnds) throw e;
      this.eof = true;
      return false;
    });
    return this.filling;
  }

  /** How many bytes are buffered. */
  get buffered(): number { return this.buf.length; }

  /** The first `n` buffered bytes (a copy), removed from the buffer. */
  take(n: number): Uint8Array {
    const out = this.buf.slice(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** The bytes before the next `delim` (taken with it); null when the input ends first or passes `max`. */
  async until(delim: string, max: number): Promise<Uint8Array | null> {
    const d = new TextEncoder().encode(delim);
    for (let from = 0; ;) {
      for (let i = from; i + d.length <= this.buf.length; i++) {
        let hit = true;
        for (let k = 0; k < d.length && hit; k++) hit = this.buf[i + k] === d[k];
        if (hit) { const out = this.take(i); this.take(d.length); return out; }
      }
      from = Math.max(0, this.buf.length - d.length + 1);
      if (this.buf.length > max || !(await this.fill())) return null;
    }
  }

  /** Exactly `n` bytes; null when the input ends first. */
  async exactly(n: number): Promise<Uint8Array | null> {
    while (this.buf.length < n) if (!(await this.fill())) return null;
    return this.take(n);
  }

  /** At most `n` bytes (what is buffered, or one read); null at end of input. */
  async some(n: number): Promise<Uint8Array | null> {
    if (this.buf.length === 0 && !(await this.fill())) return null;
    return this.take(Math.min(n, this.buf.length));
  }
}
