// base64 [-d] [-w COLS] [FILE]: encodes (wrapped at 76 columns) or decodes.
import type { Program } from '../../kernel/process.ts';
import { eachInput, err, out, parseArgs, readAll } from './lib.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function encode(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? ALPHABET[n & 63]! : '=');
  }
  return s;
}

function decode(text: string): Uint8Array | null {
  const clean = text.replace(/[\s]/g, '').replace(/=+$/, '');
  if (/[^A-Za-z0-9+/]/.test(clean)) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of clean) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 0xff; }
  }
  return out.subarray(0, o);
}

export const base64: Program = async (p) => {
  const args = await parseArgs(p, 'dw:i');
  if (!args) return 1;
  const wrap = Number(args.values.get('w') ?? 76);
  return eachInput(p, args.operands.slice(0, 1), async (fd) => {
    const data = await readAll(p, fd);
    if (args.flags.has('d')) {
      const bytes = decode(new TextDecoder().decode(data));
      if (!bytes) { await err(p, 'invalid input'); throw Object.assign(new Error('invalid'), { exit: 1 }); }
      await p.write(1, bytes);
      return;
    }
    const enc = encode(data);
    const lines = wrap > 0 ? enc.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? [] : [enc];
    await out(p, lines.map((l) => l + '\n').join(''));
  }).catch((e: { exit?: number }) => { if (e.exit) return e.exit; throw e; });
};
