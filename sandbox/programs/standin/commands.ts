// STAND-IN (see sh.ts): the few commands build steps use most, with
// busybox's messages. Replaced by the real userland.
import { isFsError } from '../../fs/errors.ts';
import type { OverlayFs } from '../../fs/overlay.ts';
import { basename, dirname, joinPath, normalizePath } from '../../fs/path.ts';

export interface Io {
  fs: OverlayFs;
  cwd: string;
  env: Map<string, string>;
  uid: number;
  gid: number;
  stdin: Uint8Array;
  stdout(d: string | Uint8Array): void;
  stderr(d: string | Uint8Array): void;
}

export type Command = (args: string[], io: Io) => Promise<number>;

const p = (io: Io, path: string): string => normalizePath(path, io.cwd);

function flags(args: string[]): { opts: Set<string>; rest: string[] } {
  const opts = new Set<string>();
  const rest: string[] = [];
  let done = false;
  for (const a of args) {
    if (!done && a === '--') { done = true; continue; }
    if (!done && /^-[A-Za-z]+$/.test(a)) for (const c of a.slice(1)) opts.add(c);
    else rest.push(a);
  }
  return { opts, rest };
}

function fail(io: Io, cmd: string, target: string, e: unknown): number {
  io.stderr(`${cmd}: ${target}: ${isFsError(e) ? e.description : String(e)}\n`);
  return 1;
}

function copyTree(io: Io, from: string, to: string): void {
  const st = io.fs.lstatSync(from);
  if (st.type === 'dir') {
    if (!io.fs.existsSync(to)) io.fs.mkdirSync(to, { mode: st.mode, uid: io.uid, gid: io.gid });
    for (const n of io.fs.readdirSync(from)) copyTree(io, joinPath(from, n), joinPath(to, n));
  } else if (st.type === 'symlink') {
    io.fs.symlinkSync(io.fs.readlinkSync(from), to);
  } else {
    io.fs.writeFileSync(to, io.fs.readContentSync(from), { mode: st.mode, uid: io.uid, gid: io.gid });
  }
}

function echo(args: string[], io: Io): Promise<number> {
  let newline = true;
  if (args[0] === '-n') { newline = false; args = args.slice(1); }
  io.stdout(args.join(' ') + (newline ? '\n' : ''));
  return Promise.resolve(0);
}

function printf(args: string[], io: Io): Promise<number> {
  const [fmt = '', ...vals] = args;
  let i = 0;
  const out = fmt.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/%([sd%])/g, (_, c: string) => (c === '%' ? '%' : vals[i++] ?? ''));
  io.stdout(out);
  return Promise.resolve(0);
}

function test(args: string[], io: Io): number {
  if (args.at(-1) === ']') args = args.slice(0, -1);
  const exists = (f: string): boolean => io.fs.existsSync(p(io, f));
  const type = (f: string): string | null => { try { return io.fs.statSync(p(io, f)).type; } catch { return null; } };
  let negate = false;
  if (args[0] === '!') { negate = true; args = args.slice(1); }
  let r: boolean;
  const [a = '', b = '', c = ''] = args;
  if (args.length === 0) r = false;
  else if (args.length === 1) r = a !== '';
  else if (args.length === 2) {
    switch (a) {
      case '-e': r = exists(b); break;
      case '-f': r = type(b) === 'file'; break;
      case '-d': r = type(b) === 'dir'; break;
      case '-z': r = b === ''; break;
      case '-n': r = b !== ''; break;
      case '-x': try { r = (io.fs.statSync(p(io, b)).mode & 0o111) !== 0; } catch { r = false; } break;
      default: io.stderr(`sh: ${a}: unknown operand\n`); return 2;
    }
  } else {
    switch (b) {
      case '=': case '==': r = a === c; break;
      case '!=': r = a !== c; break;
      case '-eq': r = Number(a) === Number(c); break;
      case '-ne': r = Number(a) !== Number(c); break;
      case '-lt': r = Number(a) < Number(c); break;
      case '-gt': r = Number(a) > Number(c); break;
      case '-le': r = Number(a) <= Number(c); break;
      case '-ge': r = Number(a) >= Number(c); break;
      default: io.stderr(`sh: ${b}: unknown operand\n`); return 2;
    }
  }
  return r !== negate ? 0 : 1;
}

export const COMMANDS = new Map<string, Command>([
  ['echo', echo],
  ['printf', printf],
  ['true', async () => 0],
  ['false', async () => 1],
  ['test', async (args, io) => test(args, io)],
  ['[', async (args, io) => test(args, io)],
  ['pwd', async (_a, io) => { io.stdout(io.cwd + '\n'); return 0; }],
  ['sleep', async (args) => { await new Promise<void>((r) => setTimeout(() => r(), Math.min(Number(args[0]) || 0, 5) * 1000)); return 0; }],
  ['env', async (_a, io) => { for (const [k, v] of io.env) io.stdout(`${k}=${v}\n`); return 0; }],
  ['printenv', async (args, io) => {
    if (args.length === 0) { for (const [k, v] of io.env) io.stdout(`${k}=${v}\n`); return 0; }
    let status = 0;
    for (const a of args) { const v = io.env.get(a); if (v === undefined) status = 1; else io.stdout(v + '\n'); }
    return status;
  }],
  ['cat', async (args, io) => {
    if (args.length === 0) { io.stdout(io.stdin); return 0; }
    let status = 0;
    for (const f of args) { try { io.stdout(io.fs.readFileSync(p(io, f))); } catch (e) { status = fail(io, 'cat', `can't open '${f}'`, e); } }
    return status;
  }],
  ['mkdir', async (args, io) => {
    const { opts, rest } = flags(args);
    let status = 0;
    for (const d of rest) {
      try { io.fs.mkdirSync(p(io, d), { recursive: opts.has('p'), uid: io.uid, gid: io.gid }); } catch (e) {
        if (!(opts.has('p') && isFsError(e, 'EEXIST'))) status = fail(io, 'mkdir', `can't create directory '${d}'`, e);
      }
    }
    return status;
  }],
  ['touch', async (args, io) => {
    let status = 0;
    for (const f of flags(args).rest) {
      try {
        if (io.fs.existsSync(p(io, f))) io.fs.utimesSync(p(io, f), Date.now());
        else io.fs.writeFileSync(p(io, f), '', { uid: io.uid, gid: io.gid });
      } catch (e) { status = fail(io, 'touch', f, e); }
    }
    return status;
  }],
  ['rm', async (args, io) => {
    const { opts, rest } = flags(args);
    let status = 0;
    for (const f of rest) {
      try {
        const st = io.fs.lstatSync(p(io, f));
        if (st.type === 'dir' && !opts.has('r') && !opts.has('R')) { io.stderr(`rm: '${f}' is a directory\n`); status = 1; continue; }
        io.fs.rmSync(p(io, f), { recursive: true });
      } catch (e) { if (!opts.has('f')) status = fail(io, 'rm', `can't remove '${f}'`, e); }
    }
    return status;
  }],
  ['cp', async (args, io) => {
    const { opts, rest } = flags(args);
    const dest = rest.pop();
    if (!dest || rest.length === 0) { io.stderr('cp: missing file operand\n'); return 1; }
    let status = 0;
    for (const src of rest) {
      try {
        const isDir = io.fs.existsSync(p(io, dest)) && io.fs.statSync(p(io, dest)).type === 'dir';
        const target = isDir ? joinPath(p(io, dest), basename(src)) : p(io, dest);
        if (io.fs.statSync(p(io, src)).type === 'dir' && !opts.has('r') && !opts.has('R') && !opts.has('a')) { io.stderr(`cp: omitting directory '${src}'\n`); status = 1; continue; }
        copyTree(io, p(io, src), target);
      } catch (e) { status = fail(io, 'cp', `can't stat '${src}'`, e); }
    }
    return status;
  }],
  ['mv', async (args, io) => {
    const { rest } = flags(args);
    const dest = rest.pop();
    if (!dest || rest.length === 0) { io.stderr('mv: missing file operand\n'); return 1; }
    let status = 0;
    for (const src of rest) {
      try {
        const isDir = io.fs.existsSync(p(io, dest)) && io.fs.statSync(p(io, dest)).type === 'dir';
        io.fs.renameSync(p(io, src), isDir ? joinPath(p(io, dest), basename(src)) : p(io, dest));
      } catch (e) { status = fail(io, 'mv', `can't rename '${src}'`, e); }
    }
    return status;
  }],
  ['ln', async (args, io) => {
    const { opts, rest } = flags(args);
    const [target, link = basename(rest[0] ?? '')] = rest;
    if (!target) { io.stderr('ln: missing file operand\n'); return 1; }
    if (!opts.has('s')) { io.stderr('ln: hard links are not available in the playground yet\n'); return 1; }
    try {
      let path = p(io, link);
      if (io.fs.existsSync(path) && io.fs.statSync(path).type === 'dir') path = joinPath(path, basename(target));
      if (opts.has('f')) io.fs.rmSync(path, { force: true });
      io.fs.symlinkSync(target, path, { uid: io.uid, gid: io.gid });
      return 0;
    } catch (e) { return fail(io, 'ln', link, e); }
  }],
  ['chmod', async (args, io) => {
    const { opts, rest } = flags(args);
    const [mode = '', ...files] = rest;
    if (!/^[0-7]{1,4}$/.test(mode)) { io.stderr(`chmod: invalid mode '${mode}'\n`); return 1; }
    let status = 0;
    const apply = (f: string): void => {
      io.fs.chmodSync(f, parseInt(mode, 8));
      if (opts.has('R') && io.fs.statSync(f).type === 'dir') for (const n of io.fs.readdirSync(f)) apply(joinPath(f, n));
    };
    for (const f of files) { try { apply(p(io, f)); } catch (e) { status = fail(io, 'chmod', f, e); } }
    return status;
  }],
  ['chown', async (args, io) => {
    const { opts, rest } = flags(args);
    const [spec = '', ...files] = rest;
    const [u = '', g = u] = spec.split(':');
    const lookup = (file: string, name: string): number | null => {
      if (/^\d+$/.test(name)) return Number(name);
      try {
        for (const line of new TextDecoder().decode(io.fs.readFileSync(file)).split('\n')) {
          const f = line.split(':');
          if (f[0] === name) return Number(f[2]);
        }
      } catch { /* no file */ }
      return null;
    };
    const uid = lookup('/etc/passwd', u);
    const gid = lookup('/etc/group', g);
    if (uid === null) { io.stderr(`chown: unknown user ${u}\n`); return 1; }
    if (gid === null) { io.stderr(`chown: unknown group ${g}\n`); return 1; }
    let status = 0;
    const apply = (f: string): void => {
      io.fs.lchownSync(f, uid, gid);
      if (opts.has('R') && io.fs.lstatSync(f).type === 'dir') for (const n of io.fs.readdirSync(f)) apply(joinPath(f, n));
    };
    for (const f of files) { try { apply(p(io, f)); } catch (e) { status = fail(io, 'chown', f, e); } }
    return status;
  }],
  ['ls', async (args, io) => {
    const { opts, rest } = flags(args);
    const targets = rest.length ? rest : ['.'];
    let status = 0;
    for (const t of targets) {
      try {
        const st = io.fs.statSync(p(io, t));
        const names = st.type === 'dir' ? io.fs.readdirSync(p(io, t)).filter((n) => opts.has('a') || !n.startsWith('.')) : [t];
        if (targets.length > 1 && st.type === 'dir') io.stdout(`${t}:\n`);
        io.stdout(names.map((n) => n + '\n').join(''));
      } catch (e) { status = fail(io, 'ls', t, e); }
    }
    return status;
  }],
  ['basename', async (args, io) => { io.stdout(basename(args[0] ?? '') + '\n'); return 0; }],
  ['dirname', async (args, io) => { io.stdout(dirname(args[0] ?? '.') + '\n'); return 0; }],
]);
