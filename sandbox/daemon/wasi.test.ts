// WASI preview1 modules as container processes: modules written in the
// WebAssembly text format (compiled here with wabt) run from an executable
// .wasm file — args, environment, files under /, stdin and stdout, exit
// codes, sleeping, memory charged to the cgroup and capped by memory.max,
// and a module that never returns stopped by docker kill.
import initWabt from 'wabt';
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { buildWith, logText as text, until } from './testing/harness.ts';

const wabt = await initWabt();

/** A WASI command: `body` is _start's code; the imports and a 64 KiB scratch memory are given. */
function wasiModule(body: string, data = '', extra = ''): Uint8Array {
  const wat = `(module
    (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
    (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
    (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_tell" (func $fd_tell (param i32 i32) (result i32)))
    (memory (export "memory") 1)
    ${data}
    ;; write(fd, ptr, len): one iovec at 0..8, count at 8
    (func $write (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
      (i32.store (i32.const 0) (local.get $ptr))
      (i32.store (i32.const 4) (local.get $len))
      (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
    ;; read(fd, ptr, len) -> bytes read
    (func $read (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
      (i32.store (i32.const 0) (local.get $ptr))
      (i32.store (i32.const 4) (local.get $len))
      (drop (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
      (i32.load (i32.const 8)))
    ${extra}
    (func (export "_start") ${body}))`;
  const parsed = wabt.parseWat('test.wat', wat);
  parsed.resolveNames();
  parsed.validate();
  return parsed.toBinary({}).buffer;
}

async function withModule(d: Daemon, module: Uint8Array, cmd: string[], opts: { memory?: number; input?: string } = {}): Promise<{ out: string; err: string; code: number; oom: boolean }> {
  // The module goes in through a file the shell decodes (base64), then runs as an executable.
  const b64 = Buffer.from(module).toString('base64');
  const script = `echo ${b64} | base64 -d > /prog.wasm && chmod +x /prog.wasm && mkdir -p /data && echo 'file content' > /data/in.txt && ${opts.input !== undefined ? `printf '%s' '${opts.input}' | ` : ''}exec "$@"`;
  const { container, exitCode } = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', script, 'sh', ...cmd], ...(opts.memory && { memory: opts.memory }) });
  return { out: text(container), err: text(container, 'stderr'), code: exitCode, oom: container.state.OOMKilled };
}

const daemon = (): Promise<Daemon> => Daemon.create({ newId: sequentialIds('wasi') });

describe('WASI modules as processes', () => {
  it('runs an executable .wasm file: stdout, the exit code from proc_exit', async () => {
    const d = await daemon();
    const hello = wasiModule('(drop (call $write (i32.const 1) (i32.const 100) (i32.const 16))) (call $proc_exit (i32.const 3))', '(data (i32.const 100) "hello from wasm\\n")');
    expect(await withModule(d, hello, ['/prog.wasm'])).toEqual({ out: 'hello from wasm\n', err: '', code: 3, oom: false });
  });

  it('passes args and the environment as WASI sees them', async () => {
    const d = await daemon();
    const args = wasiModule(`
      (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
      (drop (call $args_get (i32.const 1024) (i32.const 2048)))
      (drop (call $write (i32.const 1) (i32.const 2048) (i32.load (i32.const 20))))
      (drop (call $environ_sizes_get (i32.const 16) (i32.const 20)))
      (drop (call $environ_get (i32.const 1024) (i32.const 4096)))
      (drop (call $write (i32.const 2) (i32.const 4096) (i32.load (i32.const 20))))`);
    const r = await withModule(d, args, ['/prog.wasm', 'uno', 'dos tres']);
    expect(r.out).toBe('/prog.wasm\0uno\0dos tres\0');
    expect(r.err).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\0');
    expect(r.code).toBe(0);
  });

  it('reads and writes files under the preopened / and echoes stdin', async () => {
    const d = await daemon();
    const files = wasiModule(`(local i32)
      ;; open /data/in.txt (relative to the preopen "/": "data/in.txt") and copy it to stdout
      (drop (call $path_open (i32.const 3) (i32.const 1) (i32.const 200) (i32.const 11) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 24)))
      (drop (call $write (i32.const 1) (i32.const 4096) (call $read (i32.load (i32.const 24)) (i32.const 4096) (i32.const 100))))
      (drop (call $fd_close (i32.load (i32.const 24))))
      ;; create /tmp/out.txt (O_CREAT|O_TRUNC, write rights) with "written\\n"
      (drop (call $path_open (i32.const 3) (i32.const 1) (i32.const 220) (i32.const 11) (i32.const 9) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 24)))
      (drop (call $write (i32.load (i32.const 24)) (i32.const 240) (i32.const 8)))
      (drop (call $fd_close (i32.load (i32.const 24))))
      ;; stdin to stdout until end of file
      (block $done (loop $more
        (local.set 0 (call $read (i32.const 0) (i32.const 8192) (i32.const 1000)))
        (br_if $done (i32.eqz (local.get 0)))
        (drop (call $write (i32.const 1) (i32.const 8192) (local.get 0)))
        (br $more)))
      ;; a missing file: path_open reports ENOENT (44) as its exit code
      (call $proc_exit (call $path_open (i32.const 3) (i32.const 1) (i32.const 260) (i32.const 4) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 24)))`,
    '(data (i32.const 200) "data/in.txt") (data (i32.const 220) "tmp/out.txt") (data (i32.const 240) "written\\n") (data (i32.const 260) "nope")');
    const r = await withModule(d, files, ['sh', '-c', '/prog.wasm; echo "exit=$?"; cat /tmp/out.txt'], { input: 'from stdin\n' });
    expect(r).toEqual({ out: 'file content\nfrom stdin\nexit=44\nwritten\n', err: '', code: 0, oom: false });
  });

  it('seeks in a file (SET, CUR, END), tells the position and refuses an unknown whence', async () => {
    const d = await daemon();
    // /data/in.txt is "file content" and a newline (13 bytes)
    const seeker = wasiModule(`
      (drop (call $path_open (i32.const 3) (i32.const 1) (i32.const 200) (i32.const 11) (i32.const 0) (i64.const 6) (i64.const 0) (i32.const 0) (i32.const 24)))
      ;; 8 back from the end lands on "content": print 4 bytes of it
      (drop (call $fd_seek (i32.load (i32.const 24)) (i64.const -8) (i32.const 2) (i32.const 32)))
      (drop (call $write (i32.const 1) (i32.const 4096) (call $read (i32.load (i32.const 24)) (i32.const 4096) (i32.const 4))))
      ;; tell (9), then CUR+1 (10): printed as the digits "9" and "0"+10-9
      (drop (call $fd_tell (i32.load (i32.const 24)) (i32.const 40)))
      (drop (call $fd_seek (i32.load (i32.const 24)) (i64.const 1) (i32.const 1) (i32.const 48)))
      (i32.store8 (i32.const 300) (i32.add (i32.const 48) (i32.load (i32.const 40))))
      (i32.store8 (i32.const 301) (i32.add (i32.const 39) (i32.load (i32.const 48))))
      (drop (call $write (i32.const 1) (i32.const 300) (i32.const 2)))
      ;; whence 7 is not SET, CUR or END: EINVAL (28) as the exit code
      (call $proc_exit (call $fd_seek (i32.load (i32.const 24)) (i64.const 0) (i32.const 7) (i32.const 56)))`,
    '(data (i32.const 200) "data/in.txt")');
    expect(await withModule(d, seeker, ['/prog.wasm'])).toEqual({ out: 'cont91', err: '', code: 28, oom: false });
  });

  it('sleeps with poll_oneoff; a module that never returns is stopped by docker kill while others run', async () => {
    const d = await daemon();
    const sleeper = wasiModule(`
      ;; one relative clock subscription of 50 ms at 512
      (i64.store (i32.const 536) (i64.const 50000000))
      (drop (call $poll_oneoff (i32.const 512) (i32.const 600) (i32.const 1) (i32.const 700)))
      (drop (call $write (i32.const 1) (i32.const 100) (i32.const 6)))`, '(data (i32.const 100) "awake\\n")');
    const t = Date.now();
    expect(await withModule(d, sleeper, ['/prog.wasm'])).toMatchObject({ out: 'awake\n', code: 0 });
    expect(Date.now() - t).toBeGreaterThanOrEqual(45);

    const spin = wasiModule('(drop (call $write (i32.const 1) (i32.const 100) (i32.const 9))) (loop $forever (br $forever))', '(data (i32.const 100) "spinning\\n")');
    const b64 = Buffer.from(spin).toString('base64');
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', `echo ${b64} | base64 -d > /spin.wasm && chmod +x /spin.wasm && exec /spin.wasm`] });
    d.containers.start(c);
    await until(() => text(c) === 'spinning\n', 'the spinning module');
    const other = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['echo', 'still here'] });
    expect(text(other.container)).toBe('still here\n');
    d.containers.kill(c, 9);
    await until(() => !c.state.Running, 'the kill');
    expect(c.state.ExitCode).toBe(137);
  });

  it('charges linear memory to the cgroup and caps it at memory.max', async () => {
    const d = await daemon();
    // memory.grow by `pages`: the old size, or -1 when the cap refuses it; the exit code says which.
    const grow = (pages: number): Uint8Array => wasiModule(`(call $proc_exit (i32.eq (memory.grow (i32.const ${pages})) (i32.const -1)))`);
    expect(await withModule(d, grow(50), ['/prog.wasm'], { memory: 64 * 1024 * 1024 })).toMatchObject({ code: 0 });
    expect(await withModule(d, grow(200), ['/prog.wasm'], { memory: 8 * 1024 * 1024 })).toMatchObject({ code: 1 });
  });

  it('says what is wrong with a module that is not a WASI command', async () => {
    const d = await daemon();
    const parsed = wabt.parseWat('lib.wat', '(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))');
    const r = await withModule(d, parsed.toBinary({}).buffer, ['/prog.wasm']);
    expect(r).toMatchObject({ err: '/prog.wasm: the module has no _start: only WASI commands can run as programs\n', code: 126 });
  });

  it('docker run --platform wasi/wasm runs an image whose command is a module (FROM scratch, not executable)', async () => {
    const d = await daemon();
    const hello = wasiModule('(drop (call $write (i32.const 1) (i32.const 100) (i32.const 11)))', '(data (i32.const 100) "hello wasi\\n")');
    const built = await buildWith(d, { Dockerfile: 'FROM scratch\nCOPY hello.wasm /hello.wasm\nENTRYPOINT ["/hello.wasm"]\n', 'hello.wasm': { content: hello, mode: 0o644 } });
    expect(built.error).toBeUndefined();
    const { container, exitCode } = await d.run({ image: built.image!, platform: 'wasi/wasm' });
    expect([text(container), exitCode]).toEqual(['hello wasi\n', 0]);
    // Linux images do not become wasm by asking: the command must be a module.
    const bb = d.containers.create({ image: d.images.mustResolve('busybox'), platform: 'wasi/wasm', cmd: ['echo', 'hi'] });
    expect(() => d.containers.start(bb)).toThrow('exec: "echo": not a WebAssembly module (this container runs with --platform wasi/wasm)');
    expect(() => d.containers.create({ image: d.images.mustResolve('busybox'), platform: 'linux/arm64' })).toThrow(/does not match the specified platform: wanted linux\/arm64, actual: linux\/amd64/);
  });
});
