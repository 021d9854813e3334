// Unix stream sockets by path: connect() checks the file as Linux does
// (missing, not writable, not a bound socket) and then hands the server its
// end; bytes flow both ways and closing one end is the other's end of file.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { SysError } from './errno.ts';
import { FdTable } from './fd.ts';
import { Kernel } from './kernel.ts';
import type { Program } from './process.ts';
import type { UnixStream } from './unix.ts';

const io = { wait: <T>(p: Promise<T>) => p, charge: () => {}, cgroup: null };
const enc = new TextEncoder();
const dec = new TextDecoder();

function machine() {
  const kernel = new Kernel();
  const fs = new MemoryFs();
  fs.mkdirSync('/run', { recursive: true });
  fs.mkdirSync('/var', { recursive: true });
  fs.symlinkSync('/run', '/var/run');
  fs.writeFileSync('/run/docker.sock', new Uint8Array(0), { mode: 0o660, uid: 0, gid: 999 });
  fs.writeFileSync('/run/plain', new Uint8Array(0), { mode: 0o666 });
  const run = (program: Program, groups: number[] = [999]): Promise<number> => {
    const task = kernel.spawn({
      program, argv: ['client'], env: new Map(), cwd: '/var', creds: { uid: 1000, gid: 1000, groups },
      fs, fds: new FdTable(), cgroup: kernel.rootCgroup, uts: { hostname: 'h' }, parent: null,
    });
    return kernel.waitExit(task).then((s) => s.code);
  };
  return { kernel, run };
}

describe('Unix stream sockets', () => {
  it('connects through a symlinked path to the bound socket: a request in, an answer out, then end of file', async () => {
    const { kernel, run } = machine();
    const served: string[] = [];
    kernel.unix.bind('/run/docker.sock', (conn: UnixStream) => {
      void (async () => {
        const got = await conn.read(1024, io);
        served.push(dec.decode(got!));
        await conn.write(enc.encode('pong'), io);
        conn.drop();
      })();
    });
    let answer = '';
    const code = await run(async (p) => {
      const fd = p.connectUnix('run/docker.sock');
      await p.write(fd, 'ping');
      for (let c = await p.read(fd, 1024); c; c = await p.read(fd, 1024)) answer += dec.decode(c);
      p.close(fd);
      return 0;
    });
    expect([code, served, answer]).toEqual([0, ['ping'], 'pong']);
  });

  it('refuses as Linux does: ENOENT, EACCES without write permission, ECONNREFUSED for a file nobody bound', async () => {
    const { kernel, run } = machine();
    const close = kernel.unix.bind('/run/docker.sock', (conn) => conn.drop());
    const errors: string[] = [];
    const attempt = (path: string): Program => async (p) => {
      try { p.close(p.connectUnix(path)); errors.push('ok'); } catch (e) { errors.push((e as SysError).errno); }
      return 0;
    };
    await run(attempt('/run/missing.sock'));
    await run(attempt('/var/run/docker.sock'), []);
    await run(attempt('/run/plain'));
    await run(attempt('/var/run/docker.sock'));
    close();
    await run(attempt('/var/run/docker.sock'));
    expect(errors).toEqual(['ENOENT', 'EACCES', 'ECONNREFUSED', 'ok', 'ECONNREFUSED']);
    expect(() => { kernel.unix.bind('/run/docker.sock', () => {}); kernel.unix.bind('/run/docker.sock', () => {}); }).toThrow(SysError);
  });
});
