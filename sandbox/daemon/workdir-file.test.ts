// A working directory that is a file: dockerd's SetupWorkingDirectory
// message, for WORKDIR in a build and for `docker run -w`.
import { describe, expect, it } from 'vitest';
import { buildWith, testDaemon } from './testing/harness.ts';

describe('a working directory that is a file', () => {
  it('WORKDIR fails the build as dockerd says it', async () => {
    const d = await testDaemon();
    expect((await buildWith(d, { Dockerfile: 'FROM busybox\nWORKDIR /etc/passwd\n' })).error).toBe('Cannot mkdir: /etc/passwd is not a directory');
    expect((await buildWith(d, { Dockerfile: 'FROM busybox\nWORKDIR /etc/passwd/sub\n' })).error).toBe('mkdir /etc/passwd/sub: not a directory');
  });

  it('docker run -w onto a file fails to start, exit code 128 and the error kept', async () => {
    const d = await testDaemon();
    const image = await d.getImage('busybox');
    const c = d.containers.create({ image, cmd: ['true'], workdir: '/etc/passwd' });
    expect(() => d.containers.start(c)).toThrow('Cannot mkdir: /etc/passwd is not a directory');
    expect(c.state).toMatchObject({ Status: 'exited', ExitCode: 128, Error: 'Cannot mkdir: /etc/passwd is not a directory' });
  });
});
