// The lessons' controller: everything the lesson pane does, without React,
// so that other drivers (the /embed page, the <docker-playground> element,
// a postMessage API) can do it too. One per engine connection:
//
//   const lessons = lessonControllerFor(engine);      // (await import('./lessons/controller.ts'))
//   await lessons.open('first-container', { lang: 'es' });   // id or folder ('02-first-container')
//   await lessons.run('docker ps');                    // typed at the terminal; resolves when the prompt is back
//   await lessons.runBlock('docker ps\ndocker ps -a'); // a click-to-run block, line by line
//   await lessons.loadFiles({ Dockerfile: 'FROM nginx\n' }, { show: 'Dockerfile' });
//   const { results } = await lessons.grade('run');    // a step's checks; grade() grades them all
//   lessons.on('check-passed', ({ lesson, check, step, points }) => …);
//   lessons.on('lesson-completed', ({ lesson, score, total }) => …);
//   await lessons.resetMachine();                      // a clean machine (the points stay)
//   await lessons.resetProgress('first-container');    // forget a lesson's points (all with no id)
//
// API (all lesson ids are lesson.json ids; a folder name is accepted too):
// - catalog: the course's lessons in order (CatalogEntry: dir, meta, open()).
// - lang / setLang(lang): the language texts and reports are in. open(id,
//   { lang }) asks the page to switch: the 'language' event.
// - open(id, { lang }): loads the lesson and makes it the current one; the
//   first time, it is started: its starter files are written into
//   /home/student (a file the student changed is asked about through
//   `askConflicts` — when no page set it, the student's version is kept as
//   NAME.bak — never lost) and the first one shown in the editor.
//   close() goes back to the course index. restoreFiles(): the current
//   lesson's starter files again.
// - run(line, { signal, timeoutMs }): types one line at the host terminal
//   once its prompt is there and resolves when the prompt is back.
//   runBlock(code): each line in turn (blank lines skipped). Typing is
//   queued: one line at a time; stopTyping() drops what is queued and stops
//   waiting (the command already typed runs on: Ctrl+C in the terminal stops it).
// - loadFiles(files, { show, onConflict }): writes workspace files (relative
//   paths), keeping a copy of the student's versions they replace
//   ('keep-copy'), or 'ask' / 'keep-mine'; `show`: the file the editor opens.
//   copyToEditor(block): a copy-to-editor block into its file, shown.
// - grade(step?, { lesson }): grades the current (or given) lesson's checks
//   — a step's, or all — in the engine's worker with what the recorder saw;
//   the results (CheckResult: passed, earned/points, title, message in both
//   languages, hint, error) go into the saved progress. Each passed check
//   fires 'check-passed' (every grading that passes it: `first` says whether
//   this was the first time); the grading that completes the lesson fires
//   'lesson-completed' (once per lesson, until resetProgress).
// - progress / progressOf(id): the saved progress (progress.ts);
//   lessonReport(id) / courseReport(): the completion records (report.ts).
// - resetMachine(): Reset (a clean machine: the student's containers,
//   images and files gone, the commands the checks read forgotten; the
//   points stay; the current lesson's starter files are written again).
//   resetProgress(id?): forgets a lesson's progress (every lesson's with none).
// - on(event, fn) → unsubscribe: 'check-passed', 'lesson-completed',
//   'lesson-opened' ({ lesson }), 'files' (what became of written files:
//   PlaceOutcome), 'language' (Lang), 'change' (anything the pane shows:
//   the current lesson, the progress, the language).
import { lessonCatalog, type CatalogEntry, type Checks, type CodeBlock, type Lang, type Lesson, type LessonMeta } from '../../lessons/index.ts';
import type { EngineConnection, TerminalTap } from '../engine/connection.ts';
import type { LessonReplies, LessonRequest } from '../engine/protocol.ts';
import { scoreOf, type LessonProgress } from './progress.ts';
import { courseReport, lessonReport, type CourseReport, type LessonReport } from './report.ts';
import type { ConflictPolicy, PlaceOutcome } from './starter-files.ts';
import { linesOf, typeLine, TypingStopped, type TypeOptions } from './typist.ts';

/** What the controller uses of the engine connection (a fake in tests). */
export type LessonEngine = Pick<EngineConnection, 'lesson' | 'lessonProgress' | 'onLessonProgress' | 'hostTerminal' | 'onTerminalOpen' | 'showFile' | 'onReset' | 'reset'>;

export interface OpenLesson {
  id: string;
  dir: string;
  meta: LessonMeta;
  lesson: Lesson;
  checks: Checks;
}

export type GradeOutcome = LessonReplies['grade'];

export interface LessonEvents {
  'check-passed': { lesson: string; check: string; step: string; points: number; first: boolean };
  'lesson-completed': { lesson: string; score: number; total: number };
  'lesson-opened': { lesson: string };
  /** Files were written (starting a lesson, restoring its files, loadFiles, a copied block): what became of each. */
  files: PlaceOutcome;
  language: Lang;
  change: null;
}

/** How the page settles lesson files that would replace the student's: keep a copy of theirs, or keep theirs in place. */
export type ConflictAnswer = 'keep-copy' | 'keep-mine';

/** How long to wait for the terminal pane's shell to open. */
const TERMINAL_WAIT_MS = 30_000;

export class LessonController {
  readonly catalog: readonly CatalogEntry[];
  /** The page's question when lesson files would replace files the student changed (null: keep copies of theirs). */
  askConflicts: ((paths: string[]) => Promise<ConflictAnswer>) | null = null;
  private currentLesson: OpenLesson | null = null;
  private language: Lang;
  private lessons: readonly LessonProgress[];
  private readonly loaded = new Map<string, Promise<OpenLesson>>();
  private readonly listeners = new Map<keyof LessonEvents, Set<(v: never) => void>>();
  private typing: Promise<unknown> = Promise.resolve();
  private stopper = new AbortController();
  private readonly disposers: Array<() => void> = [];

  constructor(private readonly engine: LessonEngine, opts: { catalog?: readonly CatalogEntry[]; lang?: Lang } = {}) {
    this.catalog = opts.catalog ?? lessonCatalog();
    this.language = opts.lang ?? 'es';
    this.lessons = engine.lessonProgress ?? [];
    this.disposers.push(
      engine.onLessonProgress((l) => { this.lessons = l; this.emit('change', null); }),
      engine.onReset(() => { void this.afterReset(); }),
    );
  }

  get lang(): Lang { return this.language; }
  get current(): OpenLesson | null { return this.currentLesson; }
  get progress(): readonly LessonProgress[] { return this.lessons; }

  /** The page's language changed (no 'language' event: the page knows). */
  setLang(lang: Lang): void {
    if (lang === this.language) return;
    this.language = lang;
    this.emit('change', null);
  }

  /** A lesson by id or folder name. */
  entry(id: string): CatalogEntry | null {
    return this.catalog.find((e) => e.meta.id === id || e.dir === id) ?? null;
  }

  progressOf(id: string): LessonProgress | null {
    const lesson = this.entry(id)?.meta.id ?? id;
    return this.lessons.find((l) => l.lesson === lesson) ?? null;
  }

  /** A lesson's text, starter files and checks (loaded once). */
  load(id: string): Promise<OpenLesson> {
    const entry = this.entry(id);
    if (!entry) return Promise.reject(new Error(`there is no lesson "${id}"`));
    let p = this.loaded.get(entry.meta.id);
    if (!p) {
      p = entry.open().then(({ lesson, checks }) => ({ id: entry.meta.id, dir: entry.dir, meta: entry.meta, lesson, checks }));
      this.loaded.set(entry.meta.id, p);
      p.catch(() => this.loaded.delete(entry.meta.id));
    }
    return p;
  }

  /** Opens a lesson (starting it the first time: its starter files); `lang` asks the page for that language. */
  async open(id: string, opts: { lang?: Lang } = {}): Promise<OpenLesson> {
    const opened = await this.load(id);
    if (opts.lang && opts.lang !== this.language) {
      this.language = opts.lang;
      this.emit('language', opts.lang);
    }
    this.currentLesson = opened;
    this.emit('lesson-opened', { lesson: opened.id });
    this.emit('change', null);
    await this.progressKnown();
    if (!this.progressOf(opened.id)?.startedAt) await this.placeStarter(opened, true);
    return opened;
  }

  /** Back to the course index. */
  close(): void {
    if (!this.currentLesson) return;
    this.currentLesson = null;
    this.emit('change', null);
  }

  /** Writes the current lesson's starter files again (asking before replacing the student's). */
  async restoreFiles(): Promise<PlaceOutcome | null> {
    return this.currentLesson ? this.placeStarter(this.currentLesson, true) : null;
  }

  /** Types one line at the host terminal (after what is queued) and resolves once the prompt is back. */
  run(line: string, opts: TypeOptions = {}): Promise<void> {
    const signal = anySignal([this.stopper.signal, opts.signal]);
    const next = this.typing.catch(() => {}).then(async () => {
      if (signal.aborted) throw new TypingStopped();
      await typeLine(await this.terminal(), line, { ...opts, signal });
    });
    this.typing = next;
    return next;
  }

  /** Types a click-to-run block line by line; stops at a line that could not be typed. */
  async runBlock(code: string, opts: TypeOptions = {}): Promise<void> {
    for (const line of linesOf(code)) await this.run(line, opts);
  }

  /** Drops the lines queued for typing and stops waiting for the prompt. */
  stopTyping(): void {
    this.stopper.abort();
    this.stopper = new AbortController();
  }

  /** Writes workspace files; the student's versions they replace are kept as copies unless `onConflict` says otherwise. */
  async loadFiles(files: Readonly<Record<string, string>> | Iterable<readonly [string, string]>, opts: { show?: string; onConflict?: ConflictPolicy } = {}): Promise<PlaceOutcome> {
    const list = (Symbol.iterator in files ? [...(files as Iterable<readonly [string, string]>)] : Object.entries(files)).map(([p, t]): [string, string] => [p, t]);
    const out = await this.placeFiles({ lesson: this.currentLesson?.id ?? null, start: false, files: list }, opts.onConflict ?? 'keep-copy');
    if (opts.show !== undefined && !out.conflicts.includes(opts.show)) this.engine.showFile(opts.show);
    return out;
  }

  /** A copy-to-editor block: written to its file (with a final new line) and shown in the editor. */
  copyToEditor(block: Pick<CodeBlock, 'file' | 'code'>): Promise<PlaceOutcome> {
    if (block.file === null) return Promise.reject(new Error('this block is not a copy-to-editor block'));
    return this.loadFiles([[block.file, `${block.code}\n`]], { show: block.file });
  }

  /** Grades the current lesson's (or `opts.lesson`'s) checks: a step's, or all. */
  async grade(step?: string, opts: { lesson?: string } = {}): Promise<GradeOutcome> {
    const id = opts.lesson ?? this.currentLesson?.id;
    if (!id) throw new Error('no lesson is open: open one, or say which lesson to grade');
    const lesson = (await this.load(id)).id;
    const before = this.progressOf(lesson);
    const out = await this.engine.lesson({ op: 'grade', lesson, step: step ?? null });
    this.lessons = [...this.lessons.filter((l) => l.lesson !== lesson), out.progress];
    for (const r of out.results) {
      if (!r.passed) continue;
      const first = !before?.checks.some((c) => c.id === r.id && c.earned > 0);
      this.emit('check-passed', { lesson, check: r.id, step: r.step, points: r.points, first });
    }
    if (out.completedNow) this.emit('lesson-completed', { lesson, score: scoreOf(out.progress), total: out.progress.total });
    this.emit('change', null);
    return out;
  }

  /** Reset: a clean machine (see the header). Resolves once it is ready and the current lesson's files are back. */
  async resetMachine(): Promise<void> {
    this.stopTyping();
    await this.engine.reset();
    await this.resetDone;
  }

  /** Forgets a lesson's progress (every lesson's without an id). */
  async resetProgress(id: string | null = null): Promise<void> {
    const lesson = id === null ? null : this.entry(id)?.meta.id ?? id;
    await this.engine.lesson({ op: 'forget', lesson });
  }

  /** A lesson's completion record, in the current language. */
  async lessonReport(id: string): Promise<LessonReport> {
    const o = await this.load(id);
    return lessonReport(o.meta, o.checks, this.progressOf(o.id), this.language, new Date());
  }

  /** The course's completion record, every lesson's, in the current language. */
  async courseReport(): Promise<CourseReport> {
    const all = await Promise.all(this.catalog.map((e) => this.load(e.meta.id)));
    return courseReport(all.map((o) => ({ meta: o.meta, checks: o.checks, progress: this.progressOf(o.id) })), this.language, new Date());
  }

  on<K extends keyof LessonEvents>(event: K, fn: (value: LessonEvents[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) { set = new Set(); this.listeners.set(event, set); }
    set.add(fn as (v: never) => void);
    return () => { set.delete(fn as (v: never) => void); };
  }

  dispose(): void {
    this.stopTyping();
    for (const d of this.disposers.splice(0)) d();
    this.listeners.clear();
  }

  private emit<K extends keyof LessonEvents>(event: K, value: LessonEvents[K]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) {
      try { (fn as (v: LessonEvents[K]) => void)(value); } catch (e) { console.error(e); }
    }
  }

  /** Settles when the worker has said what the progress is (it does at boot). */
  private progressKnown(): Promise<void> {
    if (this.engine.lessonProgress !== null) return Promise.resolve();
    return new Promise((resolve) => { const off = this.engine.onLessonProgress(() => { off(); resolve(); }); });
  }

  private async placeStarter(o: OpenLesson, start: boolean): Promise<PlaceOutcome> {
    const files = [...o.lesson.files];
    const out = await this.placeFiles({ lesson: o.id, start, files }, this.askConflicts ? 'ask' : 'keep-copy');
    const shown = files.map(([p]) => p).find((p) => !out.conflicts.includes(p));
    if (shown !== undefined && out.written.length + out.copies.length > 0) this.engine.showFile(shown);
    return out;
  }

  /** One 'files' request; with 'ask' and conflicts, asks the page and sends the answer. */
  private async placeFiles(req: Omit<Extract<LessonRequest, { op: 'files' }>, 'op' | 'onConflict'>, policy: ConflictPolicy): Promise<PlaceOutcome> {
    let out = await this.engine.lesson({ op: 'files', ...req, onConflict: policy });
    if (policy === 'ask' && out.conflicts.length > 0) {
      const answer = this.askConflicts ? await this.askConflicts(out.conflicts) : 'keep-copy';
      out = await this.engine.lesson({ op: 'files', ...req, onConflict: answer });
    }
    this.emit('files', out);
    return out;
  }

  private resetDone: Promise<void> = Promise.resolve();

  /** After a Reset: the fresh workspace gets the current lesson's files again. */
  private afterReset(): Promise<void> {
    this.resetDone = (async () => {
      this.emit('change', null);
      const o = this.currentLesson;
      if (o && o.lesson.files.size > 0) await this.placeStarter(o, false).catch((e: Error) => console.error(e));
    })();
    return this.resetDone;
  }

  /** The terminal pane's shell (waiting for it to open when the engine is still starting). */
  private async terminal(): Promise<TerminalTap> {
    const now = this.engine.hostTerminal();
    if (now) return now;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error('there is no terminal to type into: press Enter in the terminal for a new shell')); }, TERMINAL_WAIT_MS);
      const off = this.engine.onTerminalOpen((t) => { clearTimeout(timer); off(); resolve(t); });
    });
  }
}

/** A signal that aborts when any of `signals` does. */
function anySignal(signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal {
  const c = new AbortController();
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) { c.abort(); break; }
    s.addEventListener('abort', () => c.abort(), { once: true });
  }
  return c.signal;
}

const controllers = new WeakMap<object, LessonController>();

/** The controller of `engine` (one per connection: the lesson pane and an embedding page share it). */
export function lessonControllerFor(engine: EngineConnection, opts: { lang?: Lang } = {}): LessonController {
  let c = controllers.get(engine);
  if (!c) { c = new LessonController(engine, opts); controllers.set(engine, c); }
  return c;
}
