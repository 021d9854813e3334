// The optional real Node.js: StackBlitz's WebContainer, loaded and booted
// on demand. It needs a cross-origin isolated page and the network (its
// runtime comes from StackBlitz); offline its boot never settles, so it is
// given a few seconds and otherwise the playground stays on QuickJS and
// says why. Each `node` process gets the container files it needs mounted
// under its own directory, and its terminal output (stdout and stderr
// merged, as WebContainer gives them) streamed back to the engine.
import type { RealNodeHost } from '../engine/connection.ts';

export type BootResult = { ok: true; host: RealNodeHost } | { ok: false; reason: 'not-isolated' | 'failed'; detail: string };

export const BOOT_TIMEOUT_MS = 8000;

type Tree = Record<string, { file: { contents: Uint8Array } } | { directory: Tree }>;

function treeOf(files: Array<{ path: string; data: Uint8Array }>): Tree {
  const root: Tree = {};
  for (const f of files) {
    const parts = f.path.split('/').filter(Boolean);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const next = dir[part];
      if (next && 'directory' in next) dir = next.directory;
      else { const d: Tree = {}; dir[part] = { directory: d }; dir = d; }
    }
    dir[parts[parts.length - 1]!] = { file: { contents: f.data } };
  }
  return root;
}

let booted: Promise<BootResult> | null = null;

/** Boots WebContainer once (later calls share the result). */
export function bootRealNode(timeoutMs = BOOT_TIMEOUT_MS): Promise<BootResult> {
  booted ??= (async (): Promise<BootResult> => {
    if (!crossOriginIsolated) return { ok: false, reason: 'not-isolated', detail: 'the page is not cross-origin isolated' };
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const { WebContainer } = await import('@webcontainer/api');
      const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs); });
      const wc = await Promise.race([WebContainer.boot({ coep: 'require-corp' }), timeout]);
      return { ok: true, host: hostOf(wc) };
    } catch (e) {
      return { ok: false, reason: 'failed', detail: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  })();
  const result = booted;
  // A failed boot may be retried later (the network may come back).
  void result.then((r) => { if (!r.ok && r.reason === 'failed' && booted === result) booted = null; });
  return result;
}

type WC = Awaited<ReturnType<typeof import('@webcontainer/api').WebContainer.boot>>;

function hostOf(wc: WC): RealNodeHost {
  let next = 0;
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  return {
    spawn(spec, events) {
      const dir = `c${++next}`;
      const inside = (path: string): string => `${dir}${path}`;
      let proc: Awaited<ReturnType<WC['spawn']>> | null = null;
      let killed = false;
      void (async () => {
        try {
          await wc.mount(treeOf(spec.files), { mountPoint: dir });
          const paths = new Set(spec.files.map((f) => f.path));
          const args = spec.argv.slice(1).map((a) => (a.startsWith('/') && paths.has(a) ? `${wc.workdir}/${inside(a)}` : a));
          proc = await wc.spawn('node', args, { cwd: inside(spec.cwd), env: Object.fromEntries(spec.env), output: true });
          if (killed) proc.kill();
          void proc.output.pipeTo(new WritableStream({ write: (chunk) => events.output(enc.encode(chunk)) }));
          events.exit(await proc.exit);
        } catch (e) {
          events.fail(`real Node.js could not run it: ${e instanceof Error ? e.message : String(e)}`);
        }
      })();
      const writer = (): WritableStreamDefaultWriter<string> | null => proc?.input.getWriter() ?? null;
      return {
        input: (d) => {
          const w = writer();
          if (!w) return;
          void (d ? w.write(dec.decode(d)) : w.close()).finally(() => w.releaseLock());
        },
        kill: () => { killed = true; proc?.kill(); },
      };
    },
  };
}
