// Docker's multiplexed stream ([stream, 0, 0, 0, size] frames) split back
// into stdout and stderr, across chunk boundaries.

export class Demuxer {
  private buf = new Uint8Array(0);

  constructor(private readonly onFrame: (stream: number, data: Uint8Array) => void) {}

  push(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf);
    joined.set(chunk, this.buf.length);
    let off = 0;
    while (joined.length - off >= 8) {
      const size = new DataView(joined.buffer, joined.byteOffset + off + 4, 4).getUint32(0);
      if (joined.length - off - 8 < size) break;
      this.onFrame(joined[off]!, joined.subarray(off + 8, off + 8 + size));
      off += 8 + size;
    }
    this.buf = joined.slice(off);
  }
}
