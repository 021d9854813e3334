// The engine's Web Worker: boots dockerd (the simulated engine) and the
// host machine whose /home/student is the workspace, then serves the page —
// terminals running the student's shell, Engine API requests from the
// panels, file operations from the editor — and reports every API call
// (the CLI's and the page's) for the API-traffic panel. The machine survives
// reloads: it boots into what an earlier visit stored and is saved again
// after each change (persistence.ts) — at once for the page's own file
// operations, which are answered once stored, and for 'persist' (the page
// is going away); 'reset' wipes it. Another tab on the same machine is
// reported (other-tabs.ts). The lessons' side
// lives here too (web/lessons/service.ts): the recorder that wraps the
// CLI's transport and follows the shell, grading, and the saved progress.
import { EngineClient, engineTransport, fetchPackageStore, fetchPublished, HostMachine, preloadCommandCode, publishedPortDialer, setPackageStore, setRealNode, type MemoryFs, type RealNodeProcess, type RealNodeSpec, type Transport } from '../../sandbox/index.ts';
import type { ApiRequest, ApiResponse } from '../../sandbox/api/types.ts';
import { WORKSPACE_ROOT, type FromWorker, type StorageProblem, type ToWorker, type TrafficEntry, type WireRequest, type WorkspaceEntry } from './protocol.ts';
import { bootMachine, startPersistence } from './persistence.ts';
import { DB_NAME } from './persist.ts';
import { watchOtherTabs } from './other-tabs.ts';
import { serveFileOp } from './file-ops.ts';
import { seedWorkspace } from './seed.ts';
import { installBrowserGuestWorkers } from './guest-pool.ts';
import { marksOfBuild, watchBuilds, type ObservedBuild } from './build-follow.ts';
import { LessonService } from '../lessons/service.ts';

declare const self: { name: string; postMessage(m: unknown, transfer?: unknown[]): void; onmessage: ((e: { data: ToWorker }) => void) | null };

const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => self.postMessage(m, transfer);
const enc = new TextEncoder();
const dec = new TextDecoder();
/** Bodies shown in the traffic panel are cut here. */
const MAX_SHOWN_BODY = 16 * 1024;
const MAX_WORKSPACE_ENTRIES = 5000;

let seq = 0;

/** `transport` with every call reported to the page as a traffic entry. */
function traced(transport: Transport, source: TrafficEntry['source'], onCall: (req: ApiRequest) => void): Transport {
  return async (req) => {
    const at = Date.now();
    const t0 = performance.now();
    const r = await transport(req);
    onCall(req);
    const query = [...(req.queryAll ?? new Map([...req.query].map(([k, v]) => [k, [v]])))].flatMap(([k, vs]) => vs.map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&');
    post({
      type: 'traffic',
      entry: {
        seq: ++seq, source, agent: [...req.headers].find(([k]) => k.toLowerCase() === 'user-agent')?.[1] ?? null,
        method: req.method, path: req.path, query, status: r.status, ms: performance.now() - t0, at,
        streamed: Boolean(r.stream || r.hijack), requestBody: shown(req.body, req.headers.get('Content-Type') ?? req.headers.get('content-type') ?? ''), responseBody: responseText(r),
      },
    });
    return r;
  };
}

function shown(body: Uint8Array | null, type: string): string | null {
  if (!body || body.length === 0) return null;
  if (type.includes('tar') || body.length > MAX_SHOWN_BODY) return `(${body.length} bytes${type ? `, ${type}` : ''})`;
  return dec.decode(body);
}

function responseText(r: ApiResponse): string | null {
  if (r.json !== undefined) { const t = JSON.stringify(r.json, null, 2); return t.length > MAX_SHOWN_BODY ? `${t.slice(0, MAX_SHOWN_BODY)}\n…` : t; }
  if (typeof r.body === 'string') return r.body.slice(0, MAX_SHOWN_BODY);
  if (r.body) return shown(r.body, r.headers?.['Content-Type'] ?? '');
  if (r.stream) return '(streamed)';
  if (r.hijack) return '(connection taken over: attach / exec)';
  return null;
}

function fromWire(w: WireRequest): ApiRequest {
  return { method: w.method, path: w.path, query: new Map(w.query), queryAll: new Map(w.queryAll), headers: new Map(w.headers), body: w.body };
}

/** The workspace's files, for the file tree (bounded). */
function listWorkspace(fs: MemoryFs): WorkspaceEntry[] {
  const out: WorkspaceEntry[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (out.length >= MAX_WORKSPACE_ENTRIES) return;
      const path = `${dir}/${name}`;
      const st = fs.lstatSync(path);
      const r = rel ? `${rel}/${name}` : name;
      out.push({ path: r, type: st.type === 'dir' ? 'dir' : st.type === 'symlink' ? 'symlink' : 'file', size: st.size, mtimeMs: st.mtimeMs });
      if (st.type === 'dir') walk(path, r);
    }
  };
  walk(WORKSPACE_ROOT, '');
  return out;
}

const signature = (entries: WorkspaceEntry[]): string => entries.map((e) => `${e.path}\0${e.size}\0${e.mtimeMs}`).join('\n');

async function boot(): Promise<void> {
  const t0 = performance.now();
  const guestWorkers = installBrowserGuestWorkers();
  // `npm` in containers installs from the store the site ships (public/npm-store/). Vite rewrites this URL
  // relative to this worker's own script (the site's assets/), so it holds for /, /embed/ and any subpath a static host serves the site from.
  setPackageStore(fetchPackageStore(new URL('./', new URL('/npm-store/index.json', import.meta.url)).href));
  // Messages that come before the engine is up wait for it (set before the
  // first await: the page may already be calling); reset is served as soon
  // as storage is open, even if the boot then fails.
  const early: ToWorker[] = [];
  let onReset: ((id: number) => void) | null = null;
  self.onmessage = ({ data: m }) => { if (m.type === 'reset' && onReset) onReset(m.id); else early.push(m); };
  // The machine an earlier visit left (IndexedDB), saved again after each change.
  const report = (kind: StorageProblem, message: string): void => post({ type: 'storage-error', kind, message });
  // The course progress (and what the recorder saw) is kept apart from the machine: a reset keeps the points.
  // startEngine({ machineStore }) names the worker `engine:<store>`: an embed keeps its machine apart from the full page's.
  const machineStore = self.name.startsWith('engine:') ? self.name.slice('engine:'.length) : undefined;
  const [persistence, lessons] = await Promise.all([
    startPersistence(globalThis.indexedDB, report, machineStore ? { name: machineStore } : {}),
    LessonService.open(globalThis.indexedDB, report),
  ]);
  // The same machine open in another tab: both save here, the last save wins; the student is told.
  watchOtherTabs(machineStore ?? DB_NAME, () => report('other-tab', 'another tab has this playground open'));
  const resetMachine = (id: number): void => {
    Promise.all([persistence.reset(), lessons.reset()]).then(() => post({ type: 'reset-done', id }), (e: Error) => post({ type: 'reset-done', id, error: e.message }));
  };
  onReset = resetMachine;
  const { engine, fs, restored } = await bootMachine(persistence, report);
  const transport = engineTransport(engine);
  let lastSignature = '';
  let pendingScan: ReturnType<typeof setTimeout> | null = null;
  /** The workspace may have changed (a command ran, a container wrote to a bind mount): tell the page if it did. */
  const scanSoon = (): void => {
    persistence.changed();
    if (pendingScan) return;
    pendingScan = setTimeout(() => {
      pendingScan = null;
      const entries = listWorkspace(fs);
      const sig = signature(entries);
      if (sig === lastSignature) return;
      lastSignature = sig;
      post({ type: 'workspace', id: null, entries });
    }, 150);
  };
  const mutating = (req: ApiRequest): void => { if (req.method !== 'GET' && req.method !== 'HEAD') scanSoon(); };
  // The CLI's calls: watched for the editor's build marks, shown in the traffic panel, and recorded for the lessons' checks.
  const host = new HostMachine({ client: new EngineClient(lessons.recorder.wrap(traced(watchBuilds(transport, (b) => followBuild(b)), 'cli', mutating))), fs, dialPublished: publishedPortDialer(engine) });
  if (!restored) seedWorkspace(fs, WORKSPACE_ROOT);
  persistence.attach(engine, WORKSPACE_ROOT);
  const pageTransport = traced(transport, 'page', mutating);
  lessons.attach({ host, fs, root: WORKSPACE_ROOT, client: new EngineClient(pageTransport), changed: scanSoon, onProgress: (l) => post({ type: 'lessons-progress', lessons: l }) });
  const terminals = new Map<number, ReturnType<HostMachine['openTerminal']>>();
  // The docker CLI and tar-stream are not needed for the prompt: they load once it is out (or a second after
  // the engine is ready, without a terminal), so the first docker command typed does not wait for them.
  let preloaded = false;
  const preload = (): void => {
    if (preloaded) return;
    preloaded = true;
    preloadCommandCode().catch(() => { /* each loads again where it is first used */ });
  };
  const streams = new Map<number, () => void>();
  const path = (p: string): string => `${WORKSPACE_ROOT}/${p.replace(/^\/+/, '')}`;
  /** A `docker build` from the terminal has ended: its marks go to the editor (build-follow.ts), read through the API as the page would. */
  const followBuild = (b: ObservedBuild): void => {
    const read = (p: string): Uint8Array | null => { try { return fs.readFileSync(path(p)); } catch { return null; } };
    const workspace = { files: listWorkspace(fs).filter((e) => e.type === 'file'), read };
    marksOfBuild(b, { client: new EngineClient(pageTransport), workspace }).then((r) => { if (r) post({ type: 'build-marks', ...r }); }, () => {});
  };

  self.onmessage = ({ data: m }) => {
    switch (m.type) {
      case 'open-terminal': {
        const t = host.openTerminal({ cols: m.cols, rows: m.rows });
        terminals.set(m.id, t);
        // Output is gathered for a few ms: one message per burst, not per write.
        let buffered: Uint8Array[] = [];
        let timer: ReturnType<typeof setTimeout> | null = null;
        t.onOutput((d) => {
          buffered.push(d.slice());
          timer ??= setTimeout(() => {
            timer = null;
            const total = buffered.reduce((n, b) => n + b.length, 0);
            const out = new Uint8Array(total);
            let off = 0;
            for (const b of buffered) { out.set(b, off); off += b.length; }
            buffered = [];
            post({ type: 'terminal-output', id: m.id, data: out }, [out.buffer]);
            scanSoon();
            preload();
          }, 4);
        });
        void t.exited.then((code) => { terminals.delete(m.id); post({ type: 'terminal-exit', id: m.id, code }); });
        return;
      }
      case 'terminal-input': terminals.get(m.id)?.input(m.data); return;
      case 'terminal-resize': terminals.get(m.id)?.resize({ cols: m.cols, rows: m.rows }); return;
      case 'api': void serveApi(m.id, m.req); return;
      case 'api-cancel': streams.get(m.id)?.(); return;
      case 'fs':
        // A change is answered once stored: "Saved" in the editor survives a reload or a crash right after it.
        serveFileOp(fs, WORKSPACE_ROOT, m.op, persistence, scanSoon).then(
          (r) => post({ type: 'fs-result', id: m.id, ...r }, r.data ? [r.data.buffer as ArrayBuffer] : []),
          (e: Error) => post({ type: 'fs-result', id: m.id, error: e.message }),
        );
        return;
      case 'persist': void persistence.flush(); void lessons.flush(); return;
      case 'http':
        fetchPublished(engine, m.port, m.req).then(
          (res) => post({ type: 'http-result', id: m.id, res }, [res.body.buffer as ArrayBuffer]),
          (e: Error) => post({ type: 'http-result', id: m.id, error: e.message }),
        );
        return;
      case 'real-node':
        setRealNode(m.enabled ? realNodeRunner : null);
        return;
      case 'real-node-output': realNodes.get(m.id)?.output(m.data); return;
      case 'real-node-exit': realNodes.get(m.id)?.exit(m.code); realNodes.delete(m.id); return;
      case 'real-node-failed': realNodes.get(m.id)?.fail(m.message); realNodes.delete(m.id); return;
      case 'reset': resetMachine(m.id); return;
      case 'lesson':
        lessons.handle(m.req).then((reply) => post({ type: 'lesson-reply', id: m.id, reply }), (e: Error) => post({ type: 'lesson-reply', id: m.id, error: e.message }));
        return;
      case 'list-workspace': {
        const entries = listWorkspace(fs);
        lastSignature = signature(entries);
        post({ type: 'workspace', id: m.id, entries });
        return;
      }
    }
  };

  /** `node` processes running in the page's WebContainer, by id. */
  const realNodes = new Map<number, { output(d: Uint8Array): void; exit(code: number): void; fail(message: string): void }>();
  let realNodeIds = 0;
  const realNodeRunner = (spec: RealNodeSpec): Promise<RealNodeProcess> => {
    const id = ++realNodeIds;
    let listener: ((stream: 1 | 2, d: Uint8Array) => void) | null = null;
    const early: Uint8Array[] = [];
    let resolveExit: (code: number) => void = () => {};
    let rejectExit: (e: Error) => void = () => {};
    const exit = new Promise<number>((resolve, reject) => { resolveExit = resolve; rejectExit = reject; });
    realNodes.set(id, {
      output: (d) => { if (listener) listener(1, d); else early.push(d); },
      exit: resolveExit,
      fail: (message) => rejectExit(new Error(message)),
    });
    post({ type: 'real-node-spawn', id, spec });
    return Promise.resolve({
      onOutput: (fn) => { listener = fn; for (const d of early.splice(0)) fn(1, d); },
      write: (data) => post({ type: 'real-node-input', id, data }),
      closeStdin: () => post({ type: 'real-node-input', id, data: null }),
      kill: (signal) => post({ type: 'real-node-kill', id, signal }),
      exit,
    });
  };

  async function serveApi(id: number, wire: WireRequest): Promise<void> {
    try {
      const r = await pageTransport(fromWire(wire));
      if (r.hijack) {
        // A panel's exec (docker exec c ps): the connection's output as a stream; the panel sends no input.
        post({ type: 'api-head', id, status: r.status, headers: r.headers ?? {}, body: null, streamed: true });
        let cancel = (): void => {};
        const closed = new Promise<void>((resolve) => { cancel = resolve; });
        streams.set(id, cancel);
        await r.hijack({
          write: async (chunk) => { const c = chunk.slice(); post({ type: 'api-chunk', id, chunk: c }, [c.buffer]); },
          read: async () => null,
          close: cancel,
          closed,
        });
        streams.delete(id);
        post({ type: 'api-end', id });
        return;
      }
      const body = r.json !== undefined ? enc.encode(JSON.stringify(r.json)) : typeof r.body === 'string' ? enc.encode(r.body) : r.body ?? null;
      const headers = { ...r.headers, ...(r.json !== undefined && { 'Content-Type': 'application/json' }) };
      post({ type: 'api-head', id, status: r.status, headers, body, streamed: Boolean(r.stream) });
      if (!r.stream) return;
      let cancel = (): void => {};
      const closed = new Promise<void>((resolve) => { cancel = resolve; });
      streams.set(id, cancel);
      await r.stream(async (chunk) => { const c = chunk.slice(); post({ type: 'api-chunk', id, chunk: c }, [c.buffer]); }, closed);
      streams.delete(id);
      post({ type: 'api-end', id });
    } catch (e) {
      post({ type: 'api-error', id, message: (e as Error).message });
    }
  }

  lastSignature = signature(listWorkspace(fs));
  post({ type: 'lessons-progress', lessons: lessons.lessons });
  for (const m of early.splice(0)) self.onmessage?.({ data: m });
  post({ type: 'ready', images: engine.images.list().length, bootMs: performance.now() - t0, guestWorkers });
  setTimeout(preload, 1000);
}

boot().catch((e: unknown) => post({ type: 'boot-error', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }));
