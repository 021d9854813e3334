// head [-n N] [-c N] [FILE]...: the first lines (or bytes); stops reading early.
// Counts take busybox's suffixes (b 512, k 1024, m 1048576: `head -c 2m`);
// a negative count prints all but the last N lines or bytes, as busybox does.
import type { Program } from '../../kernel/process.ts';
import { eachInput, err, lines, out, parseArgs } from './lib.ts';

const SUFFIXES = new Map([['', 1], ['b', 512], ['k', 1024], ['m', 1024 * 1024]]);

/** A count as busybox's xatoul_sfx reads it for head (`10`, `-3`, `2k`), or null when invalid. */
export function headCount(text: string): number | null {
  const m = /^(-?)(\d+)([bkm]?)$/.exec(text);
  if (!m) return null;
  const n = Number(m[2]) * SUFFIXES.get(m[3]!)!;
  if (!Number.isSafeInteger(n)) return null;
  return m[1] ? -n : n;
}

export const head: Program = async (p) => {
  // `head -5` (the old form) only as the first argument: `-c -2` is a count.
  const argv = p.argv.slice(1).map((a, i) => (i === 0 && /^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const args = await parseArgs(p, 'n:c:qv', argv);
  if (!args) return 1;
  const nText = args.values.get('n') ?? '10';
  const n = headCount(nText);
  if (n === null) { await err(p, `invalid number '${nText}'`); return 1; }
  const cText = args.values.get('c');
  const bytes = cText === undefined ? null : headCount(cText);
  if (bytes === null && cText !== undefined) { await err(p, `invalid number '${cText}'`); return 1; }
  const many = args.operands.length > 1;
  let first = true;
  return eachInput(p, args.operands, async (fd, name) => {
    if (many) { await out(p, `${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`); first = false; }
    if (bytes !== null && bytes >= 0) {
      let left = bytes;
      while (left > 0) {
        const c = await p.read(fd, Math.min(left, 64 * 1024));
        if (!c) break;
        await p.write(1, c);
        left -= c.length;
      }
      return;
    }
    if (bytes !== null) {
      // All but the last |bytes| bytes: hold that many back until the end.
      const keep = -bytes;
      let held = new Uint8Array(0);
      for (;;) {
        const c = await p.read(fd, 64 * 1024);
        if (!c) break;
        const all = new Uint8Array(held.length + c.length);
        all.set(held);
        all.set(c, held.length);
        if (all.length > keep) await p.write(1, all.subarray(0, all.length - keep));
        held = all.slice(Math.max(0, all.length - keep));
      }
      return;
    }
    if (n === 0) return;
    if (n < 0) {
      // All but the last |n| lines: a ring of the last |n|, each printed as a newer one takes its place.
      const keep = -n;
      const ring: string[] = [];
      let seen = 0;
      for await (const line of lines(p, fd)) {
        if (seen >= keep) await out(p, ring[seen % keep] + '\n');
        ring[seen % keep] = line;
        seen++;
      }
      return;
    }
    let count = 0;
    for await (const line of lines(p, fd)) {
      await out(p, line + '\n');
      if (++count >= n) break;
    }
  });
};
