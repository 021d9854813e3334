// find [-L] [PATH]... [EXPRESSION]: walks trees; -name -iname -path -type
// -maxdepth -mindepth -size -newer -user -perm -empty, ! -not -a -o ( ),
// actions -print -print0 -exec … {} ; / + -delete -quit.
import { normalizePath } from '../../fs/path.ts';
import type { Stat } from '../../fs/types.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { globSource, ANYWHERE } from '../../fs/glob.ts';
import { describe, err, out } from './lib.ts';
import { lookupId } from './fsutils-lib.ts';
import { runCommand } from './spawn-hook.ts';

type Node = { op: 'and'; a: Node; b: Node } | { op: 'or'; a: Node; b: Node } | { op: 'not'; a: Node } | { op: 'test'; name: string; arg: string[] };

class Quit { }

interface Ctx { path: string; st: Stat; depth: number }

export const find: Program = async (p) => {
  let args = p.argv.slice(1);
  let follow = false;
  while (args[0] === '-L' || args[0] === '-H' || args[0] === '-P') { follow = args[0] === '-L'; args = args.slice(1); }
  const roots: string[] = [];
  while (args.length && !args[0]!.startsWith('-') && args[0] !== '!' && args[0] !== '(') roots.push(args.shift()!);
  if (roots.length === 0) roots.push('.');
  let maxdepth = Infinity;
  let mindepth = 0;
  let i = 0;
  let hasAction = false;
  const ARITY: Record<string, number> = { '-name': 1, '-iname': 1, '-path': 1, '-wholename': 1, '-type': 1, '-size': 1, '-newer': 1, '-user': 1, '-group': 1, '-perm': 1, '-mtime': 1 };
  const parseOr = (): Node => { let a = parseAnd(); while (args[i] === '-o' || args[i] === '-or') { i++; a = { op: 'or', a, b: parseAnd() }; } return a; };
  const parseAnd = (): Node => {
    let a = parseNot();
    while (i < args.length && args[i] !== '-o' && args[i] !== '-or' && args[i] !== ')') {
      if (args[i] === '-a' || args[i] === '-and') i++;
      a = { op: 'and', a, b: parseNot() };
    }
    return a;
  };
  const parseNot = (): Node => {
    if (args[i] === '!' || args[i] === '-not') { i++; return { op: 'not', a: parseNot() }; }
    if (args[i] === '(') { i++; const n = parseOr(); if (args[i] !== ')') throw new Error('missing )'); i++; return n; }
    const name = args[i++]!;
    if (name === '-maxdepth') { maxdepth = Number(args[i++]); return { op: 'test', name: '-true', arg: [] }; }
    if (name === '-mindepth') { mindepth = Number(args[i++]); return { op: 'test', name: '-true', arg: [] }; }
    if (name === '-follow') { follow = true; return { op: 'test', name: '-true', arg: [] }; }
    if (name === '-exec' || name === '-ok') {
      const cmd: string[] = [];
      while (i < args.length && args[i] !== ';' && args[i] !== '+') cmd.push(args[i++]!);
      if (i >= args.length) throw new Error(`-exec: missing ';'`);
      hasAction = true;
      return { op: 'test', name: args[i++] === '+' ? '-exec+' : '-exec', arg: cmd };
    }
    if (['-print', '-print0', '-delete', '-quit'].includes(name)) hasAction = true;
    const n = ARITY[name] ?? 0;
    if (!name.startsWith('-')) throw new Error(`unrecognized: ${name}`);
    const arg = args.slice(i, i + n);
    if (arg.length < n) throw new Error(`${name} requires an argument`);
    i += n;
    return { op: 'test', name, arg };
  };
  let expr: Node;
  try {
    expr = i < args.length ? parseOr() : { op: 'test', name: '-true', arg: [] };
    if (i < args.length) throw new Error(`unrecognized: ${args[i]}`);
  } catch (e) {
    await err(p, (e as Error).message);
    return 1;
  }
  if (!hasAction) expr = { op: 'and', a: expr, b: { op: 'test', name: '-print', arg: [] } };
  const batch: string[][] = [];
  let status = 0;

  const test = async (n: Node, c: Ctx): Promise<boolean> => {
    if (n.op === 'and' || n.op === 'or') {
      const left = await test(n.a, c);
      return n.op === 'and' ? left && test(n.b, c) : left || test(n.b, c);
    }
    if (n.op === 'not') return !(await test(n.a, c));
    const base = c.path === '/' ? '/' : c.path.slice(c.path.lastIndexOf('/') + 1);
    const a0 = n.arg[0] ?? '';
    switch (n.name) {
      case '-true': return true;
      case '-false': return false;
      case '-name': return new RegExp(`^(?:${globSource(a0, ANYWHERE)})$`, 's').test(base);
      case '-iname': return new RegExp(`^(?:${globSource(a0, ANYWHERE)})$`, 'is').test(base);
      case '-path': case '-wholename': return new RegExp(`^(?:${globSource(a0, ANYWHERE)})$`, 's').test(c.path);
      case '-type': return ({ f: 'file', d: 'dir', l: 'symlink' } as Record<string, string>)[a0] === c.st.type;
      case '-empty': return c.st.type === 'dir' ? p.fs.readdirSync(normalizePath(c.path, p.cwd)).length === 0 : c.st.size === 0;
      case '-size': {
        const m = /^([+-]?)(\d+)([ckMG]?)$/.exec(a0);
        if (!m) return false;
        const unit = { c: 1, k: 1024, M: 1024 ** 2, G: 1024 ** 3, '': 512 }[m[3]! as 'c'] ?? 512;
        const v = Math.ceil(c.st.size / unit);
        return m[1] === '+' ? v > Number(m[2]) : m[1] === '-' ? v < Number(m[2]) : v === Number(m[2]);
      }
      case '-newer': try { return c.st.mtimeMs > p.fs.statSync(normalizePath(a0, p.cwd)).mtimeMs; } catch { return false; }
      case '-user': return lookupId(p, '/etc/passwd', a0) === c.st.uid;
      case '-group': return lookupId(p, '/etc/group', a0) === c.st.gid;
      case '-perm': return (c.st.mode & 0o7777) === parseInt(a0.replace(/^[-/]/, ''), 8);
      case '-print': await out(p, `${c.path}\n`); return true;
      case '-print0': await out(p, `${c.path}\0`); return true;
      case '-quit': throw new Quit();
      case '-delete': try { p.fs.rmSync(normalizePath(c.path, p.cwd), { recursive: false }); } catch (e) { await err(p, `${c.path}: ${describe(e)}`); status = 1; } return true;
      case '-exec': return (await runCommand(p, n.arg.map((x) => x.split('{}').join(c.path)))) === 0;
      case '-exec+': { batch.push([...n.arg, c.path]); return true; }
      default: throw new Error(`unrecognized: ${n.name}`);
    }
  };

  const walk = async (path: string, depth: number): Promise<void> => {
    const abs = normalizePath(path, p.cwd);
    let st: Stat;
    try { st = follow ? p.fs.statSync(abs) : p.fs.lstatSync(abs); } catch (e) { await err(p, `${path}: ${describe(e)}`); status = 1; return; }
    if (depth >= mindepth) await test(expr, { path, st, depth });
    if (st.type === 'dir' && depth < maxdepth) {
      let names: string[];
      try { names = p.fs.readdirSync(abs); } catch (e) { await err(p, `${path}: ${describe(e)}`); status = 1; return; }
      for (const n of names) {
        await walk(path.endsWith('/') ? path + n : `${path}/${n}`, depth + 1);
        const t = p.tick(); if (t) await t;
      }
    }
  };
  try {
    for (const r of roots) await walk(r, 0);
  } catch (e) {
    if (!(e instanceof Quit)) throw e;
  }
  if (batch.length > 0) {
    const cmd = batch[0]!.slice(0, -1).filter((x) => x !== '{}');
    if ((await runCommand(p, [...cmd, ...batch.map((b) => b[b.length - 1]!)])) !== 0) status = 1;
  }
  return status;
};
