// The code a guest worker runs: it receives the program to run and a
// channel buffer, builds a GuestSys whose system calls block on the channel
// (so the guest keeps Node's synchronous fs, and a throttled CPU slice
// really waits), runs the node guest, and reports its exit status.
//
// The pool may also ask it to take the snapshot of the compiled built-ins
// and of the package files in the engine's code cache ('warm'): it is
// posted back ('snapshot') for the pool to hand to every worker it starts
// ('setup', or the options a Node worker starts with). A node guest tells
// the pool which package files it compiled ('compiled').
import { ChannelClient, type ErrorShape } from './channel.ts';
import { GuestKilled, NodeGuest, type GuestSys, type MainSpec } from './guest.ts';
import { nodeVM, takeLibSnapshot, useLibSnapshot, warmLibSnapshot } from './lib-snapshot.ts';
import { useQuickJSWasm } from './quickjs.ts';
import type { CachedFile } from './code-cache.ts';
import type { GuestVM, QuickJSSnapshot } from './snapshot.ts';
import { SysCallError } from './sys-error.ts';
import type { EnginePort } from './workers.ts';
import { WasiGuest, type WasiSpec } from '../wasi/guest.ts';

/** What the engine sends to start a guest. */
export type GuestInit = { type: 'init'; buffer: SharedArrayBuffer; now: number } & (
  | { kind: 'node'; main: MainSpec; memoryCeiling: number }
  | { kind: 'wasi'; spec: WasiSpec }
);

/**
 * What a worker may be given besides guests: QuickJS's compiled WASM, the
 * built-ins' snapshot, and the memory ceiling node guests last had (a
 * runtime is made ready for it before the next one arrives).
 */
export interface GuestWorkerSetup { quickjsWasm?: WebAssembly.Module; snapshot?: QuickJSSnapshot; memoryCeiling?: number }

/** How long a guest may run inside one turn before it checks in (cpu.max, as the kernel's slice). */
const SLICE_MS = 4;

function rebuild(e: ErrorShape): Error {
  if (e.kind === 'SysCallError') return new SysCallError(String(e.props.code), String(e.props.syscall), e.props.path as string | undefined, e.props.dest as string | undefined);
  if (e.kind === 'Killed') return new GuestKilled(Number(e.props.signal ?? 9));
  return new Error(e.message);
}

/**
 * Serves guests sent through `port`. `quickjsWasm`: the QuickJS WASM already
 * compiled (by the engine's thread, shared by all workers), so no instance
 * compiles it again; `snapshot`: the built-ins already compiled. Both may
 * also come later in a 'setup' message (a browser worker has no start-up
 * data); 'warm' asks this worker to take the snapshot and post it back.
 */
export function startGuestWorker(port: EnginePort, options: GuestWorkerSetup = {}): void {
  const setup = (o: GuestWorkerSetup): void => {
    const wasm = o.quickjsWasm;
    if (wasm) useQuickJSWasm(() => Promise.resolve(wasm));
    if (o.snapshot) useLibSnapshot(o.snapshot);
    const ceiling = o.memoryCeiling ?? next?.ceiling;
    next = null;
    if (ceiling) prepare(ceiling);
  };
  // Made before the program arrives, so a spare worker is ready at once (for the memory
  // ceiling the last guest had); every guest gets an instance of its own.
  let next: { ceiling: number; vm: Promise<GuestVM> } | null = null;
  const prepare = (ceiling: number): void => {
    next = { ceiling, vm: nodeVM(ceiling) };
    next.vm.catch(() => {});
  };
  setup(options);
  port.onMessage((message) => {
    const m = message as GuestInit | ({ type: 'setup' } & GuestWorkerSetup) | { type: 'warm'; files?: CachedFile[] };
    if (m.type === 'setup') { setup(m); return; }
    if (m.type === 'warm') {
      void (m.files && m.files.length > 0 ? takeLibSnapshot(m.files) : warmLibSnapshot()).then((snapshot) => {
        port.post({ type: 'snapshot', snapshot });
        if (snapshot && next) prepare(next.ceiling);
      });
      return;
    }
    if (m.type !== 'init') return;
    if (m.kind === 'wasi') { void runWasi(port, m); return; }
    const vm = next !== null && next.ceiling === m.memoryCeiling ? next.vm : nodeVM(m.memoryCeiling);
    next = null;
    void run(port, m, vm).finally(() => prepare(m.memoryCeiling));
  });
}

async function run(port: EnginePort, init: GuestInit & { kind: 'node' }, vm: Promise<GuestVM>): Promise<void> {
  const client = new ChannelClient(init.buffer, () => port.post({ type: 'wake' }));
  const offset = init.now - performance.now();
  let lastSettle = performance.now();
  const call = (op: string, args: unknown[]): unknown => {
    const r = client.call({ op, args }) as { ok?: unknown; error?: ErrorShape };
    if (r.error) throw rebuild(r.error);
    return r.ok;
  };
  const sys: GuestSys = {
    call,
    poll: (deadline) => call('poll', [deadline]) as { events: []; now: number },
    settleCpu: () => {
      call('settle', []);
      lastSettle = performance.now();
    },
    busyCheck: () => {
      if (performance.now() - lastSettle >= SLICE_MS) {
        call('settle', []);
        lastSettle = performance.now();
      }
    },
    now: () => performance.now() + offset,
    killed: () => null,
    finish: () => { call('finish', []); },
    reportCompiled: (files) => port.post({ type: 'compiled', files }),
  };
  try {
    const code = await new NodeGuest(sys, await vm).run(init.main);
    port.post({ type: 'exit', code });
  } catch (e) {
    if (e instanceof GuestKilled) port.post({ type: 'killed', signal: e.signal });
    else port.post({ type: 'failed', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
  }
}

/** A WASI module: its calls block on the channel (stdin reads, sleeps, a full stdout). */
async function runWasi(port: EnginePort, init: GuestInit & { kind: 'wasi' }): Promise<void> {
  const client = new ChannelClient(init.buffer, () => port.post({ type: 'wake' }));
  const call = (op: string, args: unknown[]): unknown => {
    const r = client.call({ op, args }) as { ok?: unknown; error?: ErrorShape };
    if (r.error) throw rebuild(r.error);
    return r.ok;
  };
  try {
    const code = await new WasiGuest({ call, killed: () => null }, init.spec).run();
    call('finish', []);
    port.post({ type: 'exit', code });
  } catch (e) {
    if (e instanceof GuestKilled) port.post({ type: 'killed', signal: e.signal });
    else port.post({ type: 'failed', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
  }
}
