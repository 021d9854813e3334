// tee, grep, sort, uniq, tr, cut: line filters, streaming where they can.
import { normalizePath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { describe, eachInput, err, lines, out, parseArgs } from './lib.ts';

export const tee: Program = async (p) => {
  const args = await parseArgs(p, 'ai');
  if (!args) return 1;
  const fds: number[] = [];
  let status = 0;
  for (const f of args.operands) {
    try {
      fds.push(p.open(openPath(p.fs, normalizePath(f, p.cwd), { write: true, create: true, truncate: !args.flags.has('a'), append: args.flags.has('a') }, p.task.creds, p.fds)));
    } catch (e) { await err(p, `${f}: ${describe(e)}`); status = 1; }
  }
  for (;;) {
    const c = await p.read(0);
    if (!c) break;
    await p.write(1, c);
    for (const fd of fds) await p.write(fd, c);
  }
  return status;
};

export const grep: Program = async (p) => {
  const args = await parseArgs(p, 'ivncqlEFwxhHe:sor');
  if (!args) return 1;
  const f = args.flags;
  const ops = [...args.operands];
  const pattern = args.values.get('e') ?? ops.shift();
  if (pattern === undefined) { await err(p, 'usage: grep [-ivncqlEFwx] PATTERN [FILE]...'); return 2; }
  const extended = f.has('E') || p.argv[0]?.endsWith('egrep');
  let source = f.has('F') || p.argv[0]?.endsWith('fgrep') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? pattern : basicToExtended(pattern);
  if (f.has('w')) source = `\\b(?:${source})\\b`;
  if (f.has('x')) source = `^(?:${source})$`;
  let re: RegExp;
  try { re = new RegExp(source, f.has('i') ? 'i' : ''); } catch { await err(p, `bad regex '${pattern}'`); return 2; }
  const names = ops.length > 1 || f.has('H');
  let matched = false;
  const status = await eachInput(p, ops, async (fd, name) => {
    let count = 0;
    let n = 0;
    for await (const line of lines(p, fd)) {
      n++;
      if (re.test(line) === f.has('v')) continue;
      matched = true;
      count++;
      if (f.has('q')) return;
      if (f.has('l')) { await out(p, `${name}\n`); return; }
      if (f.has('c')) continue;
      await out(p, `${names && !f.has('h') ? `${name}:` : ''}${f.has('n') ? `${n}:` : ''}${f.has('o') ? (line.match(re)?.[0] ?? '') : line}\n`);
    }
    if (f.has('c')) await out(p, `${names ? `${name}:` : ''}${count}\n`);
  });
  if (status !== 0 && !f.has('s')) return 2;
  return matched ? 0 : 1;
};

/** POSIX basic regular expressions to JavaScript's: \( \) \{ \} \| \+ \? become operators. */
function basicToExtended(bre: string): string {
  let out = '';
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i]!;
    if (c === '\\' && i + 1 < bre.length) {
      const n = bre[++i]!;
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

export const sort: Program = async (p) => {
  const args = await parseArgs(p, 'nrufbt:k:');
  if (!args) return 1;
  const all: string[] = [];
  const status = await eachInput(p, args.operands, async (fd) => { for await (const l of lines(p, fd)) { all.push(l); p.charge(l.length + 16); } });
  const f = args.flags;
  const key = (l: string): string => {
    const k = args.values.get('k');
    if (!k) return f.has('b') ? l.trimStart() : l;
    const fields = args.values.has('t') ? l.split(args.values.get('t')!) : l.trim().split(/\s+/);
    return fields.slice(Number(k.split(',')[0]) - 1).join(' ');
  };
  const cmp = (a: string, b: string): number => {
    const ka = key(a); const kb = key(b);
    let r: number;
    if (f.has('n')) r = (parseFloat(ka) || 0) - (parseFloat(kb) || 0);
    else { const x = f.has('f') ? ka.toUpperCase() : ka; const y = f.has('f') ? kb.toUpperCase() : kb; r = x < y ? -1 : x > y ? 1 : 0; }
    if (r === 0 && !f.has('u')) r = a < b ? -1 : a > b ? 1 : 0;
    return f.has('r') ? -r : r;
  };
  all.sort(cmp);
  const outLines = f.has('u') ? all.filter((l, i) => i === 0 || cmp(all[i - 1]!, l) !== 0) : all;
  await out(p, outLines.map((l) => l + '\n').join(''));
  return status;
};

export const uniq: Program = async (p) => {
  const args = await parseArgs(p, 'cdui');
  if (!args) return 1;
  const f = args.flags;
  let prev: string | null = null;
  let count = 0;
  const flush = async (): Promise<void> => {
    if (prev === null) return;
    if (f.has('d') && count < 2) return;
    if (f.has('u') && count > 1) return;
    await out(p, (f.has('c') ? `${String(count).padStart(7)} ` : '') + prev + '\n');
  };
  const status = await eachInput(p, args.operands.slice(0, 1), async (fd) => {
    for await (const l of lines(p, fd)) {
      if (prev !== null && (f.has('i') ? prev.toLowerCase() === l.toLowerCase() : prev === l)) { count++; continue; }
      await flush();
      prev = l;
      count = 1;
    }
  });
  await flush();
  return status;
};

function expandSet(s: string): string {
  const classes: Record<string, string> = {
    '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '[:lower:]': 'abcdefghijklmnopqrstuvwxyz', '[:digit:]': '0123456789',
    '[:space:]': ' \t\n\r\f\v', '[:alpha:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', '[:alnum:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  };
  for (const [k, v] of Object.entries(classes)) s = s.split(k).join(v);
  s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
    } else out += s[i];
  }
  return out;
}

export const tr: Program = async (p) => {
  const args = await parseArgs(p, 'dsc');
  if (!args) return 1;
  const [a = '', b = ''] = args.operands;
  const from = expandSet(a);
  const to = expandSet(b);
  const del = args.flags.has('d');
  const squeeze = args.flags.has('s');
  const dec = new TextDecoder();
  let last = '';
  for (;;) {
    const c = await p.read(0);
    if (!c) break;
    let s = '';
    for (const ch of dec.decode(c, { stream: true })) {
      const k = from.indexOf(ch);
      let o = ch;
      if (k >= 0) { if (del) continue; if (to) o = to[Math.min(k, to.length - 1)]!; }
      if (squeeze && o === last && (to || from).includes(o)) continue;
      s += o;
      last = o;
    }
    await out(p, s);
  }
  return 0;
};

export const cut: Program = async (p) => {
  const args = await parseArgs(p, 'd:f:c:b:s');
  if (!args) return 1;
  const listSpec = args.values.get('f') ?? args.values.get('c') ?? args.values.get('b');
  if (!listSpec) { await err(p, 'must specify a list of bytes, characters, or fields'); return 1; }
  const ranges = listSpec.split(',').map((r) => {
    const [s, e] = r.includes('-') ? r.split('-') : [r, r];
    return [s ? Number(s) : 1, e ? Number(e) : Infinity] as const;
  });
  const pick = (n: number): boolean => ranges.some(([s, e]) => n >= s && n <= e);
  const delim = args.values.get('d') ?? '\t';
  const byField = args.values.has('f');
  return eachInput(p, args.operands, async (fd) => {
    for await (const line of lines(p, fd)) {
      if (byField) {
        if (!line.includes(delim)) { if (!args.flags.has('s')) await out(p, line + '\n'); continue; }
        await out(p, line.split(delim).filter((_, i) => pick(i + 1)).join(delim) + '\n');
      } else {
        await out(p, [...line].filter((_, i) => pick(i + 1)).join('') + '\n');
      }
    }
  });
};
