// The busybox applets the userland has, by name. (The shell's own builtins —
// echo, printf, test, kill, pwd… — exist here too, for `env echo`, exec-form
// RUN and xargs.) The small everyday ones are part of the engine's start-up
// code; the big ones (awk, sed, grep with its regex engine, find, tar) and
// those few sessions call load on first use, the way node's runtime does
// (registry.ts).
import type { Program } from '../../kernel/process.ts';
import { cat } from './cat.ts';
import { echo } from './echo.ts';
import { chmod } from './chmod.ts';
import { chown } from './chown.ts';
import { cp } from './cp.ts';
import { ln } from './ln.ts';
import { mkdir } from './mkdir.ts';
import { mv } from './mv.ts';
import { rm } from './rm.ts';
import { rmdir } from './rmdir.ts';
import { touch } from './touch.ts';
import { head } from './head.ts';
import { basename } from './basename.ts';
import { dirname } from './dirname.ts';
import { env } from './env.ts';
import { hostname } from './hostname.ts';
import { id } from './id.ts';
import { kill } from './kill.ts';
import { printenv } from './printenv.ts';
import { pwd } from './pwd.ts';
import { seq } from './seq.ts';
import { uname } from './uname.ts';
import { whoami } from './whoami.ts';
import { ls } from './ls.ts';
import { printf } from './printf.ts';
import { sleep } from './sleep.ts';
import { tail } from './tail.ts';
import { test } from './test.ts';
import { cut } from './cut.ts';
import { sort } from './sort.ts';
import { tee } from './tee.ts';
import { tr } from './tr.ts';
import { uniq } from './uniq.ts';
import { falseProgram, trueProgram } from './true.ts';
import { clear } from './clear.ts';
import { wc } from './wc.ts';
import { yes } from './yes.ts';
import { base64 } from './base64.ts';
import { nproc } from './nproc.ts';
import { which } from './which.ts';
import { tty } from './tty.ts';
import { readlink } from './readlink.ts';

/** An applet whose module loads on first use; once loaded it starts at once, as the others do. */
function onFirstUse(load: () => Promise<Program>): Program {
  let loaded: Program | null = null;
  return async (p) => (loaded ??= await load())(p);
}

const checksum = onFirstUse(async () => (await import('./sums.ts')).checksum);
const grep = onFirstUse(async () => (await import('./grep.ts')).grep);
const LOADED_ON_FIRST_USE: [string, Program][] = [
  ['awk', onFirstUse(async () => (await import('./awk.ts')).awk)],
  ['sed', onFirstUse(async () => (await import('./sed.ts')).sed)],
  ['grep', grep], ['egrep', grep], ['fgrep', grep],
  ['find', onFirstUse(async () => (await import('./find.ts')).find)],
  ['xargs', onFirstUse(async () => (await import('./xargs.ts')).xargs)],
  ['date', onFirstUse(async () => (await import('./date.ts')).date)],
  ['stat', onFirstUse(async () => (await import('./stat.ts')).stat)],
  ['df', onFirstUse(async () => (await import('./df.ts')).df)],
  ['du', onFirstUse(async () => (await import('./du.ts')).du)],
  ['free', onFirstUse(async () => (await import('./free.ts')).free)],
  ['ps', onFirstUse(async () => (await import('./ps.ts')).ps)],
  ['top', onFirstUse(async () => (await import('./top.ts')).top)],
  ['sha256sum', checksum], ['sha512sum', checksum], ['sha1sum', checksum], ['md5sum', checksum],
  ['httpd', onFirstUse(async () => (await import('./httpd.ts')).httpd)],
  ['ip', onFirstUse(async () => (await import('./ip.ts')).ip)],
  ['nc', onFirstUse(async () => (await import('./nc.ts')).nc)],
  ['nslookup', onFirstUse(async () => (await import('./nslookup.ts')).nslookup)],
  ['ping', onFirstUse(async () => (await import('./ping.ts')).ping)],
  ['wget', onFirstUse(async () => (await import('./wget.ts')).wget)],
  ['gzip', onFirstUse(async () => (await import('./gzip.ts')).gzip)],
  ['gunzip', onFirstUse(async () => (await import('./gzip.ts')).gunzip)],
  ['zcat', onFirstUse(async () => (await import('./gzip.ts')).zcat)],
  ['tar', onFirstUse(async () => (await import('./tar.ts')).tarProgram)],
  ['dd', onFirstUse(async () => (await import('./dd.ts')).dd)],
  ['od', onFirstUse(async () => (await import('./od.ts')).od)],
];

export const APPLETS = new Map<string, Program>([
  ['cat', cat], ['echo', echo], ['printf', printf], ['test', test], ['[', test], ['true', trueProgram], ['false', falseProgram],
  ['sleep', sleep], ['yes', yes], ['clear', clear], ['head', head], ['tail', tail], ['wc', wc],
  ['mkdir', mkdir], ['rmdir', rmdir], ['rm', rm], ['touch', touch], ['cp', cp], ['mv', mv], ['ln', ln], ['chmod', chmod], ['chown', chown],
  ['ls', ls], ['pwd', pwd], ['env', env], ['printenv', printenv], ['id', id], ['whoami', whoami], ['hostname', hostname],
  ['uname', uname], ['basename', basename], ['dirname', dirname], ['seq', seq], ['kill', kill],
  ['tee', tee], ['sort', sort], ['uniq', uniq], ['tr', tr], ['cut', cut],
  ['base64', base64], ['nproc', nproc], ['which', which], ['tty', tty], ['readlink', readlink],
  ...LOADED_ON_FIRST_USE,
]);
