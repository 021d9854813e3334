// dd [if=F] [of=F] [bs=N] [ibs=N] [obs=N] [count=N] [skip=N] [seek=N]
// [conv=notrunc,sync,noerror,fsync] [status=none|noxfer]: busybox's block
// copier, with its record counts and transfer line on stderr.
import { normalizePath } from '../../fs/path.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { openPath, RegularFile } from '../../kernel/vfs.ts';
import { SysError } from '../../kernel/errno.ts';
import { describe, err } from './lib.ts';

const SUFFIXES = new Map<string, number>([
  ['', 1], ['c', 1], ['w', 2], ['b', 512], ['kB', 1000], ['k', 1024], ['K', 1024], ['MB', 1000 ** 2], ['M', 1024 ** 2], ['GB', 1000 ** 3], ['G', 1024 ** 3],
]);
/** A block may not be larger than this (the page's memory is not the host's). */
const MAX_BLOCK = 64 * 1024 * 1024;

function number(s: string): number | null {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(s);
  if (!m || !SUFFIXES.has(m[2]!)) return null;
  return Number(m[1]) * SUFFIXES.get(m[2]!)!;
}

/** busybox's make_human_readable_str: 3.0MB, 512.0kB. */
function human(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${n}B` : `${v.toFixed(1)}${units[u]}`;
}

export const dd: Program = async (p: Process) => {
  const o = new Map<string, string>();
  for (const a of p.argv.slice(1)) {
    const eq = a.indexOf('=');
    const key = a.slice(0, eq);
    if (eq < 0 || !['if', 'of', 'bs', 'ibs', 'obs', 'count', 'skip', 'seek', 'conv', 'status', 'iflag', 'oflag'].includes(key)) {
      await p.write(2, 'BusyBox v1.37.0 multi-call binary.\n\nUsage: dd [if=FILE] [of=FILE] [ibs=N obs=N/bs=N] [count=N] [skip=N] [seek=N]\n\t[conv=notrunc|noerror|sync|fsync]\n\t[iflag=skip_bytes|count_bytes|fullblock|direct] [oflag=seek_bytes|append|direct]\n');
      return 1;
    }
    o.set(key, a.slice(eq + 1));
  }
  const num = async (key: string, dflt: number): Promise<number | null> => {
    const v = o.get(key);
    if (v === undefined) return dflt;
    const n = number(v);
    if (n === null) { await err(p, `invalid number '${v}'`); return null; }
    return n;
  };
  const bs = await num('bs', 0);
  const ibs = bs || (await num('ibs', 512));
  const obs = bs || (await num('obs', 512));
  const count = await num('count', Infinity);
  const skip = await num('skip', 0);
  const seek = await num('seek', 0);
  if ([bs, ibs, obs, count, skip, seek].some((x) => x === null)) return 1;
  if (ibs! > MAX_BLOCK || obs! > MAX_BLOCK) { await err(p, `block size too large (at most ${MAX_BLOCK} bytes here)`); return 1; }
  const conv = new Set((o.get('conv') ?? '').split(',').filter(Boolean));
  for (const c of conv) if (!['notrunc', 'sync', 'noerror', 'fsync'].includes(c)) { await err(p, `invalid conv '${c}'`); return 1; }
  const status = o.get('status') ?? '';
  let inFd = 0;
  let outFd = 1;
  try {
    if (o.has('if')) inFd = p.open(openPath(p.fs, normalizePath(o.get('if')!, p.cwd), { read: true }, p.task.creds, p.fds));
  } catch (e) { await err(p, `can't open '${o.get('if')}': ${describe(e)}`); return 1; }
  try {
    if (o.has('of')) {
      outFd = p.open(openPath(p.fs, normalizePath(o.get('of')!, p.cwd), { write: true, create: true, truncate: !conv.has('notrunc') && seek === 0 }, p.task.creds, p.fds));
    }
  } catch (e) { await err(p, `can't open '${o.get('of')}': ${describe(e)}`); return 1; }
  const started = p.now();
  let fullIn = 0; let partIn = 0; let fullOut = 0; let partOut = 0; let bytes = 0;
  let pending = new Uint8Array(0);
  let writeError: SysError | null = null;
  const flush = async (all: boolean): Promise<void> => {
    while (pending.length >= obs! || (all && pending.length > 0)) {
      const n = Math.min(obs!, pending.length);
      await p.write(outFd, pending.subarray(0, n));
      if (n === obs) fullOut++; else partOut++;
      bytes += n;
      pending = pending.subarray(n);
    }
  };
  // skip= seeks in a file; on a pipe the blocks are read and dropped.
  const inFile = p.fds.get(inFd);
  if (inFile instanceof RegularFile) inFile.offset = skip! * ibs!;
  else for (let s = 0; s < skip!; s++) {
    let got = 0;
    while (got < ibs!) { const c = await p.read(inFd, ibs! - got); if (!c) break; got += c.length; }
    if (got < ibs!) break;
  }
  const outFile = p.fds.get(outFd);
  if (seek! > 0 && outFile instanceof RegularFile) outFile.offset = seek! * obs!;
  while (fullIn + partIn < count!) {
    const block = await p.read(inFd, ibs!);
    if (!block) break;
    let data = block;
    if (block.length === ibs) fullIn++;
    else {
      partIn++;
      if (conv.has('sync')) { data = new Uint8Array(ibs!); data.set(block); }
    }
    const next = new Uint8Array(pending.length + data.length);
    next.set(pending);
    next.set(data, pending.length);
    pending = next;
    try {
      await flush(false);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      writeError = e;
      break;
    }
    const t = p.tick();
    if (t) await t;
  }
  try {
    await flush(true);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    writeError = e;
  }
  if (inFd !== 0) p.close(inFd);
  if (outFd !== 1) p.close(outFd);
  if (writeError) await err(p, `error writing '${o.get('of') ?? 'standard output'}': ${writeError.description}`);
  if (status !== 'none') {
    let report = `${fullIn}+${partIn} records in\n${fullOut}+${partOut} records out\n`;
    if (status !== 'noxfer') {
      const secs = Math.max(1e-6, (p.now() - started) / 1000);
      report += `${bytes} bytes (${human(bytes)}) copied, ${secs.toFixed(6)} seconds, ${human(Math.round(bytes / secs))}/s\n`;
    }
    await p.write(2, report);
  }
  return writeError ? 1 : 0;
};
