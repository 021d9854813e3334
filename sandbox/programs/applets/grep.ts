// grep [-ivncqlEFwxhHos] [-e PATTERN]... [-f FILE]... [PATTERN] [FILE]...:
// POSIX basic regexps by default (regex-lib.ts), -E extended, -F fixed
// strings. Each -e, each line of a -f file and each line of a pattern is a
// pattern of its own; a line matches when any of them does.
import type { Process, Program } from '../../kernel/process.ts';
import { describe, eachInput, err, lines, openInput, out, parseArgs, readAll } from './lib.ts';
import { posixToJs, RegexError } from './regex-lib.ts';

/** The patterns as RegExps (flags g and s), or the message of the first one regcomp rejects. */
function compile(patterns: string[], opts: { fixed: boolean; extended: boolean; icase: boolean; word: boolean; line: boolean }): RegExp[] | string {
  const res: RegExp[] = [];
  for (const pattern of patterns) {
    try {
      let source = opts.fixed ? pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixToJs(pattern, opts.extended);
      if (opts.word) source = `\\b(?:${source})\\b`;
      if (opts.line) source = `^(?:${source})$`;
      res.push(new RegExp(source, opts.icase ? 'gsi' : 'gs'));
    } catch (e) {
      // busybox's xregcomp: "bad regex 'PATTERN': regerror text"
      return `bad regex '${pattern}'${e instanceof RegexError ? `: ${e.message}` : ''}`;
    }
  }
  return res;
}

/** The lines of -f FILE ('-' is stdin). */
async function patternFile(p: Process, name: string): Promise<string[]> {
  const fd = openInput(p, name);
  const text = new TextDecoder().decode(await readAll(p, fd));
  if (fd !== 0) p.close(fd);
  if (text === '') return [];
  const list = text.split('\n');
  if (text.endsWith('\n')) list.pop();
  return list;
}

export const grep: Program = async (p) => {
  const args = await parseArgs(p, 'ivncqlEFwxhHe:f:sor');
  if (!args) return 2;
  const f = args.flags;
  const ops = [...args.operands];
  const patterns: string[] = [];
  for (const e of args.lists.get('e') ?? []) patterns.push(...e.split('\n'));
  for (const name of args.lists.get('f') ?? []) {
    try { patterns.push(...(await patternFile(p, name))); } catch (e) { await err(p, `${name}: ${describe(e)}`); return 2; }
  }
  if (!args.lists.has('e') && !args.lists.has('f')) {
    const pattern = ops.shift();
    if (pattern === undefined) { await err(p, 'usage: grep [-ivncqlEFwx] PATTERN [FILE]...'); return 2; }
    patterns.push(...pattern.split('\n'));
  }
  const res = compile(patterns, {
    fixed: f.has('F') || p.argv[0]?.endsWith('fgrep') === true,
    extended: f.has('E') || p.argv[0]?.endsWith('egrep') === true,
    icase: f.has('i'), word: f.has('w'), line: f.has('x'),
  });
  if (typeof res === 'string') { await err(p, res); return 2; }
  const names = ops.length > 1 || f.has('H');
  let matched = false;
  const status = await eachInput(p, ops, async (fd, name) => {
    let count = 0;
    let n = 0;
    for await (const line of lines(p, fd)) {
      n++;
      if (res.some((re) => { re.lastIndex = 0; return re.test(line); }) === f.has('v')) continue;
      matched = true;
      count++;
      if (f.has('q')) return;
      if (f.has('l')) { await out(p, `${name}\n`); return; }
      if (f.has('c')) continue;
      const prefix = `${names && !f.has('h') ? `${name}:` : ''}${f.has('n') ? `${n}:` : ''}`;
      if (!f.has('o')) await out(p, `${prefix}${line}\n`);
      else if (!f.has('v')) for (const m of nonEmptyMatches(res, line)) await out(p, `${prefix}${m}\n`);
    }
    if (f.has('c')) await out(p, `${names ? `${name}:` : ''}${count}\n`);
  });
  if (status !== 0 && !f.has('s')) return 2;
  return matched ? 0 : 1;
};

/**
 * Each non-empty match in the line, left to right: at each place the earliest
 * match of any pattern, the longest of those that start there (-o -v prints
 * none, as GNU grep; busybox crashes).
 */
function nonEmptyMatches(res: RegExp[], line: string): string[] {
  const found: string[] = [];
  for (let at = 0; at <= line.length;) {
    let best: RegExpExecArray | null = null;
    for (const re of res) {
      re.lastIndex = at;
      const m = re.exec(line);
      if (m && (!best || m.index < best.index || (m.index === best.index && m[0].length > best[0].length))) best = m;
    }
    if (!best) break;
    if (best[0]) found.push(best[0]);
    at = best.index + Math.max(1, best[0].length);
  }
  return found;
}
