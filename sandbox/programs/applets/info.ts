// pwd, env, printenv, id, whoami, hostname, uname, basename, dirname, seq,
// kill: small applets about the process and its environment.
import { basename as base, dirname as dir } from '../../fs/path.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { parseSignal, SIGNALS } from '../../kernel/signals.ts';
import { err, out, parseArgs } from './lib.ts';

function nameOf(p: Process, file: string, id: number): string | null {
  try {
    for (const line of new TextDecoder().decode(p.fs.readFileSync(file)).split('\n')) {
      const f = line.split(':');
      if (Number(f[2]) === id && f[0]) return f[0];
    }
  } catch { /* none */ }
  return null;
}

export const pwd: Program = async (p) => { await out(p, p.cwd + '\n'); return 0; };

export const env: Program = async (p) => {
  const args = p.argv.slice(1);
  const vars = new Map(p.env);
  let i = 0;
  if (args[0] === '-i' || args[0] === '-') { vars.clear(); i++; }
  for (; i < args.length && args[i]!.includes('='); i++) {
    const eq = args[i]!.indexOf('=');
    vars.set(args[i]!.slice(0, eq), args[i]!.slice(eq + 1));
  }
  if (i >= args.length) {
    await out(p, [...vars].map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  await err(p, 'running a command is done by the shell: use `sh -c` or call the command directly');
  return 126;
};

export const printenv: Program = async (p) => {
  const names = p.argv.slice(1);
  if (names.length === 0) { await out(p, [...p.env].map(([k, v]) => `${k}=${v}\n`).join('')); return 0; }
  let status = 0;
  for (const n of names) { const v = p.env.get(n); if (v === undefined) status = 1; else await out(p, v + '\n'); }
  return status;
};

export const id: Program = async (p) => {
  const args = await parseArgs(p, 'ugnrG');
  if (!args) return 1;
  const user = nameOf(p, '/etc/passwd', p.uid);
  const group = nameOf(p, '/etc/group', p.gid);
  const show = (n: number, name: string | null): string => (args.flags.has('n') ? (name ?? String(n)) : String(n));
  if (args.flags.has('u')) { await out(p, show(p.uid, user) + '\n'); return 0; }
  if (args.flags.has('g')) { await out(p, show(p.gid, group) + '\n'); return 0; }
  const groups = [p.gid, ...p.task.creds.groups.filter((g) => g !== p.gid)];
  if (args.flags.has('G')) { await out(p, groups.map((g) => show(g, nameOf(p, '/etc/group', g))).join(' ') + '\n'); return 0; }
  const fmt = (n: number, name: string | null): string => (name ? `${n}(${name})` : String(n));
  await out(p, `uid=${fmt(p.uid, user)} gid=${fmt(p.gid, group)} groups=${groups.map((g) => fmt(g, nameOf(p, '/etc/group', g))).join(',')}\n`);
  return 0;
};

export const whoami: Program = async (p) => {
  const user = nameOf(p, '/etc/passwd', p.uid);
  if (!user) { await err(p, `unknown uid ${p.uid}`); return 1; }
  await out(p, user + '\n');
  return 0;
};

export const hostname: Program = async (p) => { await out(p, p.hostname + '\n'); return 0; };

export const uname: Program = async (p) => {
  const args = await parseArgs(p, 'asnrvmpio');
  if (!args) return 1;
  const f = args.flags;
  const all = f.has('a');
  const parts: string[] = [];
  if (all || f.has('s') || f.size === 0) parts.push('Linux');
  if (all || f.has('n')) parts.push(p.hostname);
  if (all || f.has('r')) parts.push('6.6.0-playground');
  if (all || f.has('v')) parts.push('#1 SMP PREEMPT_DYNAMIC');
  if (all || f.has('m')) parts.push('x86_64');
  if (all || f.has('o')) parts.push('GNU/Linux');
  await out(p, parts.join(' ') + '\n');
  return 0;
};

export const basename: Program = async (p) => {
  const [name, suffix] = p.argv.slice(1);
  if (name === undefined) { await err(p, 'missing operand'); return 1; }
  let b = base(name);
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  await out(p, b + '\n');
  return 0;
};

export const dirname: Program = async (p) => {
  const name = p.argv[1];
  if (name === undefined) { await err(p, 'missing operand'); return 1; }
  await out(p, (name.includes('/') ? dir(name.replace(/\/+$/, '') || '/') : '.') + '\n');
  return 0;
};

export const seq: Program = async (p) => {
  const args = await parseArgs(p, 's:w', p.argv.slice(1).filter((a, i, all) => !(/^-\d/.test(a) && i > 0) || all[i - 1] === '-s'));
  if (!args) return 1;
  const nums = p.argv.slice(1).filter((a) => /^-?\d+(\.\d+)?$/.test(a)).map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  if (nums.length === 0 || step === 0) { await err(p, 'invalid argument'); return 1; }
  const sep = args.values.get('s') ?? '\n';
  const width = args.flags.has('w') ? String(Math.max(Math.abs(first), Math.abs(last))).length : 0;
  let buf = '';
  let firstOut = true;
  for (let v = first, n = 0; step > 0 ? v <= last : v >= last; v = first + step * ++n) {
    buf += (firstOut ? '' : sep) + String(v).padStart(width, '0');
    firstOut = false;
    if (buf.length > 8192) { await out(p, buf); buf = ''; const t = p.tick(); if (t) await t; }
  }
  if (!firstOut) buf += '\n';
  await out(p, buf);
  return 0;
};

export const kill: Program = async (p) => {
  let args = p.argv.slice(1);
  let sig = 15;
  if (args[0] === '-l') { await out(p, Object.keys(SIGNALS).map((n) => n.slice(3)).join(' ') + '\n'); return 0; }
  if (args[0] === '-s' && args[1]) { sig = parseSignal(args[1]) ?? -1; args = args.slice(2); }
  else if (args[0]?.startsWith('-') && args[0].length > 1) { sig = parseSignal(args[0].slice(1)) ?? -1; args = args.slice(1); }
  if (sig < 0) { await err(p, 'bad signal name'); return 1; }
  let status = 0;
  for (const a of args) {
    try { p.kill(Number(a), sig); } catch { await err(p, `can't kill pid ${a}: No such process`); status = 1; }
  }
  return status;
};
