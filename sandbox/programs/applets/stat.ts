// stat [-c FORMAT] FILE...: file status in busybox's layout.
import { normalizePath } from '../../fs/path.ts';
import type { Stat } from '../../fs/types.ts';
import type { Program } from '../../kernel/process.ts';
import { nameOf } from './info-lib.ts';
import { describe, err, out, parseArgs } from './lib.ts';
import { strftime } from './date.ts';
import { modeString } from './ls-lib.ts';

export const stat: Program = async (p) => {
  const args = await parseArgs(p, 'c:Lf');
  if (!args) return 1;
  let status = 0;
  for (const f of args.operands) {
    let st: Stat;
    const path = normalizePath(f, p.cwd);
    try { st = args.flags.has('L') ? p.fs.statSync(path) : p.fs.lstatSync(path); } catch (e) { await err(p, `can't stat '${f}': ${describe(e)}`); status = 1; continue; }
    const user = nameOf(p, '/etc/passwd', st.uid) ?? 'UNKNOWN';
    const group = nameOf(p, '/etc/group', st.gid) ?? 'UNKNOWN';
    const type = st.type === 'dir' ? 'directory' : st.type === 'symlink' ? 'symbolic link' : st.size === 0 ? 'regular empty file' : 'regular file';
    const fmt = args.values.get('c');
    if (fmt) {
      await out(p, fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => ({
        n: f, s: String(st.size), a: st.mode.toString(8), A: modeString(st), u: String(st.uid), U: user, g: String(st.gid), G: group,
        F: type, i: String(st.ino), Y: String(Math.floor(st.mtimeMs / 1000)), '%': '%',
      } as Record<string, string>)[c] ?? `%${c}`) + '\n');
      continue;
    }
    const time = strftime('%F %T.%N +0000', new Date(st.mtimeMs));
    await out(p, `  File: ${st.type === 'symlink' ? `'${f}' -> '${p.fs.readlinkSync(path)}'` : f}\n  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(Math.ceil(st.size / 512)).padEnd(10)} IO Block: 4096   ${type}\nDevice: 31h/49d\tInode: ${String(st.ino).padEnd(11)} Links: 1\nAccess: (${st.mode.toString(8).padStart(4, '0')}/${modeString(st)})  Uid: (${String(st.uid).padStart(5)}/${user.padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${group.padStart(8)})\nAccess: ${time}\nModify: ${time}\nChange: ${time}\n`);
  }
  return status;
};
