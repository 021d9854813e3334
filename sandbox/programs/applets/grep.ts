// grep [-ivncqlEFwxhHo] [-e] PATTERN [FILE]...: BRE by default, -E extended, -F fixed.
import type { Program } from '../../kernel/process.ts';
import { eachInput, err, lines, out, parseArgs } from './lib.ts';
import { posixToJs, RegexError } from './regex-lib.ts';

export const grep: Program = async (p) => {
  const args = await parseArgs(p, 'ivncqlEFwxhHe:sor');
  if (!args) return 1;
  const f = args.flags;
  const ops = [...args.operands];
  const pattern = args.values.get('e') ?? ops.shift();
  if (pattern === undefined) { await err(p, 'usage: grep [-ivncqlEFwx] PATTERN [FILE]...'); return 2; }
  const extended = f.has('E') || p.argv[0]?.endsWith('egrep') === true;
  let re: RegExp;
  try {
    let source = f.has('F') || p.argv[0]?.endsWith('fgrep') ? pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixToJs(pattern, extended);
    if (f.has('w')) source = `\\b(?:${source})\\b`;
    if (f.has('x')) source = `^(?:${source})$`;
    re = new RegExp(source, f.has('i') ? 'gsi' : 'gs');
  } catch (e) {
    // busybox's xregcomp: "bad regex 'PATTERN': regerror text"
    await err(p, `bad regex '${pattern}'${e instanceof RegexError ? `: ${e.message}` : ''}`);
    return 2;
  }
  const names = ops.length > 1 || f.has('H');
  let matched = false;
  const status = await eachInput(p, ops, async (fd, name) => {
    let count = 0;
    let n = 0;
    for await (const line of lines(p, fd)) {
      n++;
      re.lastIndex = 0;
      if (re.test(line) === f.has('v')) continue;
      matched = true;
      count++;
      if (f.has('q')) return;
      if (f.has('l')) { await out(p, `${name}\n`); return; }
      if (f.has('c')) continue;
      const prefix = `${names && !f.has('h') ? `${name}:` : ''}${f.has('n') ? `${n}:` : ''}`;
      if (!f.has('o')) await out(p, `${prefix}${line}\n`);
      else if (!f.has('v')) for (const m of nonEmptyMatches(re, line)) await out(p, `${prefix}${m}\n`);
    }
    if (f.has('c')) await out(p, `${names ? `${name}:` : ''}${count}\n`);
  });
  if (status !== 0 && !f.has('s')) return 2;
  return matched ? 0 : 1;
};

/** Each non-empty match in the line, left to right, as grep -o prints them (-o -v prints none, as GNU grep; busybox crashes). */
function nonEmptyMatches(re: RegExp, line: string): string[] {
  const found: string[] = [];
  re.lastIndex = 0;
  for (const m of line.matchAll(re)) if (m[0]) found.push(m[0]);
  return found;
}
