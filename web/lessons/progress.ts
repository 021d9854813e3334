// A learner's progress through the course, as the engine's worker keeps it
// (progress-store.ts, IndexedDB) and the lesson pane shows it: per lesson,
// when it was started and completed and, per check, the points earned, when
// it first passed, how many tries, and the latest result. Beside it, what
// the LessonRecorder saw (the commands typed and the last build: the checks
// read them, so they survive a reload too) and the hashes of the workspace
// files the playground wrote (a file still as written is not the student's
// work and may be replaced without asking). Plain JSON, versioned:
//
//   { format: 1, recorded: { commands, lastBuild }, written: [[path, hash]],
//     lessons: [{ lesson: 'first-container', startedAt, updatedAt, completedAt,
//                 total: 100, checks: [{ id, step, points, earned, passedAt, attempts, last }] }] }
//
// Points once earned stay earned: a step later in the lesson may undo what
// an earlier one built (stop-rm removes `web`), and grading the early step
// again then fails without taking its points back. Only checks the lesson
// still has count towards its score.
import type { CheckResult, RecordedState } from '../../lessons/index.ts';

/** The stored format this page writes. A later format adds a migration step to readProgress. */
export const PROGRESS_FORMAT = 1;

export interface CheckProgress {
  id: string;
  step: string;
  points: number;
  /** `points` once the check has passed (kept after a later failure), else 0. */
  earned: number;
  /** When it first passed (ISO 8601), or null. */
  passedAt: string | null;
  /** How many times it has been graded. */
  attempts: number;
  /** The latest grading: passed, or the hint it failed with, or why it could not run. */
  last: { at: string; passed: boolean; hint: string | null; error: string | null };
}

export interface LessonProgress {
  /** The lesson's id (lesson.json `id`: 'first-container'). */
  lesson: string;
  /** When the lesson was started (its starter files written), or null when only graded. */
  startedAt: string | null;
  updatedAt: string;
  /** When every check had first been passed, or null. */
  completedAt: string | null;
  /** The lesson's points in all, when it was last graded. */
  total: number;
  /** In the lesson's order. */
  checks: CheckProgress[];
}

export interface CourseProgress {
  format: typeof PROGRESS_FORMAT;
  recorded: RecordedState;
  /** Workspace files the playground wrote (starter files, copy-to-editor blocks): path → hashText() of the text. */
  written: Array<[string, string]>;
  lessons: LessonProgress[];
}

/** A check as the lesson defines it (what grading needs beside the results). */
export interface CheckSpec { id: string; step: string; points: number }

export const emptyProgress = (): CourseProgress => ({ format: PROGRESS_FORMAT, recorded: { commands: [], lastBuild: null }, written: [], lessons: [] });

/** Most lessons and checks a stored record may hold (a bound on what is read back). */
const MAX_LESSONS = 500;
const MAX_CHECKS = 500;
const MAX_WRITTEN = 5000;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const dateOrNull = (v: unknown): string | null => (isDate(v) ? v : null);
const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Reads a stored record (whatever the IndexedDB held). `problem` says when
 * it was not this page's format: 'newer' (a later page wrote it: keep it
 * untouched, save nothing over it) or 'invalid' (unreadable: what could be
 * read is kept — whole lessons and checks that parse — and the rest dropped).
 * @example const { progress, problem } = readProgress(await store.get('course'));
 */
export function readProgress(raw: unknown): { progress: CourseProgress; problem: null | 'newer' | 'invalid' } {
  if (raw === undefined || raw === null) return { progress: emptyProgress(), problem: null };
  if (!isObject(raw) || typeof raw.format !== 'number') return { progress: emptyProgress(), problem: 'invalid' };
  if (raw.format > PROGRESS_FORMAT) return { progress: emptyProgress(), problem: 'newer' };
  if (raw.format !== PROGRESS_FORMAT) return { progress: emptyProgress(), problem: 'invalid' };
  let dropped = false;
  const lessons: LessonProgress[] = [];
  for (const l of Array.isArray(raw.lessons) ? raw.lessons.slice(0, MAX_LESSONS) : []) {
    const lesson = readLesson(l);
    if (lesson && !lessons.some((x) => x.lesson === lesson.lesson)) lessons.push(lesson);
    else dropped = true;
  }
  const written: Array<[string, string]> = [];
  for (const w of Array.isArray(raw.written) ? raw.written.slice(0, MAX_WRITTEN) : []) {
    if (Array.isArray(w) && typeof w[0] === 'string' && typeof w[1] === 'string') written.push([w[0], w[1]]);
    else dropped = true;
  }
  const recorded = readRecorded(raw.recorded);
  if (!recorded) dropped = true;
  if (!Array.isArray(raw.lessons) || !Array.isArray(raw.written)) dropped = true;
  return { progress: { format: PROGRESS_FORMAT, recorded: recorded ?? { commands: [], lastBuild: null }, written, lessons }, problem: dropped ? 'invalid' : null };
}

function readRecorded(v: unknown): RecordedState | null {
  if (!isObject(v) || !Array.isArray(v.commands) || !v.commands.every((c) => typeof c === 'string')) return null;
  // The build record is the recorder's own (lessons/kit/builds.ts): kept as it was stored, or none.
  const lastBuild = isObject(v.lastBuild) && Array.isArray(v.lastBuild.steps) ? (v.lastBuild as unknown as RecordedState['lastBuild']) : null;
  return { commands: v.commands as string[], lastBuild };
}

function readLesson(v: unknown): LessonProgress | null {
  if (!isObject(v) || typeof v.lesson !== 'string' || !v.lesson || !isDate(v.updatedAt) || !Array.isArray(v.checks)) return null;
  const checks: CheckProgress[] = [];
  for (const c of v.checks.slice(0, MAX_CHECKS)) {
    if (!isObject(c) || typeof c.id !== 'string' || typeof c.step !== 'string' || count(c.points) < 1 || !isObject(c.last) || !isDate(c.last.at)) continue;
    const points = count(c.points);
    checks.push({
      id: c.id, step: c.step, points,
      earned: count(c.earned) >= points ? points : 0,
      passedAt: dateOrNull(c.passedAt),
      attempts: count(c.attempts),
      last: { at: c.last.at, passed: c.last.passed === true, hint: strOrNull(c.last.hint), error: strOrNull(c.last.error) },
    });
  }
  return { lesson: v.lesson, startedAt: dateOrNull(v.startedAt), updatedAt: v.updatedAt, completedAt: dateOrNull(v.completedAt), total: count(v.total), checks };
}

/** The points a lesson's progress has earned. */
export const scoreOf = (p: LessonProgress | null | undefined): number => (p ? p.checks.reduce((n, c) => n + c.earned, 0) : 0);

/** The lesson's progress, or a fresh one. */
export function lessonOf(progress: CourseProgress, lesson: string, now: string): LessonProgress {
  return progress.lessons.find((l) => l.lesson === lesson) ?? { lesson, startedAt: null, updatedAt: now, completedAt: null, total: 0, checks: [] };
}

/** `progress` with `lesson`'s entry replaced (or added). */
export function withLesson(progress: CourseProgress, lesson: LessonProgress): CourseProgress {
  const others = progress.lessons.filter((l) => l.lesson !== lesson.lesson);
  return { ...progress, lessons: [...others, lesson] };
}

/** The lesson marked as started now (kept as it was if it already had been). */
export function started(progress: CourseProgress, lesson: string, now: string): CourseProgress {
  const l = lessonOf(progress, lesson, now);
  return withLesson(progress, { ...l, startedAt: l.startedAt ?? now, updatedAt: now });
}

/**
 * Adds a grading's results to the lesson's progress. `all` is every check
 * of the lesson (its order and points: checks it no longer has are dropped).
 * `completedNow`: this grading is the one that completed the lesson.
 * @example const { progress, completedNow } = recordResults(p, 'first-container', results, checks.list, new Date().toISOString());
 */
export function recordResults(progress: CourseProgress, lesson: string, results: readonly CheckResult[], all: readonly CheckSpec[], now: string): { progress: CourseProgress; lesson: LessonProgress; completedNow: boolean } {
  const before = lessonOf(progress, lesson, now);
  const byId = new Map(before.checks.map((c) => [c.id, c]));
  const graded = new Map(results.map((r) => [r.id, r]));
  const checks: CheckProgress[] = [];
  for (const spec of all) {
    const old = byId.get(spec.id);
    const r = graded.get(spec.id);
    if (!r) { if (old) checks.push({ ...old, step: spec.step, points: spec.points, earned: old.earned > 0 ? spec.points : 0 }); continue; }
    const passedBefore = Boolean(old && old.earned > 0);
    checks.push({
      id: spec.id, step: spec.step, points: spec.points,
      earned: passedBefore || r.passed ? spec.points : 0,
      passedAt: old?.passedAt ?? (r.passed ? now : null),
      attempts: (old?.attempts ?? 0) + 1,
      last: { at: now, passed: r.passed, hint: r.hint, error: r.error },
    });
  }
  const total = all.reduce((n, c) => n + c.points, 0);
  const complete = all.length > 0 && checks.length === all.length && checks.every((c) => c.earned > 0);
  const completedNow = complete && before.completedAt === null;
  const next: LessonProgress = { ...before, updatedAt: now, total, checks, completedAt: before.completedAt ?? (complete ? now : null) };
  return { progress: withLesson(progress, next), lesson: next, completedNow };
}

/**
 * `ours` with what another tab saved since (`stored`) folded in, so that no
 * tab's save loses points another earned: per check the points stay earned,
 * the first pass date and the latest result win; lessons only the other tab
 * has are kept. Lessons in `forgotten` (started over in this tab) are ours
 * alone. The recorder's state and the written files' hashes are ours.
 */
export function mergeProgress(ours: CourseProgress, stored: CourseProgress, forgotten: ReadonlySet<string>): CourseProgress {
  const earliest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);
  const lessons = ours.lessons.map((mine) => {
    const theirs = stored.lessons.find((l) => l.lesson === mine.lesson);
    if (!theirs || forgotten.has(mine.lesson)) return mine;
    const other = new Map(theirs.checks.map((c) => [c.id, c]));
    const checks = mine.checks.map((c) => {
      const t = other.get(c.id);
      if (!t) return c;
      return {
        ...c,
        earned: Math.max(c.earned, t.earned > 0 ? c.points : 0),
        passedAt: earliest(c.passedAt, t.passedAt),
        attempts: Math.max(c.attempts, t.attempts),
        last: t.last.at > c.last.at ? t.last : c.last,
      };
    });
    const known = new Set(mine.checks.map((c) => c.id));
    for (const t of theirs.checks) if (!known.has(t.id)) checks.push(t);
    return {
      ...mine,
      startedAt: earliest(mine.startedAt, theirs.startedAt),
      updatedAt: theirs.updatedAt > mine.updatedAt ? theirs.updatedAt : mine.updatedAt,
      completedAt: earliest(mine.completedAt, theirs.completedAt),
      total: Math.max(mine.total, theirs.total),
      checks,
    };
  });
  const mine = new Set(ours.lessons.map((l) => l.lesson));
  for (const l of stored.lessons) if (!mine.has(l.lesson) && !forgotten.has(l.lesson)) lessons.push(l);
  return { ...ours, lessons };
}

/** The progress without a lesson's entry (all lessons' when `lesson` is null): a fresh start. */
export function forget(progress: CourseProgress, lesson: string | null): CourseProgress {
  return { ...progress, lessons: lesson === null ? [] : progress.lessons.filter((l) => l.lesson !== lesson) };
}

/** Notes the hashes of files the playground wrote (newest wins; bounded). */
export function noteWritten(progress: CourseProgress, files: ReadonlyArray<[string, string]>): CourseProgress {
  if (files.length === 0) return progress;
  const map = new Map(progress.written);
  for (const [path, hash] of files) { map.delete(path); map.set(path, hash); }
  return { ...progress, written: [...map].slice(-MAX_WRITTEN) };
}

/**
 * A short hash of a text (cyrb53: 53 bits, as hex): enough to tell whether
 * a file is still what the playground wrote, not a security measure.
 * @example hashText('FROM nginx\n') // '1a2b…'
 */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
