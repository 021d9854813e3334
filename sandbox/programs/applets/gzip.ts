// gzip [-cdfk] [FILE...], gunzip [-cfk] [FILE...], zcat [FILE...]: busybox's
// (de)compressors. FILE becomes FILE.gz (and back); with no FILE or -c the
// data goes from stdin or the files to stdout.
import { normalizePath } from '../../fs/path.ts';
import { gunzip as inflate, gzip as deflate, GzipError } from '../../layer/gzip.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { describe, err, openInput, out, parseArgs, readAll } from './lib.ts';
import { checkParentWritable, statOrNull } from './fsutils-lib.ts';

/** A decompressed file may not outgrow this (a gzip bomb stops here). */
const MAX_OUTPUT = 256 * 1024 * 1024;

async function convert(p: Process, data: Uint8Array, decompress: boolean): Promise<Uint8Array> {
  if (!decompress) return deflate(data);
  if (data[0] !== 0x1f || data[1] !== 0x8b) throw new GzipError('invalid magic');
  return inflate(data, MAX_OUTPUT);
}

function program(mode: 'gzip' | 'gunzip' | 'zcat'): Program {
  return async (p) => {
    const a = await parseArgs(p, 'cdfkqv123456789n');
    if (!a) return 1;
    const decompress = mode !== 'gzip' || a.flags.has('d');
    const toStdout = mode === 'zcat' || a.flags.has('c') || a.operands.length === 0;
    const names = a.operands.length ? a.operands : ['-'];
    let status = 0;
    for (const name of names) {
      try {
        if (name !== '-' && !toStdout) {
          const path = normalizePath(name, p.cwd);
          if (decompress && !name.endsWith('.gz') && !name.endsWith('.tgz')) { await err(p, `${name}: unknown suffix - ignored`); status = 1; continue; }
          if (!decompress && name.endsWith('.gz')) { await err(p, `${name} already has .gz suffix -- unchanged`); status = 1; continue; }
          const target = decompress ? path.replace(/\.t?gz$/, (m) => (m === '.tgz' ? '.tar' : '')) : `${path}.gz`;
          if (statOrNull(p, target) && !a.flags.has('f')) { await err(p, `can't open '${target.slice(target.lastIndexOf('/') + 1)}': File exists`); status = 1; continue; }
          const fd = openInput(p, name);
          const data = await readAll(p, fd);
          p.close(fd);
          const result = await convert(p, data, decompress);
          checkParentWritable(p, target);
          const st = p.fs.statSync(path);
          const ofd = p.open(openPath(p.fs, target, { write: true, create: true, truncate: true, mode: st.mode & 0o7777 }, p.task.creds, p.fds));
          await p.write(ofd, result);
          p.close(ofd);
          if (!a.flags.has('k')) p.fs.unlinkSync(path);
          continue;
        }
        const fd = openInput(p, name);
        const data = await readAll(p, fd);
        if (fd !== 0) p.close(fd);
        if (!decompress && name === '-' && !a.flags.has('f') && p.tty(1)) {
          await err(p, 'compressed data not written to a terminal. Use -f to force compression.');
          return 1;
        }
        await out(p, await convert(p, data, decompress));
      } catch (e) {
        if (e instanceof GzipError) { await err(p, e.message.includes('larger') ? `${name}: ${e.message}` : 'invalid magic'); status = 1; continue; }
        await err(p, `can't open '${name}': ${(e as { description?: string }).description ?? describe(e)}`);
        status = 1;
      }
    }
    return status;
  };
}

export const gzip = program('gzip');
export const gunzip = program('gunzip');
export const zcat = program('zcat');
