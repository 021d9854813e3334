// Fuzzing the shell: random scripts made of sh's syntax parse to a tree or
// fail with ash's "syntax error: …", and run as PID 1 they end (no hang, no
// JavaScript error on stderr) — a student's broken RUN line or `sh -c` can
// only fail like a shell fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSh } from '../testing/run.ts';
import { parseScript, ShSyntaxError } from './parser.ts';

const FRAGMENTS = ['echo hi', 'echo', 'cat /etc/passwd', 'ls /', 'x=1', '$x', '"$x"', "'$x'", '${x:-d}', '${x:?gone}', '${#x}', '${x%%.*}', '$((1+2))', '$((1/0))',
  '$(echo a)', '`echo b`', '|', '||', '&&', ';', ';;', '&', '!', 'if true', 'then', 'else', 'elif', 'fi', 'case $x in', '1)', '*)', 'esac', '{', '}', '(', ')',
  'for i in 1 2 3', 'do', 'done', 'while false', 'until true', 'f()', 'f', '{ f; }', 'return 2', 'exit 3', 'true', 'false', 'set -e', 'set -u', 'set --', 'shift 5',
  'export y=2', 'unset x', 'readonly x', 'local z', 'read v', 'eval', "eval 'echo e'", 'trap "echo t" EXIT', 'kill -9 $$', 'kill -TERM 0', 'wait', 'cd /tmp', 'cd /nope',
  '>', '>>', '<', '2>&1', '>&-', '<&0', '> /tmp/f', '< /nope', '<<EOF', '<<-E', '\nEOF\n', '\n', '\\', '"', "'", '`', '$', '#c', '~', '*', '?', '[a-z]', 'printf "%s%d\\n" a b',
  'test -f /etc/passwd', '[ 1 -lt 2 ]', '[ a = ', 'seq 3', 'wc -l', 'head -n 1', 'sort', 'tr a-z A-Z', 'sed s/a/b/', 'grep root', 'xargs echo', 'exec echo x', 'command -v sh',
  'type ls', 'alias a=b', 'ulimit -n', 'umask 077', 'getopts ab o', 'sleep 0', 'seq 1000 | head -2', 'dd if=/dev/zero bs=1k count=4 | wc -c'];

const script = fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 14 })
  .map((parts) => parts.join(' '));

const JS_ERRORS = /TypeError|RangeError|ReferenceError|is not a function|Cannot read properties|undefined|\[object Object\]|Maximum call stack/;

describe('sh (fuzz)', () => {
  it('random scripts parse or fail with ash\'s syntax error', () => {
    fc.assert(fc.property(script, (src) => {
      try { parseScript(src); } catch (e) {
        if (!(e instanceof ShSyntaxError)) throw e;
        expect(e.message).toMatch(/^syntax error: |^script too long$/);
      }
    }), { numRuns: fc.readConfigureGlobal().numRuns! * 5 });
  });

  it('random scripts run to an end as PID 1, and fail only as a shell does', async () => {
    await fc.assert(fc.asyncProperty(script, async (src) => {
      let hung = false;
      const r = await runSh(src, {
        limits: { memoryMax: 32 * 1024 * 1024, pidsMax: 64 },
        started: (task, kernel) => { setTimeout(() => { if (task.state === 'running') { hung = true; kernel.kill(task, 9); } }, 5000).unref(); },
      });
      expect(hung, `still running after 5 s: ${JSON.stringify(src)}`).toBe(false);
      expect(r.stderr, JSON.stringify(src)).not.toMatch(JS_ERRORS);
    }), { numRuns: Math.max(20, Math.round(fc.readConfigureGlobal().numRuns! / 2)) });
  }, 300_000);
});
