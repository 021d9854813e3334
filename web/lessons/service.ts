// The lessons' side of the engine's worker: the LessonRecorder that fills
// the checks' context (it wraps the docker CLI's transport and follows the
// host's shell, as lessons/README.md shows), grading a lesson's checks
// through the page's Engine API client, writing lesson files into the
// workspace without losing the student's work (starter-files.ts), and the
// learner's progress — kept with the recorder's state in IndexedDB
// (progress-store.ts) so that both survive a reload. The page asks through
// 'lesson' messages (protocol.ts LessonRequest) and hears the progress as
// 'lessons-progress'. The checks load on the first grading.
//
//   const lessons = await LessonService.open(indexedDB, report);
//   const host = new HostMachine({ client: new EngineClient(lessons.recorder.wrap(traced(transport))), fs });
//   lessons.attach({ host, fs, root, client: new EngineClient(pageTransport), changed, post });
import { HostMachine, type EngineClient, type MemoryFs } from '../../sandbox/index.ts';
import { LessonRecorder } from '../../lessons/index.ts';
import type { LessonReplies, LessonRequest } from '../engine/protocol.ts';
import type { StorageProblem } from '../engine/protocol.ts';
import { SEED_FILES } from '../engine/seed.ts';
import { forget, hashText, noteWritten, recordResults, started, type CourseProgress, type LessonProgress } from './progress.ts';
import { memoryProgressStore, openProgressStore, type ProgressStore } from './progress-store.ts';
import { placeFiles, type WorkspaceIo } from './starter-files.ts';

/** Bounds on what one request may write (paths come from lessons, and from an embedding page). */
const MAX_FILES = 200;
const MAX_FILE_CHARS = 1024 * 1024;
const MAX_PATH = 1000;
const SAFE_PATH = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))(?!.*\/\/)[^\0\\]+$/;

export interface ServiceDeps {
  host: { onCommand(fn: (line: string) => void): () => void };
  fs: MemoryFs;
  /** The workspace's folder on the host (/home/student). */
  root: string;
  /** The page's own Engine API client: what checks read through. */
  client: EngineClient;
  /** The workspace changed (files were written): list it and save the machine. */
  changed(): void;
  /** The lessons' progress changed: tell the page. */
  onProgress(lessons: LessonProgress[]): void;
}

const seedHashes = new Map(Object.entries(SEED_FILES).map(([p, t]) => [p, hashText(t)]));

export class LessonService {
  readonly recorder: LessonRecorder;
  private deps: ServiceDeps | null = null;
  private grading: Promise<typeof import('./grading.ts')> | null = null;

  private constructor(private readonly store: ProgressStore) {
    this.recorder = new LessonRecorder(store.progress.recorded);
    this.recorder.onChange(() => { void this.update({ ...this.store.progress, recorded: this.recorder.state() }, false); });
  }

  /**
   * Opens the stored progress (in memory only when the browser gives no
   * IndexedDB, said through `report`) and a recorder restored from it.
   */
  static async open(factory: IDBFactory | undefined, report: (kind: StorageProblem, message: string) => void, opts: { name?: string; delayMs?: number } = {}): Promise<LessonService> {
    if (!factory) return new LessonService(memoryProgressStore());
    try {
      const store = await openProgressStore(factory, (e) => report(e.kind, `your lesson progress could not be saved: ${e.message}`), opts);
      if (store.problem === 'newer') report('restore', 'your lesson progress was saved by a newer version of this page: it is kept as it is, and nothing is saved over it in this session');
      if (store.problem === 'invalid') report('restore-partial', 'part of your saved lesson progress could not be read and was left out');
      return new LessonService(store);
    } catch (e) {
      report((e as { kind?: StorageProblem }).kind ?? 'failed', `your lesson progress cannot be kept here: ${(e as Error).message}`);
      return new LessonService(memoryProgressStore());
    }
  }

  /** Follows `host`'s shell and serves requests on this machine's workspace and API. */
  attach(deps: ServiceDeps): void {
    this.deps = deps;
    this.recorder.follow(deps.host);
  }

  /** Saves now what is unsaved (the page is going away). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /** The lessons' progress now. */
  get lessons(): LessonProgress[] {
    return this.store.progress.lessons;
  }

  /** Answers one request from the page. */
  async handle<R extends LessonRequest>(req: R): Promise<LessonReplies[R['op']]> {
    const deps = this.deps;
    if (!deps) throw new Error('the engine is not ready yet');
    switch (req.op) {
      case 'files': {
        const files = checkedFiles(req.files);
        const out = placeFiles(this.workspaceIo(deps), files, (p, t) => this.pristine(p, t), req.onConflict);
        if (out.written.length > 0 || out.copies.length > 0) deps.changed();
        const text = new Map(files);
        let next = noteWritten(this.store.progress, out.written.map((p) => [p, hashText(text.get(p)!)]));
        const done = req.start && !(req.onConflict === 'ask' && out.conflicts.length > 0);
        if (done && req.lesson !== null) next = started(next, req.lesson, new Date().toISOString());
        await this.update(next, true);
        return out as LessonReplies[R['op']];
      }
      case 'grade': {
        const grading = await (this.grading ??= import('./grading.ts'));
        const { id, checks } = await grading.checksOf(req.lesson);
        const results = await grading.grade(checks, this.recorder.context(deps.client), req.step === null ? {} : { step: req.step });
        const r = recordResults(this.store.progress, id, results, checks.list, new Date().toISOString());
        await this.update(r.progress, true);
        return { results, progress: r.lesson, completedNow: r.completedNow } as LessonReplies[R['op']];
      }
      case 'forget':
        await this.update(forget(this.store.progress, req.lesson), true);
        return null as LessonReplies[R['op']];
    }
    throw new Error(`unknown lesson request ${(req as { op: string }).op}`);
  }

  /**
   * The machine is being reset: what the recorder saw belongs to the old
   * one (its commands and builds are gone with it) and is forgotten; the
   * lessons' points stay. Nothing is saved after this (a new worker takes over).
   */
  async reset(): Promise<void> {
    this.store.set({ ...this.store.progress, recorded: { commands: [], lastBuild: null } });
    await this.store.flush();
    await this.store.stop();
  }

  /**
   * The new progress: what the recorder saw is saved soon (a burst of
   * commands is one write); a change to the lessons' progress is saved
   * before the page hears of it, so that a result on the screen survives a
   * reload that comes right after.
   */
  private async update(next: CourseProgress, lessonsChanged: boolean): Promise<void> {
    this.store.set(next);
    if (!lessonsChanged) return;
    await this.store.flush();
    this.deps?.onProgress(next.lessons);
  }

  private pristine(path: string, text: string): boolean {
    const h = hashText(text);
    return this.store.progress.written.some(([p, w]) => p === path && w === h) || seedHashes.get(path) === h;
  }

  private workspaceIo({ fs, root }: ServiceDeps): WorkspaceIo {
    const full = (p: string): string => `${root}/${p}`;
    const dec = new TextDecoder();
    return {
      kind(p) {
        try {
          const t = fs.lstatSync(full(p)).type;
          return t === 'file' ? 'file' : t === 'dir' ? 'dir' : 'other';
        } catch { return null; }
      },
      read: (p) => dec.decode(fs.readFileSync(full(p))),
      write(p, text) {
        let dir = root;
        for (const part of p.split('/').slice(0, -1)) {
          dir += `/${part}`;
          if (!fs.existsSync(dir)) { fs.mkdirSync(dir); fs.chownSync(dir, HostMachine.uid, HostMachine.gid); }
        }
        fs.writeFileSync(full(p), text, { uid: HostMachine.uid, gid: HostMachine.gid });
      },
      rename: (from, to) => fs.renameSync(full(from), full(to)),
    };
  }
}

/** The files of a request, refused whole when one is not a plain relative path or too much is asked. */
function checkedFiles(files: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  if (!Array.isArray(files) || files.length > MAX_FILES) throw new Error(`at most ${MAX_FILES} files at a time`);
  return files.map(([path, text]) => {
    if (typeof path !== 'string' || path.length > MAX_PATH || !SAFE_PATH.test(path) || path.endsWith('/')) throw new Error(`"${String(path)}" is not a path inside the workspace (relative, without . or .. parts)`);
    if (typeof text !== 'string' || text.length > MAX_FILE_CHARS) throw new Error(`${path}: the text must be a string of at most ${MAX_FILE_CHARS} characters`);
    return [path, text];
  });
}
