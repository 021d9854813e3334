// The lessons' controller on the page's real path, minus the worker: the
// lesson service and a host machine in-process behind a connection-shaped
// object. Opening a lesson (and its language), running a click-to-run
// block at the terminal, grading a step with the events a page or an embed
// hears, copying a block to the editor, asking before replacing a file the
// student changed, a machine reset, forgetting progress.
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createEngine, EngineClient, engineTransport, HostMachine, inProcessClient, MemoryFs, type HostTerminal } from '../../sandbox/index.ts';
import { catalogFrom, type CheckResult } from '../../lessons/index.ts';
import type { TerminalTap } from '../engine/connection.ts';
import { seedWorkspace } from '../engine/seed.ts';
import { LessonController, type LessonEngine, type LessonEvents } from './controller.ts';
import type { LessonProgress } from './progress.ts';
import { LessonService } from './service.ts';

const ROOT = '/home/student';
let cleanup: Array<() => void> = [];
afterEach(() => { for (const c of cleanup.splice(0)) c(); });

/** An EngineConnection's lesson side, in-process: the worker's service, its host's terminal, the editor's requests. */
async function inProcess() {
  const service = await LessonService.open(new IDBFactory(), () => {}, { delayMs: 0 });
  const fs = new MemoryFs();
  const engine = await createEngine({ hostFs: fs });
  const host = new HostMachine({ client: new EngineClient(service.recorder.wrap(engineTransport(engine))), fs });
  seedWorkspace(fs, ROOT);
  const progressListeners = new Set<(l: LessonProgress[]) => void>();
  const resetListeners = new Set<() => void>();
  const shown: string[] = [];
  const conn = {
    lessonProgress: service.lessons as LessonProgress[] | null,
    lesson: (req) => service.handle(req),
    onLessonProgress: (fn) => { progressListeners.add(fn); return () => progressListeners.delete(fn); },
    hostTerminal: () => tap,
    onTerminalOpen: () => () => {},
    showFile: (p) => { shown.push(p); },
    onReset: (fn) => { resetListeners.add(fn); return () => resetListeners.delete(fn); },
    reset: async () => { for (const fn of resetListeners) fn(); return { images: 0, bootMs: 0, guestWorkers: false }; },
  } satisfies LessonEngine as LessonEngine;
  service.attach({ host, fs, root: ROOT, client: inProcessClient(engine), changed: () => {}, onProgress: (l) => { (conn as { lessonProgress: LessonProgress[] | null }).lessonProgress = l; for (const fn of progressListeners) fn(l); } });
  const term: HostTerminal = host.openTerminal({ cols: 120, rows: 40 });
  const listeners = new Set<(t: string) => void>();
  const tap: TerminalTap = { tail: '', open: true, input: (d) => term.input(d), onOutput: (fn) => { listeners.add(fn); return () => listeners.delete(fn); } };
  const dec = new TextDecoder();
  term.onOutput((d) => { const t = dec.decode(d, { stream: true }); (tap as { tail: string }).tail = (tap.tail + t).slice(-4096); for (const fn of listeners) fn(t); });
  cleanup.push(() => term.close());
  const read = (p: string): string => dec.decode(fs.readFileSync(`${ROOT}/${p}`));
  return { conn, service, shown, read };
}

function heard(c: LessonController) {
  const events: Array<[keyof LessonEvents, unknown]> = [];
  for (const e of ['check-passed', 'lesson-completed', 'lesson-opened', 'language'] as const) c.on(e, (v) => events.push([e, v]));
  return events;
}

describe('the lessons controller', () => {
  it('opens lesson 02, types its first block at the terminal and grades the step', async () => {
    const m = await inProcess();
    const c = new LessonController(m.conn);
    const events = heard(c);
    const o = await c.open('02-first-container', { lang: 'en' });
    expect([o.id, c.lang, c.current?.dir]).toEqual(['first-container', 'en', '02-first-container']);
    expect(c.progressOf('first-container')?.startedAt).toBeTruthy();
    const before = await c.grade('run');
    expect(before.results.map((r) => [r.id, r.passed, r.hint])).toEqual([['web-running', false, 'missing']]);
    await c.runBlock(o.lesson.text.en.steps[0]!.blocks[0]!.code);
    const after = await c.grade('run');
    expect(after.results[0]).toMatchObject({ id: 'web-running', passed: true, earned: 15 });
    await c.grade('run');
    expect(events).toEqual([
      ['language', 'en'],
      ['lesson-opened', { lesson: 'first-container' }],
      ['check-passed', { lesson: 'first-container', check: 'web-running', step: 'run', points: 15, first: true }],
      ['check-passed', { lesson: 'first-container', check: 'web-running', step: 'run', points: 15, first: false }],
    ]);
    const report = await c.lessonReport('first-container');
    expect(report).toMatchObject({ kind: 'docker-playground.lesson-report', lang: 'en', lesson: { id: 'first-container', order: 2, title: 'Your first container' }, score: 15, completed: false });
    expect(report.checks[0]).toMatchObject({ id: 'web-running', passed: true, earned: 15, attempts: 3, last: 'passed' });
    expect(report.checks[1]).toMatchObject({ passed: false, attempts: 0, last: null });
    await c.resetProgress('02-first-container');
    expect(c.progressOf('first-container')).toBeNull();
    expect(() => c.close()).not.toThrow();
    expect(c.current).toBeNull();
    await expect(c.grade('run')).rejects.toThrow('no lesson is open');
  }, 30_000);

  it('copies blocks to the editor, asks before replacing the student\'s file, and writes starter files after a reset', async () => {
    const m = await inProcess();
    const text = '## Paso {#paso}\n\n```dockerfile file=Dockerfile\nFROM busybox\n```\n';
    const catalog = catalogFrom({
      metas: { './05-demo/lesson.json': JSON.stringify({ id: 'demo', order: 5, title: { es: 'Demo', en: 'Demo' }, summary: { es: 'S', en: 'S' }, minutes: 5 }) },
      texts: { './05-demo/lesson.es.md': async () => text, './05-demo/lesson.en.md': async () => text },
      starters: { './05-demo/files/app/hola.sh': async () => 'echo hola\n' },
      checks: { './05-demo/checks.ts': async () => ({ default: { kind: 'lesson-checks', list: [] } }) },
    });
    const c = new LessonController(m.conn, { catalog });
    const asked: string[][] = [];
    c.askConflicts = async (paths) => { asked.push(paths); return 'keep-mine'; };
    const o = await c.open('demo');
    expect(m.read('app/hola.sh')).toBe('echo hola\n');
    expect(m.shown).toEqual(['app/hola.sh']);
    // The seed's Dockerfile is the playground's: the block replaces it without asking.
    const block = o.lesson.text.es.steps[0]!.blocks[0]!;
    expect(await c.copyToEditor(block)).toMatchObject({ written: ['Dockerfile'] });
    expect([m.read('Dockerfile'), m.shown.at(-1)]).toEqual(['FROM busybox\n', 'Dockerfile']);
    // The student changes the starter file; restoring the lesson's files asks, and keeps theirs.
    await c.run('echo "echo mio" > app/hola.sh');
    expect(await c.restoreFiles()).toMatchObject({ conflicts: ['app/hola.sh'] });
    expect(asked).toEqual([['app/hola.sh']]);
    expect(m.read('app/hola.sh')).toBe('echo mio\n');
    // Without a page to ask, an embedding page's files keep a copy of the student's.
    expect(await c.loadFiles({ 'app/hola.sh': 'echo embed\n' })).toMatchObject({ copies: [['app/hola.sh', 'app/hola.sh.bak']] });
    expect(m.read('app/hola.sh.bak')).toBe('echo mio\n');
    await c.resetMachine();
    // (This fake reset keeps the files: the embed's, being the playground's own, give way to the starter file.)
    expect(m.read('app/hola.sh')).toBe('echo hola\n');
  }, 30_000);

  it('fires lesson-completed once, when a grading completes the lesson', async () => {
    const result = (id: string, passed: boolean): CheckResult => ({ id, step: 's', points: 5, earned: passed ? 5 : 0, passed, title: { es: id, en: id }, message: { es: '', en: '' }, hint: passed ? null : 'h', error: null });
    const progress = (completedAt: string | null): LessonProgress => ({ lesson: 'first-container', startedAt: null, updatedAt: '2026-01-01T00:00:00.000Z', completedAt, total: 10, checks: [{ id: 'a', step: 's', points: 5, earned: 5, passedAt: '2026-01-01T00:00:00.000Z', attempts: 1, last: { at: '2026-01-01T00:00:00.000Z', passed: true, hint: null, error: null } }, { id: 'b', step: 's', points: 5, earned: 5, passedAt: '2026-01-01T00:00:00.000Z', attempts: 1, last: { at: '2026-01-01T00:00:00.000Z', passed: true, hint: null, error: null } }] });
    const replies = [
      { results: [result('a', true), result('b', true)], progress: progress('2026-01-01T00:00:00.000Z'), completedNow: true },
      { results: [result('a', true), result('b', false)], progress: progress('2026-01-01T00:00:00.000Z'), completedNow: false },
    ];
    const conn = { lessonProgress: [], lesson: async () => replies.shift(), onLessonProgress: () => () => {}, hostTerminal: () => null, onTerminalOpen: () => () => {}, showFile: () => {}, onReset: () => () => {}, reset: async () => ({}) } as unknown as LessonEngine;
    const c = new LessonController(conn);
    const events = heard(c);
    await c.grade(undefined, { lesson: 'first-container' });
    await c.grade(undefined, { lesson: 'first-container' });
    expect(events.filter(([e]) => e === 'lesson-completed')).toEqual([['lesson-completed', { lesson: 'first-container', score: 10, total: 10 }]]);
    expect(events.filter(([e]) => e === 'check-passed').map(([, v]) => (v as { first: boolean }).first)).toEqual([true, true, false]);
  });
});
