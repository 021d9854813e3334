// tar -c|-x|-t [-zvOk] [-f FILE] [-C DIR] [FILE...] (and the old style
// `tar czf x.tgz dir`): busybox's archiver on the container filesystem,
// ustar through tar-stream, gzip through the host's streams.
import tar from 'tar-stream';
import { dirname, normalizePath } from '../../fs/path.ts';
import type { Stat } from '../../fs/types.ts';
import { gunzip, gzip, GzipError } from '../../layer/gzip.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { describe, err, openInput, out, readAll } from './lib.ts';
import { nameOf } from './info-lib.ts';
import { modeString } from './ls-lib.ts';
import { statOrNull } from './fsutils-lib.ts';

const MAX_ARCHIVE = 512 * 1024 * 1024;
const MAX_ENTRIES = 100_000;

interface Options {
  mode: 'c' | 'x' | 't' | null;
  file: string;
  dir: string | null;
  gz: boolean;
  verbose: boolean;
  toStdout: boolean;
  keep: boolean;
  names: string[];
}

function parse(argv: string[]): Options | string {
  const o: Options = { mode: null, file: '-', dir: null, gz: false, verbose: false, toStdout: false, keep: false, names: [] };
  const args = [...argv];
  // Old style: the first word is a bundle of letters without a dash.
  if (args[0] && !args[0].startsWith('-')) args[0] = '-' + args[0];
  const needs: Array<'f' | 'C'> = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (needs.length && (!a.startsWith('-') || a === '-')) { const k = needs.shift()!; if (k === 'f') o.file = a; else o.dir = a; continue; }
    if (a === '--gzip') { o.gz = true; continue; }
    if (a.startsWith('--')) return `unrecognized option '${a}'`;
    if (!a.startsWith('-') || a === '-') { o.names.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'c' || c === 'x' || c === 't') { if (o.mode && o.mode !== c) return 'exactly one of \'c\', \'x\' or \'t\' must be specified'; o.mode = c; }
      else if (c === 'z') o.gz = true;
      else if (c === 'v') o.verbose = true;
      else if (c === 'O') o.toStdout = true;
      else if (c === 'k') o.keep = true;
      else if (c === 'o' || c === 'p' || c === 'h') { /* accepted */ }
      else if (c === 'f' || c === 'C') {
        const rest = a.slice(j + 1);
        if (rest) { if (c === 'f') o.file = rest; else o.dir = rest; } else needs.push(c);
        break;
      } else return `invalid option -- '${c}'`;
    }
  }
  if (needs.length) return `option requires an argument -- '${needs[0]}'`;
  return o;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
function stamp(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function listLine(h: tar.Header): string {
  const type = h.type === 'directory' ? 'dir' : h.type === 'symlink' ? 'symlink' : 'file';
  const mode = modeString({ type, mode: h.mode ?? 0o644 } as Stat);
  const owner = `${h.uname || h.uid || 0}/${h.gname || h.gid || 0}`;
  return `${mode} ${owner} ${String(h.size ?? 0).padStart(9)} ${stamp(h.mtime ?? new Date(0))} ${h.name}${h.type === 'symlink' ? ` -> ${h.linkname}` : ''}`;
}

async function create(p: Process, o: Options): Promise<number> {
  if (o.names.length === 0) { await err(p, 'empty archive'); return 1; }
  const pack = tar.pack();
  const chunks: Uint8Array[] = [];
  let size = 0;
  pack.on('data', (c: unknown) => { const b = c as Uint8Array; chunks.push(b); size += b.length; });
  const done = new Promise<void>((resolve, reject) => { pack.on('end', () => resolve()); pack.on('error', reject); });
  const base = o.dir ? normalizePath(o.dir, p.cwd) : p.cwd;
  const verbose: string[] = [];
  let status = 0;
  let warned = false;
  let count = 0;
  const add = async (name: string): Promise<void> => {
    if (++count > MAX_ENTRIES) throw new Error('too many files');
    const path = normalizePath(name, base);
    let st: Stat;
    try { st = p.fs.lstatSync(path); } catch (e) { await err(p, `${name}: ${describe(e)}`); status = 1; return; }
    let member = name.replace(/^\/+/, '');
    if (member !== name && !warned) { warned = true; await err(p, "removing leading '/' from member names"); }
    const common = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, uname: nameOf(p, '/etc/passwd', st.uid) ?? '', gname: nameOf(p, '/etc/group', st.gid) ?? '', mtime: new Date(st.mtimeMs) };
    if (st.type === 'dir') {
      member = member.replace(/\/*$/, '/');
      pack.entry({ ...common, name: member, type: 'directory' });
      verbose.push(member);
      for (const child of p.fs.readdirSync(path).sort()) await add(name.replace(/\/*$/, '') + '/' + child);
    } else if (st.type === 'symlink') {
      pack.entry({ ...common, name: member, type: 'symlink', linkname: p.fs.readlinkSync(path) });
      verbose.push(member);
    } else if (st.type === 'file') {
      let data: Uint8Array;
      try {
        const fd = p.open(openPath(p.fs, path, { read: true }, p.task.creds, p.fds));
        data = await readAll(p, fd);
        p.close(fd);
      } catch (e) { await err(p, `can't open '${name}': ${describe(e)}`); status = 1; return; }
      pack.entry({ ...common, name: member, type: 'file', size: data.length }, data as never);
      verbose.push(member);
    }
    const t = p.tick();
    if (t) await t;
  };
  for (const n of o.names) await add(n);
  pack.finalize();
  await done;
  let archive: Uint8Array = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) { archive.set(c, off); off += c.length; }
  if (o.gz) archive = await gzip(archive);
  if (o.file === '-') {
    if (o.verbose) await p.write(2, verbose.map((v) => v + '\n').join(''));
    await out(p, archive);
  } else {
    try {
      const fd = p.open(openPath(p.fs, normalizePath(o.file, p.cwd), { write: true, create: true, truncate: true }, p.task.creds, p.fds));
      await p.write(fd, archive);
      p.close(fd);
    } catch (e) { await err(p, `can't open '${o.file}': ${describe(e)}`); return 1; }
    if (o.verbose) await out(p, verbose.map((v) => v + '\n').join(''));
  }
  return status;
}

async function readArchive(p: Process, o: Options): Promise<Uint8Array | null> {
  let fd: number;
  try { fd = openInput(p, o.file); } catch (e) { await err(p, `can't open '${o.file}': ${describe(e)}`); return null; }
  let data = await readAll(p, fd);
  if (fd !== 0) p.close(fd);
  if (data.length > MAX_ARCHIVE) { await err(p, 'archive too large'); return null; }
  if (o.gz || (data[0] === 0x1f && data[1] === 0x8b)) {
    try { data = await gunzip(data, MAX_ARCHIVE); } catch (e) {
      await err(p, e instanceof GzipError ? 'invalid magic' : String(e));
      return null;
    }
  }
  return data;
}

async function entries(data: Uint8Array, fn: (h: tar.Header, body: Uint8Array) => Promise<void>): Promise<string | null> {
  const extract = tar.extract();
  let failure: string | null = null;
  const finished = new Promise<void>((resolve) => {
    extract.on('entry', (header, stream, next) => {
      const parts: Uint8Array[] = [];
      stream.on('data', (c: unknown) => { parts.push(c as Uint8Array); });
      stream.on('end', () => {
        const body = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
        let off = 0;
        for (const x of parts) { body.set(x, off); off += x.length; }
        fn(header, body).then(() => next(), (e: unknown) => { failure = String((e as Error).message ?? e); next(); });
      });
    });
    extract.on('finish', () => resolve());
    extract.on('error', (e: Error) => { failure = e.message.includes('header') ? 'invalid tar header checksum' : e.message; resolve(); });
  });
  extract.end(data as never);
  await finished;
  return failure;
}

async function extractOrList(p: Process, o: Options): Promise<number> {
  const data = await readArchive(p, o);
  if (!data) return 1;
  if (data.length === 0) { await err(p, 'short read'); return 1; }
  const base = o.dir ? normalizePath(o.dir, p.cwd) : p.cwd;
  const lines: string[] = [];
  const wanted = (name: string): boolean => o.names.length === 0 || o.names.some((n) => name === n || name.startsWith(n.replace(/\/*$/, '/')) || name.replace(/\/$/, '') === n);
  let status = 0;
  let seen = 0;
  const failure = await entries(data, async (h, body) => {
    if (++seen > MAX_ENTRIES) throw new Error('too many entries');
    const name = h.name.replace(/^\/+/, '');
    if (!wanted(name)) return;
    if (o.mode === 't') { lines.push(o.verbose ? listLine(h) : h.name); return; }
    if (o.verbose) lines.push(name);
    if (o.toStdout) { if (h.type === 'file') await out(p, body); return; }
    if (name.split('/').includes('..')) { await err(p, `skipping unsafe path: ${name}`); return; }
    const path = normalizePath(name, base);
    const owner = p.uid === 0 ? { uid: h.uid ?? 0, gid: h.gid ?? 0 } : { uid: p.uid, gid: p.gid };
    try {
      p.fs.mkdirSync(dirname(path), { recursive: true });
      const existing = statOrNull(p, path, false);
      if (existing && o.keep) { await err(p, `${name}: File exists`); status = 1; return; }
      if (h.type === 'directory') {
        if (!existing) p.fs.mkdirSync(path, { mode: h.mode ?? 0o755, ...owner });
      } else if (h.type === 'symlink') {
        if (existing) p.fs.unlinkSync(path);
        p.fs.symlinkSync(h.linkname ?? '', path, owner);
      } else if (h.type === 'file' || h.type === 'contiguous-file') {
        if (existing?.type === 'dir') { await err(p, `can't remove old file ${name}: Is a directory`); status = 1; return; }
        const fd = p.open(openPath(p.fs, path, { write: true, create: true, truncate: true, mode: h.mode ?? 0o644 }, p.task.creds, p.fds));
        await p.write(fd, body);
        p.close(fd);
        p.fs.chmodSync(path, h.mode ?? 0o644);
        if (p.uid === 0) p.fs.chownSync(path, owner.uid, owner.gid);
        if (h.mtime) p.fs.utimesSync(path, h.mtime.getTime());
      }
    } catch (e) {
      await err(p, `can't create '${name}': ${describe(e)}`);
      status = 1;
    }
  });
  if (lines.length) await out(p, lines.map((l) => l + '\n').join(''));
  if (failure) { await err(p, failure); return 1; }
  for (const n of o.names) if (!lines.length && o.mode === 't') { await err(p, `${n}: not found in archive`); status = 1; }
  return status;
}

export const tarProgram: Program = async (p) => {
  const o = parse(p.argv.slice(1));
  if (typeof o === 'string') { await err(p, o); return 1; }
  if (!o.mode) {
    await p.write(2, 'BusyBox v1.37.0 multi-call binary.\n\nUsage: tar c|x|t [-zhvokO] [-f TARFILE] [-C DIR] [FILE]...\n');
    return 1;
  }
  if (o.mode === 'c') return create(p, o);
  return extractOrList(p, o);
};

