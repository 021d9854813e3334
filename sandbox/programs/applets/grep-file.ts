// One input through grep, as busybox's grep_file reads it: each line tested,
// then printed with its `name:` and `N:` prefixes, -o's parts, -c's count,
// -l/-L's name, -m's limit and the context of -A/-B/-C — context lines take
// `-` where matches take `:`, and a `--` line separates groups that do not
// touch. The "last line printed" behind that separator is kept across files,
// as busybox keeps it.
import { SysError } from '../../kernel/errno.ts';
import type { Process } from '../../kernel/process.ts';
import type { Hit, Matcher } from './grep-match.ts';
import { lines } from './lib.ts';

export interface GrepOptions {
  invert: boolean;
  count: boolean;
  quiet: boolean;
  /** -l */
  listMatching: boolean;
  /** -L */
  listOthers: boolean;
  only: boolean;
  lineNumbers: boolean;
  /** -m N, or null */
  max: number | null;
  before: number;
  after: number;
}

/** Where output goes, with what busybox keeps between files. */
export class GrepOutput {
  withNames = false;
  private buf = '';
  private didPrint = false;
  private lastPrinted = 0;

  constructor(private readonly p: Process, private readonly opts: GrepOptions) {}

  /** busybox's print_line: the `--` separator, then `name:`/`N:` (or `-` for context) and the text. */
  line(name: string, text: string, n: number, decoration: ':' | '-'): void {
    if ((this.opts.before || this.opts.after) && this.didPrint && this.lastPrinted !== n - 1) this.buf += '--\n';
    this.didPrint = true;
    this.lastPrinted = n;
    if (this.withNames) this.buf += name + decoration;
    if (this.opts.lineNumbers) this.buf += `${n}${decoration}`;
    this.buf += `${text}\n`;
  }

  text(s: string): void { this.buf += s; }

  /** Writes what is buffered: before reading more input, before an error message, at the end. */
  async flush(): Promise<void> {
    if (!this.buf) return;
    const s = this.buf;
    this.buf = '';
    await this.p.write(1, new TextEncoder().encode(s));
  }
}

/** Thrown to stop everything at -q's first match (busybox exits 0 there). */
export class QuietMatch extends Error {}

/**
 * The lines of `fd` (lib.ts's lines, writing what was found before each read
 * that may wait). A directory read without -r reads as empty (fopen works,
 * reading fails), as in busybox.
 */
async function* readLines(p: Process, fd: number, idle: () => Promise<void>): AsyncGenerator<string> {
  try {
    yield* lines(p, fd, idle);
  } catch (e) {
    if (e instanceof SysError && e.errno === 'EISDIR') return;
    throw e;
  }
}

/** -B's last lines not printed yet: at most `size` (> 0), each new one in the place of the oldest. */
class Ring {
  private items: Array<{ text: string; n: number }> = [];
  private seen = 0;
  constructor(private readonly size: number) {}
  push(item: { text: string; n: number }): void {
    this.items[this.seen++ % this.size] = item;
  }
  drain(fn: (item: { text: string; n: number }) => void): void {
    for (let k = Math.max(0, this.seen - this.size); k < this.seen; k++) fn(this.items[k % this.size]!);
    this.items = [];
    this.seen = 0;
  }
}

/**
 * Greps one input; returns whether it counts as a match for the exit status
 * (for -L: whether its name was printed).
 */
export async function grepFile(p: Process, fd: number, name: string, matcher: () => Matcher, opts: GrepOptions, out: GrepOutput): Promise<boolean> {
  let n = 0;
  let matches = 0;
  let afterLeft = 0;
  const before = new Ring(opts.before);
  for await (const text of readLines(p, fd, () => out.flush())) {
    n++;
    const hit: Hit | null = matcher().find(text);
    if ((hit !== null) !== opts.invert) {
      matches++;
      if (opts.quiet) throw new QuietMatch();
      if (opts.listMatching) { out.text(`${name}\n`); return true; }
      if (opts.listOthers) return false;
      if (opts.max !== null && matches > opts.max) break;
      if (!opts.count) {
        before.drain((b) => out.line(name, b.text, b.n, '-'));
        afterLeft = opts.after;
        if (!opts.only) out.line(name, text, n, ':');
        // -o -v prints nothing: the selected lines are those without a match (GNU grep alike)
        else if (hit) for (const part of matcher().only(text, hit)) out.line(name, part, n, ':');
      }
    } else if (afterLeft > 0) {
      out.line(name, text, n, '-');
      afterLeft--;
    } else if (opts.before > 0) before.push({ text, n });
    if (opts.max !== null && afterLeft === 0 && matches === opts.max) break;
  }
  if (opts.count) out.text(`${out.withNames ? `${name}:` : ''}${matches}\n`);
  if (opts.listOthers) { out.text(`${name}\n`); return true; }
  return matches > 0;
}
