// What a failing build says: Docker's messages, with the line where a
// Dockerfile is wrong, and nothing half-built tagged.
import { describe, expect, it } from 'vitest';
import { buildWith, testDaemon } from './testing/harness.ts';

async function errorOf(files: Record<string, string | { symlink: string }>, opts = {}): Promise<string> {
  const d = await testDaemon();
  const r = await buildWith(d, files, opts);
  expect(r.image).toBeUndefined();
  return r.error!;
}

describe('build errors', () => {
  it.each([
    ['FORM busybox\n', 'dockerfile parse error on line 1: unknown instruction: FORM'],
    ['', 'the Dockerfile (Dockerfile) cannot be empty'],
    ['# just a comment\n', 'the Dockerfile (Dockerfile) cannot be empty'],
    ['RUN echo hi\n', 'dockerfile parse error on line 1: no build stage in current context'],
    ['FROM busybox\nCOPY --form=x a /\n', 'dockerfile parse error on line 2: unknown flag: form'],
    ['FROM busybox\nRUN exit 7\n', "The command '/bin/sh -c exit 7' returned a non-zero code: 7"],
    ['FROM busybox\nRUN ["false"]\n', "The command 'false' returned a non-zero code: 1"],
    ['FROM busybox\nCOPY missing.txt /\n', 'COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist'],
    ['FROM busybox\nCOPY ../secret /\n', 'COPY failed: forbidden path outside the build context: ../secret ()'],
    ['FROM busybox\nCOPY *.nothing /\n', 'COPY failed: no source files were specified'],
    ['FROM busybox\nADD https://example.com/x.tgz /\n', 'ADD failed: cannot download https://example.com/x.tgz: the playground has no network access. Put the file in the build context and use COPY instead.'],
    ['FROM nosuchimage\n', "pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"],
    ['FROM alpine:2.0\n', 'manifest for alpine:2.0 not found: manifest unknown: manifest unknown'],
    ['FROM Busybox\n', 'invalid reference format: repository name (library/Busybox) must be lowercase'],
    ['FROM busybox\nEXPOSE 80/xyz\n', 'invalid proto: xyz'],
    ['FROM busybox\nEXPOSE http\n', 'invalid containerPort: http'],
    ['FROM busybox\nSTOPSIGNAL SIGFOO\n', 'Invalid signal: SIGFOO'],
    ['FROM busybox\nCOPY --chown=nobody2 Dockerfile /\n', "unable to convert uid/gid chown string to host mapping: can't find uid for user nobody2: no such user: nobody2"],
    ['FROM busybox\nCOPY --chmod=9z Dockerfile /\n', 'invalid chmod parameter: 9z. it must be an octal number, e.g. 755'],
    ['FROM busybox\nCOPY Dockerfile Dockerfile /dir\n', 'When using COPY with more than one source file, the destination must be a directory and end with a /'],
    ['FROM scratch\nRUN echo hi\n', 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown'],
    ['FROM busybox\nRUN ["nosuchcmd"]\n', 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown'],
    ['FROM busybox\nUSER ghost\nRUN true\n', 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to find user ghost: no matching entries in passwd file: unknown'],
    ['FROM busybox\nENV A="${B:?B is required}"\n', 'B: B is required'],
    ['FROM busybox\nENV A=${B:?B is required}\n', 'dockerfile parse error on line 2: Syntax error - can\'t find = in "is". Must be of the form: name=value'],
    ['FROM scratch\n', 'No image was generated. Is your Dockerfile empty?'],
    // Found by fuzzing: a directory copied onto a file, and a continuation dockerfile-ast's heredoc reader tripped over.
    ['FROM busybox\nCOPY / /etc/passwd\n', 'COPY failed: mkdir /etc/passwd: not a directory'],
    ['FROM busybox\nFROM \\\n\n\\ !\n', 'invalid reference format'],
  ])('%j', async (dockerfile, message) => {
    expect(await errorOf({ Dockerfile: dockerfile })).toBe(message);
  });

  it('refuses a symlink that leads outside the context', async () => {
    expect(await errorOf({ Dockerfile: 'FROM busybox\nCOPY link /\n', link: { symlink: '/etc/passwd' } }))
      .toBe('COPY failed: forbidden path outside the build context: link (/etc/passwd)');
    expect(await errorOf({ Dockerfile: 'FROM busybox\nCOPY sub/link /\n', 'sub/link': { symlink: '../../up' } }))
      .toBe('COPY failed: forbidden path outside the build context: sub/link (../../up)');
  });

  it('an absolute source names a file in the context; one that is not there was outside it', async () => {
    const d = await testDaemon();
    const ok = await buildWith(d, { Dockerfile: 'FROM busybox\nCOPY /app.txt /\n', 'app.txt': 'x' });
    expect(ok.error).toBeUndefined();
    expect(await errorOf({ Dockerfile: 'FROM busybox\nCOPY /etc/passwd /\n' }))
      .toBe('COPY failed: forbidden path outside the build context: /etc/passwd ()');
  });

  it('excluded files cannot be copied', async () => {
    expect(await errorOf({ Dockerfile: 'FROM busybox\nCOPY .env /\n', '.env': 'SECRET=1', '.dockerignore': '.env\n' }))
      .toBe('COPY failed: file not found in build context or excluded by .dockerignore: stat .env: file does not exist');
  });

  it('reports a missing Dockerfile and an unknown target', async () => {
    expect(await errorOf({ 'app.txt': 'x' })).toBe('Cannot locate specified Dockerfile: Dockerfile');
    expect(await errorOf({ Dockerfile: 'FROM busybox AS base\n' }, { target: 'prod' })).toBe('failed to reach build target prod in Dockerfile');
  });

  it('streams the steps up to the failure, and tags nothing', async () => {
    const d = await testDaemon();
    const r = await buildWith(d, { Dockerfile: 'FROM busybox\nRUN echo before\nRUN echo oops && exit 3\nRUN echo never\n' }, { tags: ['broken'] });
    expect(r.output).toContain('Step 3/4 : RUN echo oops && exit 3\n ---> Running in');
    expect(r.output).toContain('oops\n');
    expect(r.output).not.toContain('Step 4/4');
    expect(r.error).toBe("The command '/bin/sh -c echo oops && exit 3' returned a non-zero code: 3");
    expect(d.images.resolve('broken')).toBeUndefined();
  });
});
