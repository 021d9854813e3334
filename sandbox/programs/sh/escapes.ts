// Backslash escapes as echo -e, printf and printf's %b read them. A byte
// given in octal or hex (\200, \xff) is a raw byte, not a character: it is
// carried in the string as a private-use code point and written back as
// that one byte by encodeRaw().

/** Where raw bytes 0x80–0xff live in strings (U+F780–U+F7FF). */
const RAW_BASE = 0xf700;
const enc = new TextEncoder();

/** The string form of byte `n`: itself below 0x80, else its private-use stand-in. */
export function rawByte(n: number): string {
  const b = n & 0xff;
  return String.fromCharCode(b < 0x80 ? b : RAW_BASE + b);
}

/** UTF-8, except that stand-ins for raw bytes become those bytes. */
export function encodeRaw(s: string): Uint8Array {
  if (!/[\uf780-\uf7ff]/.test(s)) return enc.encode(s);
  const parts: number[] = [];
  for (const piece of s.split(/([\uf780-\uf7ff]+)/)) {
    if (/^[\uf780-\uf7ff]+$/.test(piece)) for (const ch of piece) parts.push(ch.charCodeAt(0) - RAW_BASE);
    else parts.push(...enc.encode(piece));
  }
  return new Uint8Array(parts);
}

/** Backslash escapes of echo -e and printf's %b. */
export function unescape(s: string): string {
  return s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|[abefnrtv\\])/g, (_, e: string) => {
    switch (e[0]) {
      case '0': return rawByte(parseInt(e.slice(1) || '0', 8));
      case 'x': return rawByte(parseInt(e.slice(1), 16));
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'e': return '\x1b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'v': return '\v';
      default: return '\\';
    }
  });
}

/** What `echo [-neE] ARGS…` writes (the builtin and the applet alike). */
export function echoBytes(argv: string[]): Uint8Array {
  let args = argv;
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    for (const c of args[0].slice(1)) { if (c === 'n') newline = false; else escapes = c === 'e'; }
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) { text = text.slice(0, cut); newline = false; }
    text = unescape(text);
  }
  return encodeRaw(text + (newline ? '\n' : ''));
}
