// The page's end of the engine worker: an Engine API client whose transport
// is postMessage (what the panels use — the same API the CLI uses), host
// terminals, workspace file operations, subscriptions to the API traffic,
// workspace changes and storage problems the worker reports, and reset (a
// clean machine: the stored playground wiped, the engine rebooted in a new
// worker). For the lesson pane: requests to the worker's lesson service
// and the learner's progress, the host terminal to type into as the student
// would (TerminalTap), and asking the editor to show a file.
import { EngineClient, type Transport } from '../../sandbox/index.ts';
import type { ApiResponse } from '../../sandbox/api/types.ts';
import type { LessonProgress } from '../lessons/progress.ts';
import type { BuildMarkWire, FromWorker, FsOp, HttpRequest, HttpResponse, LessonReplies, LessonRequest, RealNodeWireSpec, StorageProblem, ToWorker, TrafficEntry, WireRequest, WorkspaceEntry } from './protocol.ts';

interface WorkerLike {
  postMessage(m: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<FromWorker>) => void): void;
  terminate(): void;
}

interface PendingApi {
  resolve(r: ApiResponse): void;
  reject(e: Error): void;
  /** Chunks of a streamed answer that arrived before anyone read them. */
  chunks: Uint8Array[];
  ended: boolean;
  wake: (() => void) | null;
}

/** What the engine reports once booted. */
export interface EngineInfo {
  images: number;
  bootMs: number;
  /** node/WASI processes run in their own workers (a cross-origin isolated page), else in the engine's thread. */
  guestWorkers: boolean;
}

/** Where the page runs real Node.js processes for the engine (its WebContainer). */
export interface RealNodeHost {
  spawn(spec: RealNodeWireSpec, events: { output(d: Uint8Array): void; exit(code: number): void; fail(message: string): void }): { input(d: Uint8Array | null): void; kill(signal: number): void };
}

export interface TerminalHandle {
  input(data: string): void;
  resize(cols: number, rows: number): void;
}

/**
 * A host terminal as the lesson pane sees it: keys sent to its shell as if
 * typed, its output as text (of a long burst, the last few KB), and the
 * last characters it showed — enough to see whether the prompt is back.
 */
export interface TerminalTap {
  input(data: string): void;
  onOutput(fn: (text: string) => void): () => void;
  readonly tail: string;
  /** False once its shell has ended. */
  readonly open: boolean;
}

/** How much of a terminal's output a tap keeps and decodes (characters / bytes). */
const TAIL = 4096;

class Tap implements TerminalTap {
  tail = '';
  open = true;
  readonly listeners = new Set<(text: string) => void>();
  private readonly dec = new TextDecoder();
  constructor(readonly input: (data: string) => void) {}
  onOutput(fn: (text: string) => void): () => void { this.listeners.add(fn); return () => this.listeners.delete(fn); }
  output(d: Uint8Array): void {
    const text = this.dec.decode(d.length > TAIL ? d.subarray(d.length - TAIL) : d);
    this.tail = (this.tail + text).slice(-TAIL);
    for (const fn of this.listeners) fn(text);
  }
}

export class EngineConnection {
  readonly ready: Promise<EngineInfo>;
  readonly client: EngineClient;
  private nextId = 1;
  private readonly apis = new Map<number, PendingApi>();
  private readonly fsCalls = new Map<number, { resolve(r: { data?: Uint8Array; stored?: boolean }): void; reject(e: Error): void }>();
  private readonly lists = new Map<number, (entries: WorkspaceEntry[]) => void>();
  private readonly https = new Map<number, { resolve(r: HttpResponse): void; reject(e: Error): void }>();
  private realNodeHost: RealNodeHost | null = null;
  private readonly realNodes = new Map<number, { input(d: Uint8Array | null): void; kill(signal: number): void }>();
  private readonly terminals = new Map<number, { output(d: Uint8Array): void; exit(code: number): void }>();
  private readonly trafficListeners = new Set<(e: TrafficEntry) => void>();
  private readonly workspaceListeners = new Set<(entries: WorkspaceEntry[]) => void>();
  private readonly storageListeners = new Set<(p: { kind: StorageProblem; message: string }) => void>();
  private readonly buildMarkListeners = new Set<(m: { path: string; marks: BuildMarkWire[] }) => void>();
  private readonly resets = new Map<number, (error?: string) => void>();
  private readonly taps = new Map<number, Tap>();
  private readonly tapListeners = new Set<(t: TerminalTap) => void>();
  private readonly lessonCalls = new Map<number, { resolve(r: unknown): void; reject(e: Error): void }>();
  private readonly progressListeners = new Set<(lessons: LessonProgress[]) => void>();
  private readonly showListeners = new Set<(path: string) => void>();
  private readonly resetListeners = new Set<() => void>();
  private pendingShow: string | null = null;
  /** The learner's progress as the worker last reported it (null before it has). */
  lessonProgress: LessonProgress[] | null = null;
  /** Every API call seen so far (the traffic panel may open late). */
  readonly traffic: TrafficEntry[] = [];
  /** Storage problems reported so far (a restore's come at boot, before a listener may be there). */
  readonly storageProblems: Array<{ kind: StorageProblem; message: string }> = [];

  /**
   * `respawn` starts a new engine worker (what reset() needs); `machineStore`
   * names where the worker keeps the machine (StartOptions.machineStore).
   */
  constructor(private worker: WorkerLike, private readonly respawn?: () => WorkerLike, readonly machineStore = 'docker-playground') {
    this.ready = this.listen();
    this.client = new EngineClient(this.transport);
  }

  /** Hears the current worker (a replaced one is ignored); resolves once it has booted. */
  private listen(): Promise<EngineInfo> {
    const w = this.worker;
    return new Promise((resolve, reject) => {
      w.addEventListener('message', (e) => { if (w === this.worker) this.receive(e.data, resolve, reject); });
    });
  }

  private send(m: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  private receive(m: FromWorker, onReady: (v: EngineInfo) => void, onFail: (e: Error) => void): void {
    switch (m.type) {
      case 'ready': onReady({ images: m.images, bootMs: m.bootMs, guestWorkers: m.guestWorkers }); return;
      case 'boot-error': onFail(new Error(m.message)); return;
      case 'terminal-output': this.terminals.get(m.id)?.output(m.data); this.taps.get(m.id)?.output(m.data); return;
      case 'terminal-exit': this.terminals.get(m.id)?.exit(m.code); this.terminals.delete(m.id); this.closeTap(m.id); return;
      case 'lesson-reply': {
        const call = this.lessonCalls.get(m.id);
        this.lessonCalls.delete(m.id);
        if (m.error !== undefined) call?.reject(new Error(m.error));
        else call?.resolve(m.reply);
        return;
      }
      case 'lessons-progress':
        this.lessonProgress = m.lessons;
        for (const fn of this.progressListeners) fn(m.lessons);
        return;
      case 'traffic':
        this.traffic.push(m.entry);
        if (this.traffic.length > 2000) this.traffic.splice(0, this.traffic.length - 2000);
        for (const fn of this.trafficListeners) fn(m.entry);
        return;
      case 'workspace':
        if (m.id !== null) { this.lists.get(m.id)?.(m.entries); this.lists.delete(m.id); }
        for (const fn of this.workspaceListeners) fn(m.entries);
        return;
      case 'fs-result': {
        const call = this.fsCalls.get(m.id);
        this.fsCalls.delete(m.id);
        if (m.error) call?.reject(new Error(m.error));
        else call?.resolve({ ...(m.data && { data: m.data }), ...(m.stored !== undefined && { stored: m.stored }) });
        return;
      }
      case 'api-head': {
        const p = this.apis.get(m.id);
        if (!p) return;
        if (!m.streamed) this.apis.delete(m.id);
        const body = m.body ?? undefined;
        const isJson = m.headers['Content-Type'] === 'application/json';
        p.resolve({
          status: m.status, headers: m.headers,
          ...(!m.streamed && (isJson && body ? { json: JSON.parse(new TextDecoder().decode(body)) as unknown } : body ? { body } : {})),
          ...(m.streamed && { stream: (write, closed) => this.pump(m.id, p, write, closed) }),
        });
        return;
      }
      case 'real-node-spawn': {
        const id = m.id;
        if (!this.realNodeHost) { this.send({ type: 'real-node-failed', id, message: 'real Node.js is switched off' }); return; }
        this.realNodes.set(id, this.realNodeHost.spawn(m.spec, {
          output: (data) => this.send({ type: 'real-node-output', id, data }),
          exit: (code) => { this.realNodes.delete(id); this.send({ type: 'real-node-exit', id, code }); },
          fail: (message) => { this.realNodes.delete(id); this.send({ type: 'real-node-failed', id, message }); },
        }));
        return;
      }
      case 'real-node-input': this.realNodes.get(m.id)?.input(m.data); return;
      case 'real-node-kill': this.realNodes.get(m.id)?.kill(m.signal); return;
      case 'http-result': {
        const call = this.https.get(m.id);
        this.https.delete(m.id);
        if (m.res) call?.resolve(m.res);
        else call?.reject(new Error(m.error ?? 'no answer'));
        return;
      }
      case 'api-chunk': { const p = this.apis.get(m.id); if (p) { p.chunks.push(m.chunk); p.wake?.(); } return; }
      case 'api-end': { const p = this.apis.get(m.id); if (p) { p.ended = true; p.wake?.(); this.apis.delete(m.id); } return; }
      case 'api-error': { const p = this.apis.get(m.id); this.apis.delete(m.id); p?.reject(new Error(m.message)); return; }
      case 'storage-error': {
        const problem = { kind: m.kind, message: m.message };
        this.storageProblems.push(problem);
        for (const fn of this.storageListeners) fn(problem);
        return;
      }
      case 'build-marks': for (const fn of this.buildMarkListeners) fn({ path: m.path, marks: m.marks }); return;
      case 'reset-done': this.resets.get(m.id)?.(m.error); this.resets.delete(m.id); return;
    }
  }

  private async pump(id: number, p: PendingApi, write: (c: Uint8Array) => Promise<void>, closed: Promise<void>): Promise<void> {
    let gone = false;
    void closed.then(() => { gone = true; this.send({ type: 'api-cancel', id }); p.wake?.(); });
    for (;;) {
      while (p.chunks.length > 0 && !gone) await write(p.chunks.shift()!);
      if (p.ended || gone) return;
      await new Promise<void>((r) => { p.wake = r; });
      p.wake = null;
    }
  }

  private readonly transport: Transport = (req) => new Promise<ApiResponse>((resolve, reject) => {
    const id = this.nextId++;
    this.apis.set(id, { resolve, reject, chunks: [], ended: false, wake: null });
    const wire: WireRequest = {
      method: req.method, path: req.path, query: [...req.query], queryAll: [...(req.queryAll ?? new Map())],
      headers: [...req.headers], body: req.body,
    };
    this.send({ type: 'api', id, req: wire });
  });

  /** Opens a terminal on the host machine (the student's shell). */
  openTerminal(cols: number, rows: number, output: (d: Uint8Array) => void, exit: (code: number) => void): TerminalHandle {
    const id = this.nextId++;
    this.terminals.set(id, { output, exit });
    this.send({ type: 'open-terminal', id, cols, rows });
    const input = (data: string): void => this.send({ type: 'terminal-input', id, data });
    const tap = new Tap(input);
    this.taps.set(id, tap);
    for (const fn of this.tapListeners) fn(tap);
    return { input, resize: (c, r) => this.send({ type: 'terminal-resize', id, cols: c, rows: r }) };
  }

  private closeTap(id: number): void {
    const tap = this.taps.get(id);
    if (tap) { tap.open = false; this.taps.delete(id); }
  }

  /** The host terminal the page shows (the newest whose shell is still open), or null. */
  hostTerminal(): TerminalTap | null {
    return [...this.taps.values()].at(-1) ?? null;
  }

  /** A host terminal has opened (the terminal pane's, or its new shell after an exit). */
  onTerminalOpen(fn: (t: TerminalTap) => void): () => void { this.tapListeners.add(fn); return () => this.tapListeners.delete(fn); }

  /** One request to the worker's lesson service (web/lessons/service.ts). */
  lesson<R extends LessonRequest>(req: R): Promise<LessonReplies[R['op']]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.lessonCalls.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.send({ type: 'lesson', id, req });
    });
  }

  /** The learner's progress, each time the worker reports it. */
  onLessonProgress(fn: (lessons: LessonProgress[]) => void): () => void { this.progressListeners.add(fn); return () => this.progressListeners.delete(fn); }

  /** Asks the editor to show a workspace file (a lesson wrote it); kept for the editor if it is not there yet. */
  showFile(path: string): void {
    if (this.showListeners.size === 0) { this.pendingShow = path; return; }
    for (const fn of this.showListeners) fn(path);
  }

  /** The editor: shows the files asked for (one asked before it was there comes at once). */
  onShowFile(fn: (path: string) => void): () => void {
    this.showListeners.add(fn);
    const pending = this.pendingShow;
    this.pendingShow = null;
    if (pending !== null) fn(pending);
    return () => this.showListeners.delete(fn);
  }

  /** The engine was reset and the clean one is ready. */
  onReset(fn: () => void): () => void { this.resetListeners.add(fn); return () => this.resetListeners.delete(fn); }

  private fs(op: FsOp, transfer: Transferable[] = []): Promise<{ data?: Uint8Array; stored?: boolean }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.fsCalls.set(id, { resolve, reject });
      this.send({ type: 'fs', id, op }, transfer);
    });
  }

  async readFile(path: string): Promise<Uint8Array> { return (await this.fs({ op: 'read', path })).data ?? new Uint8Array(0); }
  /**
   * Writes a workspace file; resolves once the machine holding it is stored
   * in the browser (`stored: false`: that save failed, as a storage problem says).
   */
  async writeFile(path: string, data: Uint8Array | string): Promise<{ stored: boolean }> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    return { stored: (await this.fs({ op: 'write', path, data: bytes })).stored ?? false };
  }
  async mkdir(path: string): Promise<void> { await this.fs({ op: 'mkdir', path }); }
  async rename(from: string, to: string): Promise<void> { await this.fs({ op: 'rename', from, to }); }
  async remove(path: string): Promise<void> { await this.fs({ op: 'delete', path }); }

  listWorkspace(): Promise<WorkspaceEntry[]> {
    const id = this.nextId++;
    return new Promise((resolve) => { this.lists.set(id, resolve); this.send({ type: 'list-workspace', id }); });
  }

  /**
   * The page is going away, or hidden (where a browser may kill it): the
   * worker saves the machine and the progress now instead of after a quiet moment.
   */
  persistNow(): void { this.send({ type: 'persist' }); }

  /** One HTTP request to a published port of the engine's host (the preview pane). */
  fetchPort(port: number, req: HttpRequest): Promise<HttpResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.https.set(id, { resolve, reject });
      this.send({ type: 'http', id, port, req }, req.body ? [req.body.buffer as ArrayBuffer] : []);
    });
  }

  /** Runs `node` in containers on `host` (real Node.js), or with null on QuickJS again. */
  useRealNode(host: RealNodeHost | null): void {
    this.realNodeHost = host;
    this.send({ type: 'real-node', enabled: host !== null });
  }

  onTraffic(fn: (e: TrafficEntry) => void): () => void { this.trafficListeners.add(fn); return () => this.trafficListeners.delete(fn); }
  onWorkspace(fn: (entries: WorkspaceEntry[]) => void): () => void { this.workspaceListeners.add(fn); return () => this.workspaceListeners.delete(fn); }
  /** Storage problems as they are reported (the ones before are in `storageProblems`). */
  onStorageError(fn: (p: { kind: StorageProblem; message: string }) => void): () => void { this.storageListeners.add(fn); return () => this.storageListeners.delete(fn); }
  /** A `docker build` has ended: its marks for the workspace Dockerfile it built (show them with showBuildMarks). */
  onBuildMarks(fn: (m: { path: string; marks: BuildMarkWire[] }) => void): () => void { this.buildMarkListeners.add(fn); return () => this.buildMarkListeners.delete(fn); }

  /**
   * A clean machine: wipes the stored playground and boots a fresh engine
   * in a new worker. Open terminals end (status 129, a hangup: open new
   * ones) and calls in flight fail; resolves once the new engine is ready.
   */
  async reset(): Promise<EngineInfo> {
    if (!this.respawn) throw new Error('this connection cannot start a new engine: create it with startEngine()');
    const id = this.nextId++;
    await new Promise<void>((resolve, reject) => {
      this.resets.set(id, (error) => (error ? reject(new Error(`reset failed: ${error}`)) : resolve()));
      this.send({ type: 'reset', id });
    });
    this.worker.terminate();
    this.abandon('the engine was reset');
    this.worker = this.respawn();
    this.traffic.length = 0;
    this.storageProblems.length = 0;
    this.lessonProgress = null;
    const ready = this.listen();
    if (this.realNodeHost) this.send({ type: 'real-node', enabled: true });
    void ready.then(() => { for (const fn of this.resetListeners) fn(); }, () => {});
    return ready;
  }

  /** Ends everything that was waiting on a worker that is gone. */
  private abandon(why: string): void {
    for (const p of this.apis.values()) { p.ended = true; p.wake?.(); p.reject(new Error(why)); }
    for (const c of [...this.fsCalls.values(), ...this.https.values(), ...this.lessonCalls.values()]) c.reject(new Error(why));
    for (const id of [...this.taps.keys()]) this.closeTap(id);
    for (const fn of this.lists.values()) fn([]);
    for (const r of this.realNodes.values()) r.kill(9);
    for (const t of this.terminals.values()) t.exit(129);
    for (const m of [this.apis, this.fsCalls, this.https, this.lists, this.realNodes, this.terminals, this.lessonCalls]) m.clear();
  }

  dispose(): void { this.worker.terminate(); }
}

/** Starts the engine in a module Web Worker. */
export interface StartOptions {
  /**
   * Where the machine is kept (an IndexedDB database name, `docker-playground`
   * by default): an embedded playground keeps its own, apart from the full
   * page's. Letters, digits, `.`, `_` and `-` only.
   */
  machineStore?: string;
}

export function startEngine(opts: StartOptions = {}): EngineConnection {
  if (opts.machineStore !== undefined && !/^[A-Za-z0-9._-]{1,100}$/.test(opts.machineStore)) throw new Error(`invalid machine store name: ${opts.machineStore}`);
  // The worker reads its store's name from its own name (it boots before any message could tell it).
  const name = opts.machineStore ? `engine:${opts.machineStore}` : 'engine';
  const spawn = (): Worker => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name });
  return new EngineConnection(spawn(), spawn, opts.machineStore);
}
