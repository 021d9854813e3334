// The code a guest worker runs: it receives the program to run and a
// channel buffer, builds a GuestSys whose system calls block on the channel
// (so the guest keeps Node's synchronous fs, and a throttled CPU slice
// really waits), runs the node guest, and reports its exit status.
import { ChannelClient, type ErrorShape } from './channel.ts';
import { GuestKilled, NodeGuest, type GuestSys, type MainSpec } from './guest.ts';
import { newQuickJS, useQuickJSWasm } from './quickjs.ts';
import { SysCallError } from './sys-error.ts';
import type { EnginePort } from './workers.ts';
import { WasiGuest, type WasiSpec } from '../wasi/guest.ts';

/** What the engine sends to start a guest. */
export type GuestInit = { type: 'init'; buffer: SharedArrayBuffer; now: number } & (
  | { kind: 'node'; main: MainSpec }
  | { kind: 'wasi'; spec: WasiSpec }
);

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
 * compiles it again.
 */
export function startGuestWorker(port: EnginePort, options: { quickjsWasm?: WebAssembly.Module } = {}): void {
  const wasm = options.quickjsWasm;
  if (wasm) useQuickJSWasm(() => Promise.resolve(wasm));
  // Made before the program arrives, so a spare worker is ready at once; every guest gets an
  // instance of its own, the next one made when this guest is over (one instance alive at a time).
  let next: ReturnType<typeof newQuickJS> | null = newQuickJS();
  next.catch(() => {});
  port.onMessage((message) => {
    const init = message as GuestInit;
    if (init.type !== 'init') return;
    if (init.kind === 'wasi') { void runWasi(port, init); return; }
    const mine = next ?? newQuickJS();
    next = null;
    void run(port, init, mine).finally(() => {
      next = newQuickJS();
      next.catch(() => {});
    });
  });
}

async function run(port: EnginePort, init: GuestInit & { kind: 'node' }, quickjs: ReturnType<typeof newQuickJS>): Promise<void> {
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
  };
  try {
    const code = await new NodeGuest(sys, await quickjs).run(init.main);
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
