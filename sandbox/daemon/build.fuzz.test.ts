// Fuzzing whole builds: random Dockerfiles (builder/dockerfile.arbitrary.ts)
// over a context with files, a directory and a symlink out of it. Each build
// must end — an image, or an error that is Docker's kind of message, never a
// JavaScript error — and the daemon must build normally afterwards.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dockerfileText, validishDockerfile } from '../builder/dockerfile.arbitrary.ts';
import { buildWith, testDaemon } from './testing/harness.ts';

const CONTEXT = { 'app.txt': 'hello\n', 'dir/a.txt': 'a', 'dir/sub/b.txt': 'b', 'out': { symlink: '/etc/passwd' }, 'up': { symlink: '../../x' } };
const JS_ERRORS = /\b(TypeError|RangeError|SyntaxError|EvalError|InternalError|is not a function|Cannot read properties|undefined is not|Maximum call stack)\b/;

describe('builds (fuzz)', () => {
  it('every random Dockerfile builds or fails with a Docker-like message; the daemon keeps building', async () => {
    const d = await testDaemon();
    await fc.assert(fc.asyncProperty(fc.oneof(dockerfileText, validishDockerfile, validishDockerfile), async (dockerfile) => {
      const r = await buildWith(d, { ...CONTEXT, Dockerfile: dockerfile });
      if (r.error !== undefined) {
        expect(r.error.trim().length, dockerfile).toBeGreaterThan(0);
        expect(r.error, dockerfile).not.toMatch(JS_ERRORS);
        expect(r.error, dockerfile).not.toMatch(/\[object Object\]|\bundefined\b|\bNaN\b|^E[A-Z]+: /);
      } else {
        expect(r.image, dockerfile).toBeDefined();
      }
    }), { numRuns: Math.max(20, Math.round(fc.readConfigureGlobal().numRuns! / 2)) });
    const after = await buildWith(d, { Dockerfile: 'FROM busybox\nCOPY app.txt /\nRUN cat /app.txt\n', 'app.txt': 'still here\n' });
    expect(after.error).toBeUndefined();
    expect(after.output).toContain('still here');
  }, 120_000);
});
