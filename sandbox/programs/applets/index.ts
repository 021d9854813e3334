// The busybox applets the userland has, by name. (The shell's own builtins —
// echo, printf, test, kill, pwd… — exist here too, for `env echo`, exec-form
// RUN and xargs.)
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
import { grep } from './grep.ts';
import { sort } from './sort.ts';
import { tee } from './tee.ts';
import { tr } from './tr.ts';
import { uniq } from './uniq.ts';
import { falseProgram, trueProgram } from './true.ts';
import { clear } from './clear.ts';
import { wc } from './wc.ts';
import { yes } from './yes.ts';
import { base64 } from './base64.ts';
import { date } from './date.ts';
import { df } from './df.ts';
import { du } from './du.ts';
import { find } from './find.ts';
import { free } from './free.ts';
import { nproc } from './nproc.ts';
import { ps } from './ps.ts';
import { sed } from './sed.ts';
import { stat } from './stat.ts';
import { checksum } from './sums.ts';
import { which } from './which.ts';
import { xargs } from './xargs.ts';
import { tty } from './tty.ts';
import { httpd } from './httpd.ts';
import { ip } from './ip.ts';
import { nc } from './nc.ts';
import { nslookup } from './nslookup.ts';
import { ping } from './ping.ts';
import { wget } from './wget.ts';
import { gunzip, gzip, zcat } from './gzip.ts';
import { tarProgram } from './tar.ts';
import { dd } from './dd.ts';
import { od } from './od.ts';
import { top } from './top.ts';
import { awk } from './awk.ts';
import { readlink } from './readlink.ts';

export const APPLETS = new Map<string, Program>([
  ['cat', cat], ['echo', echo], ['printf', printf], ['test', test], ['[', test], ['true', trueProgram], ['false', falseProgram],
  ['sleep', sleep], ['yes', yes], ['clear', clear], ['head', head], ['tail', tail], ['wc', wc],
  ['mkdir', mkdir], ['rmdir', rmdir], ['rm', rm], ['touch', touch], ['cp', cp], ['mv', mv], ['ln', ln], ['chmod', chmod], ['chown', chown],
  ['ls', ls], ['pwd', pwd], ['env', env], ['printenv', printenv], ['id', id], ['whoami', whoami], ['hostname', hostname],
  ['uname', uname], ['basename', basename], ['dirname', dirname], ['seq', seq], ['kill', kill],
  ['tee', tee], ['grep', grep], ['egrep', grep], ['fgrep', grep], ['sort', sort], ['uniq', uniq], ['tr', tr], ['cut', cut],
  ['base64', base64], ['date', date], ['df', df], ['du', du], ['find', find], ['free', free], ['nproc', nproc], ['ps', ps],
  ['sed', sed], ['stat', stat], ['sha256sum', checksum], ['sha512sum', checksum], ['sha1sum', checksum], ['md5sum', checksum],
  ['which', which], ['xargs', xargs], ['tty', tty],
  ['httpd', httpd], ['ip', ip], ['nc', nc], ['nslookup', nslookup], ['ping', ping], ['wget', wget],
  ['gzip', gzip], ['gunzip', gunzip], ['zcat', zcat], ['tar', tarProgram],
  ['dd', dd], ['od', od], ['top', top], ['awk', awk], ['readlink', readlink],
]);
