// Synchronous system calls from a guest running in a worker thread: the
// guest writes a request into a SharedArrayBuffer, wakes the engine with a
// message and blocks in Atomics.wait; the engine answers (at once, or later
// for calls that wait — poll, a throttled CPU slice) into the same buffer
// and notifies. Payloads larger than the buffer go in chunks. Values are
// JSON with Uint8Arrays carried as binary blobs.

/** Control words: state, payload length, more-chunks flag. */
const STATE = 0;
const LENGTH = 1;
const MORE = 2;
const IDLE = 0;
const REQUEST = 1;
const RESPONSE = 2;
const ACK = 3;
const HEADER_BYTES = 16;
export const CHANNEL_CAPACITY = 256 * 1024;

export function newChannelBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + CHANNEL_CAPACITY);
}

// ---- encoding ----------------------------------------------------------------

const BLOB = '\u0000b';

/** A value as bytes: [json length][json][blob length][blob]… */
export function encodeValue(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify(value === undefined ? { [BLOB]: -1 } : value, (_k, v: unknown) => {
    if (v instanceof Uint8Array) return { [BLOB]: blobs.push(v) - 1 };
    if (v === undefined) return { [BLOB]: -1 };
    return v;
  });
  const text = new TextEncoder().encode(json);
  let size = 4 + text.length;
  for (const b of blobs) size += 4 + b.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, text.length);
  out.set(text, 4);
  let off = 4 + text.length;
  for (const b of blobs) {
    view.setUint32(off, b.length);
    out.set(b, off + 4);
    off += 4 + b.length;
  }
  return out;
}

export function decodeValue(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0);
  const json = new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength));
  const blobs: Uint8Array[] = [];
  for (let off = 4 + jsonLength; off < bytes.length;) {
    const n = view.getUint32(off);
    blobs.push(bytes.slice(off + 4, off + 4 + n));
    off += 4 + n;
  }
  return JSON.parse(json, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && BLOB in v) {
      const i = (v as Record<string, number>)[BLOB]!;
      return i < 0 ? undefined : blobs[i];
    }
    return v;
  });
}

// ---- the guest's end ---------------------------------------------------------------

/** Blocks the calling worker until the engine answers. */
export class ChannelClient {
  private readonly ctl: Int32Array;
  private readonly data: Uint8Array;

  constructor(buffer: SharedArrayBuffer, private readonly wake: () => void) {
    this.ctl = new Int32Array(buffer, 0, 4);
    this.data = new Uint8Array(buffer, HEADER_BYTES);
  }

  call(request: unknown): unknown {
    const bytes = encodeValue(request);
    for (let off = 0; off < bytes.length || off === 0; off += CHANNEL_CAPACITY) {
      const chunk = bytes.subarray(off, off + CHANNEL_CAPACITY);
      this.data.set(chunk);
      Atomics.store(this.ctl, LENGTH, chunk.length);
      Atomics.store(this.ctl, MORE, off + CHANNEL_CAPACITY < bytes.length ? 1 : 0);
      Atomics.store(this.ctl, STATE, REQUEST);
      this.wake();
      // Wait until the engine took this chunk (IDLE) or answered (RESPONSE).
      while (Atomics.load(this.ctl, STATE) === REQUEST) Atomics.wait(this.ctl, STATE, REQUEST);
      if (off + CHANNEL_CAPACITY >= bytes.length) break;
    }
    const parts: Uint8Array[] = [];
    for (;;) {
      while (Atomics.load(this.ctl, STATE) !== RESPONSE) Atomics.wait(this.ctl, STATE, Atomics.load(this.ctl, STATE));
      parts.push(this.data.slice(0, Atomics.load(this.ctl, LENGTH)));
      if (Atomics.load(this.ctl, MORE) === 0) break;
      Atomics.store(this.ctl, STATE, ACK);
      this.wake();
    }
    Atomics.store(this.ctl, STATE, IDLE);
    return decodeValue(parts.length === 1 ? parts[0]! : concat(parts));
  }
}

// ---- the engine's end ----------------------------------------------------------------

/**
 * Serves a worker's calls: call onWake() for every message the worker sends
 * to say the buffer changed; requests go to `handle`, one at a time.
 */
export class ChannelServer {
  private readonly ctl: Int32Array;
  private readonly data: Uint8Array;
  private incoming: Uint8Array[] = [];
  private outgoing: Uint8Array | null = null;
  private outOffset = 0;
  private busy = false;

  constructor(buffer: SharedArrayBuffer, private readonly handle: (request: unknown) => Promise<unknown> | unknown) {
    this.ctl = new Int32Array(buffer, 0, 4);
    this.data = new Uint8Array(buffer, HEADER_BYTES);
  }

  onWake(): void {
    const state = Atomics.load(this.ctl, STATE);
    if (state === REQUEST && !this.busy) {
      this.incoming.push(this.data.slice(0, Atomics.load(this.ctl, LENGTH)));
      if (Atomics.load(this.ctl, MORE) === 1) {
        Atomics.store(this.ctl, STATE, IDLE);
        Atomics.notify(this.ctl, STATE);
        return;
      }
      const request = decodeValue(this.incoming.length === 1 ? this.incoming[0]! : concat(this.incoming));
      this.incoming = [];
      this.busy = true;
      void this.answer(request);
    } else if (state === ACK && this.outgoing) {
      this.sendChunk();
    }
  }

  private async answer(request: unknown): Promise<void> {
    let response: unknown;
    try {
      response = { ok: await this.handle(request) };
    } catch (e) {
      response = { error: errorShape(e) };
    }
    this.outgoing = encodeValue(response);
    this.outOffset = 0;
    this.sendChunk();
  }

  private sendChunk(): void {
    const bytes = this.outgoing!;
    const chunk = bytes.subarray(this.outOffset, this.outOffset + CHANNEL_CAPACITY);
    this.data.set(chunk);
    this.outOffset += chunk.length;
    const more = this.outOffset < bytes.length;
    Atomics.store(this.ctl, LENGTH, chunk.length);
    Atomics.store(this.ctl, MORE, more ? 1 : 0);
    if (!more) {
      this.outgoing = null;
      this.busy = false;
    }
    Atomics.store(this.ctl, STATE, RESPONSE);
    Atomics.notify(this.ctl, STATE);
  }
}

/** What crosses the channel for a failed call. */
export interface ErrorShape { kind: string; message: string; props: Record<string, unknown> }

function errorShape(e: unknown): ErrorShape {
  if (e instanceof Error) {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) props[k] = v;
    return { kind: e.constructor.name, message: e.message, props };
  }
  return { kind: 'Error', message: String(e), props: {} };
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}
