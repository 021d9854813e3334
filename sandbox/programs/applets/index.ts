// The busybox applets the userland has, by name. (The shell's own builtins —
// echo, printf, test, kill, pwd… — exist here too, for `env echo`, exec-form
// RUN and xargs.)
import type { Program } from '../../kernel/process.ts';
import { cat } from './cat.ts';
import { echo } from './echo.ts';
import { chmod, chown, cp, ln, mkdir, mv, rm, rmdir, touch } from './fsutils.ts';
import { head } from './head.ts';
import { basename, dirname, env, hostname, id, kill, printenv, pwd, seq, uname, whoami } from './info.ts';
import { ls } from './ls.ts';
import { printf } from './printf.ts';
import { sleep } from './sleep.ts';
import { tail } from './tail.ts';
import { test } from './test.ts';
import { cut, grep, sort, tee, tr, uniq } from './text.ts';
import { falseProgram, trueProgram } from './true.ts';
import { wc } from './wc.ts';
import { yes } from './yes.ts';

export const APPLETS = new Map<string, Program>([
  ['cat', cat], ['echo', echo], ['printf', printf], ['test', test], ['[', test], ['true', trueProgram], ['false', falseProgram],
  ['sleep', sleep], ['yes', yes], ['head', head], ['tail', tail], ['wc', wc],
  ['mkdir', mkdir], ['rmdir', rmdir], ['rm', rm], ['touch', touch], ['cp', cp], ['mv', mv], ['ln', ln], ['chmod', chmod], ['chown', chown],
  ['ls', ls], ['pwd', pwd], ['env', env], ['printenv', printenv], ['id', id], ['whoami', whoami], ['hostname', hostname],
  ['uname', uname], ['basename', basename], ['dirname', dirname], ['seq', seq], ['kill', kill],
  ['tee', tee], ['grep', grep], ['egrep', grep], ['fgrep', grep], ['sort', sort], ['uniq', uniq], ['tr', tr], ['cut', cut],
]);
