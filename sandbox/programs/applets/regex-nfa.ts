// POSIX's leftmost-longest match: a parsed regexp (regex-parse.ts) as a
// Thompson automaton, run without backtracking over every state at once. It
// finds the leftmost place where a match starts and the farthest place where
// one from there ends (POSIX regexec's rule; JavaScript would stop at the
// first alternative that fits, and its backtracking can take quadratic or
// exponential time: /a*b/ on a long run of a's). Each character costs at
// most one visit per state, so a search is linear in the text it reads.
// Back-references are beyond an automaton: the caller keeps JavaScript's
// answer for those patterns.
import { WORD, type AssertKind, type Node } from './regex-parse.ts';

const CHAR = 0, ANY = 1, SET = 2, SPLIT = 3, JMP = 4, ASSERT = 5, MATCH = 6;
const ASSERTS: AssertKind[] = ['^', '$', '<', '>', 'b', 'B'];
/** More states than this (large counted repetitions) and the caller keeps JavaScript's answer. */
export const MAX_STATES = 20_000;

/** A bracket expression's test: a bitmap for the first 256 code units, ranges beyond. */
interface CharSet { bits: Uint8Array; ranges: number[]; negate: boolean }

function charSet(ranges: number[], negate: boolean, icase: boolean): CharSet {
  const bits = new Uint8Array(256);
  for (let k = 0; k < ranges.length; k += 2) {
    for (let c = ranges[k]!; c <= Math.min(ranges[k + 1]!, 255); c++) bits[c] = 1;
  }
  if (icase) for (let c = 0; c < 256; c++) if (bits[c]) { bits[lower(c)] = 1; bits[upper(c)] = 1; }
  return { bits, ranges, negate };
}

function lower(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const s = String.fromCharCode(c).toLowerCase();
  return s.length === 1 ? s.charCodeAt(0) : c;
}

function upper(c: number): number {
  if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
  const s = String.fromCharCode(c).toUpperCase();
  return s.length === 1 ? s.charCodeAt(0) : c;
}

function inRanges(ranges: number[], c: number): boolean {
  for (let k = 0; k < ranges.length; k += 2) if (c >= ranges[k]! && c <= ranges[k + 1]!) return true;
  return false;
}

function setHas(set: CharSet, c: number, icase: boolean): boolean {
  let hit: boolean;
  if (c < 256) hit = set.bits[c] === 1;
  else hit = inRanges(set.ranges, c) || (icase && (inRanges(set.ranges, lower(c)) || inRanges(set.ranges, upper(c))));
  return hit !== set.negate;
}

const isWord = (c: number): boolean => c === c && inRanges(WORD, c); // NaN (outside the text) is not

/** How many states `node` needs, stopping early past the limit. */
function size(node: Node): number {
  switch (node.t) {
    case 'char': case 'any': case 'set': case 'assert': case 'backref': return 1;
    case 'group': return size(node.body);
    case 'cat': return node.items.reduce((n, item) => Math.min(n + size(item), MAX_STATES + 1), 0);
    case 'alt': return node.items.reduce((n, item) => Math.min(n + size(item) + 2, MAX_STATES + 1), 0);
    case 'rep': {
      const copies = node.max === Infinity ? node.min + 1 : node.max;
      return Math.min(size(node.body) * Math.max(copies, 1) + copies + 2, MAX_STATES + 1);
    }
  }
}

/** The automaton of one regexp; `search` runs it. */
export class Nfa {
  private readonly op: number[] = [];
  private readonly x: number[] = [];
  private readonly y: number[] = [];
  private readonly sets: CharSet[] = [];
  private mark = new Uint32Array(0);
  private gen = 0;
  private curPc = new Int32Array(0);
  private curStart = new Int32Array(0);
  private nextPc = new Int32Array(0);
  private nextStart = new Int32Array(0);
  private stack = new Int32Array(0);
  /** The start of the thread that reached MATCH in the last `close`, or -1. */
  private hit = -1;
  /** Which code units below 256 can begin a match (null: any place may, e.g. the pattern can match empty). */
  private first: Uint8Array | null = null;
  private firstHigh = false;

  /** The automaton for `root`, or null when it has back-references or would be too large. */
  static build(root: Node, icase: boolean): Nfa | null {
    if (size(root) > MAX_STATES) return null;
    const nfa = new Nfa(icase);
    if (!nfa.emit(root)) return null;
    nfa.push(MATCH);
    const n = nfa.op.length;
    nfa.mark = new Uint32Array(n);
    nfa.curPc = new Int32Array(n);
    nfa.curStart = new Int32Array(n);
    nfa.nextPc = new Int32Array(n);
    nfa.nextStart = new Int32Array(n);
    nfa.stack = new Int32Array(2 * n + 2);
    nfa.firstChars();
    return nfa;
  }

  private constructor(private readonly icase: boolean) {}

  /** Fills `first` from the states reachable before reading anything (none when an assertion or MATCH is among them). */
  private firstChars(): void {
    const first = new Uint8Array(256);
    const seen = new Set<number>();
    const todo = [0];
    while (todo.length) {
      const at = todo.pop()!;
      if (seen.has(at)) continue;
      seen.add(at);
      const op = this.op[at];
      if (op === JMP) todo.push(this.x[at]!);
      else if (op === SPLIT) todo.push(this.x[at]!, this.y[at]!);
      else if (op === ASSERT || op === MATCH || op === ANY) return;
      else if (op === CHAR) {
        for (const c of [this.x[at]!, this.y[at]!]) if (c < 256) first[c] = 1; else this.firstHigh = true;
        if (this.icase && this.x[at]! >= 128) this.firstHigh = true;
      } else {
        const set = this.sets[this.x[at]!]!;
        for (let c = 0; c < 256; c++) if (setHas(set, c, this.icase)) first[c] = 1;
        this.firstHigh = true;
      }
    }
    this.first = first;
  }

  private push(op: number, x = 0, y = 0): number {
    this.op.push(op); this.x.push(x); this.y.push(y);
    return this.op.length - 1;
  }

  private emit(node: Node): boolean {
    switch (node.t) {
      case 'char': this.push(CHAR, node.c, this.icase ? (lower(node.c) === node.c ? upper(node.c) : lower(node.c)) : node.c); return true;
      case 'any': this.push(ANY); return true;
      case 'set': this.sets.push(charSet(node.ranges, node.negate, this.icase)); this.push(SET, this.sets.length - 1); return true;
      case 'assert': this.push(ASSERT, ASSERTS.indexOf(node.k)); return true;
      case 'backref': return false;
      case 'group': return this.emit(node.body);
      case 'cat': return node.items.every((item) => this.emit(item));
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < node.items.length; k++) {
          const last = k === node.items.length - 1;
          const split = last ? -1 : this.push(SPLIT);
          if (!last) this.x[split] = split + 1;
          if (!this.emit(node.items[k]!)) return false;
          if (!last) { jumps.push(this.push(JMP)); this.y[split] = this.op.length; }
        }
        for (const j of jumps) this.x[j] = this.op.length;
        return true;
      }
      case 'rep': {
        for (let k = 0; k < node.min; k++) if (!this.emit(node.body)) return false;
        if (node.max === Infinity) {
          const loop = this.push(SPLIT, 0, 0);
          this.x[loop] = loop + 1;
          if (!this.emit(node.body)) return false;
          this.push(JMP, loop);
          this.y[loop] = this.op.length;
          return true;
        }
        const splits: number[] = [];
        for (let k = node.min; k < node.max; k++) {
          const split = this.push(SPLIT);
          this.x[split] = split + 1;
          splits.push(split);
          if (!this.emit(node.body)) return false;
        }
        for (const s of splits) this.y[s] = this.op.length;
        return true;
      }
    }
  }

  private holds(kind: number, s: string, pos: number): boolean {
    switch (ASSERTS[kind]) {
      case '^': return pos === 0;
      case '$': return pos === s.length;
      case '<': return !isWord(s.charCodeAt(pos - 1)) && isWord(s.charCodeAt(pos));
      case '>': return isWord(s.charCodeAt(pos - 1)) && !isWord(s.charCodeAt(pos));
      case 'b': return isWord(s.charCodeAt(pos - 1)) !== isWord(s.charCodeAt(pos));
      default: return isWord(s.charCodeAt(pos - 1)) === isWord(s.charCodeAt(pos));
    }
  }

  /**
   * Adds the thread (state `pc`, match started at `start`) and every state
   * reachable from it without reading (splits, jumps, assertions that hold at
   * `pos`) to the list; returns the new count. A state already in the list
   * keeps its thread: threads come in order of start, so the earlier start
   * wins. Reaching MATCH sets `hit` to the thread's start.
   */
  private close(pcs: Int32Array, starts: Int32Array, count: number, pc: number, start: number, s: string, pos: number): number {
    const { op, x, y, mark, stack, gen } = this;
    let top = 0;
    stack[top++] = pc;
    while (top > 0) {
      const at = stack[--top]!;
      if (mark[at] === gen) continue;
      mark[at] = gen;
      switch (op[at]) {
        case JMP: stack[top++] = x[at]!; break;
        case SPLIT: stack[top++] = y[at]!; stack[top++] = x[at]!; break;
        case ASSERT: if (this.holds(x[at]!, s, pos)) stack[top++] = at + 1; break;
        case MATCH: this.hit = start; break;
        default: pcs[count] = at; starts[count++] = start;
      }
    }
    return count;
  }

  private nextGen(): void {
    if (++this.gen === 0xffffffff) { this.mark.fill(0); this.gen = 1; }
  }

  /** Whether the state at `at` reads the code unit `c`. */
  private reads(at: number, c: number): boolean {
    switch (this.op[at]) {
      case CHAR: return c === this.x[at] || c === this.y[at] || (this.icase && c >= 128 && lower(c) === lower(this.x[at]!));
      case ANY: return true;
      default: return setHas(this.sets[this.x[at]!]!, c, this.icase);
    }
  }

  /** The first place at or after `pos` where a match may start (by its first character), or -1. */
  private skip(s: string, pos: number): number {
    const first = this.first;
    if (!first) return pos <= s.length ? pos : -1;
    for (; pos < s.length; pos++) {
      const c = s.charCodeAt(pos);
      if (c < 256 ? first[c] === 1 : this.firstHigh) return pos;
    }
    return -1;
  }

  /**
   * The leftmost-longest match at or after `from` as [start, end], or null;
   * with `any`, the first match found (enough to know there is one). A new
   * thread starts at each place until a match is found; threads that started
   * later than it are dropped; the run ends when no thread is left.
   * @example Nfa.build(parsePosix('a|ab', true).root, false)!.search('xabc', 0) // [1, 3]
   */
  search(s: string, from: number, any = false): [number, number] | null {
    let { curPc, curStart, nextPc, nextStart } = this;
    let bestStart = -1;
    let bestEnd = -1;
    let pos = this.skip(s, from);
    if (pos < 0) return null;
    this.nextGen();
    this.hit = -1;
    let n = this.close(curPc, curStart, 0, 0, pos, s, pos);
    if (this.hit >= 0) { bestStart = bestEnd = pos; if (any) return [pos, pos]; }
    while (pos < s.length) {
      if (n === 0) {
        if (bestStart >= 0) break;
        pos = this.skip(s, pos + 1);
        if (pos < 0) break;
        this.nextGen();
        this.hit = -1;
        n = this.close(curPc, curStart, 0, 0, pos, s, pos);
        if (this.hit >= 0) { bestStart = bestEnd = pos; if (any) return [pos, pos]; }
        continue;
      }
      const c = s.charCodeAt(pos);
      this.nextGen();
      let m = 0;
      for (let k = 0; k < n; k++) {
        const start = curStart[k]!;
        if (bestStart >= 0 && start > bestStart) break;
        if (!this.reads(curPc[k]!, c)) continue;
        this.hit = -1;
        m = this.close(nextPc, nextStart, m, curPc[k]! + 1, start, s, pos + 1);
        if (this.hit >= 0 && (bestStart < 0 || this.hit < bestStart || (this.hit === bestStart && pos + 1 > bestEnd))) {
          bestStart = this.hit;
          bestEnd = pos + 1;
          if (any) return [bestStart, bestEnd];
        }
      }
      pos++;
      if (bestStart < 0 && this.skip(s, pos) === pos) {
        this.hit = -1;
        m = this.close(nextPc, nextStart, m, 0, pos, s, pos);
        if (this.hit >= 0) { bestStart = bestEnd = pos; if (any) return [pos, pos]; }
      }
      [curPc, nextPc] = [nextPc, curPc];
      [curStart, nextStart] = [nextStart, curStart];
      n = m;
    }
    return bestStart < 0 ? null : [bestStart, bestEnd];
  }
}
