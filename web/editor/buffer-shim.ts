// dockerfile-ast (under dockerfile-utils and dockerfile-language-service)
// was written for Node: it looks for a UTF-8 byte-order mark with
// `Buffer.from(char, 'UTF-8')`, and a browser has no Buffer. The parse is
// synchronous, so a Buffer that can do just that is lent for the call and
// taken back after it: nothing else on the page ever sees a fake Buffer.

type Global = { Buffer?: unknown };

/** `Buffer.from(string)` as dockerfile-ast uses it: the string's UTF-8 bytes. */
const MiniBuffer = { from: (s: string): Uint8Array => new TextEncoder().encode(s) };

/**
 * Runs `fn` (a synchronous parse) with `globalThis.Buffer` available.
 * `withBuffer(() => validate(text))`. Where a real Buffer exists (Node,
 * Vitest) it is used as is.
 */
export function withBuffer<T>(fn: () => T): T {
  const g = globalThis as Global;
  if (g.Buffer !== undefined) return fn();
  g.Buffer = MiniBuffer;
  try {
    return fn();
  } finally {
    delete g.Buffer;
  }
}
