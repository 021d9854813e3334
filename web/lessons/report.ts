// The completion record a learner prints or downloads: for a lesson, its id
// and title, each check with its points, whether and when it passed, how
// many tries, and the score, total and dates; for the course, every
// lesson's. Plain JSON (kind + format, so a teacher's tool can read it).
import type { Checks, Lang, LessonMeta } from '../../lessons/index.ts';
import { scoreOf, type LessonProgress } from './progress.ts';

export const REPORT_FORMAT = 1;

export interface CheckReport {
  id: string;
  step: string;
  title: string;
  points: number;
  earned: number;
  passed: boolean;
  passedAt: string | null;
  attempts: number;
  /** The latest grading: 'passed', 'failed' (with the hint's key) or 'broken' (the check could not run); null before any. */
  last: 'passed' | 'failed' | 'broken' | null;
  hint: string | null;
  lastAt: string | null;
}

export interface LessonReport {
  kind: 'docker-playground.lesson-report';
  format: typeof REPORT_FORMAT;
  lang: Lang;
  lesson: { id: string; order: number; title: string };
  score: number;
  total: number;
  completed: boolean;
  startedAt: string | null;
  completedAt: string | null;
  exportedAt: string;
  checks: CheckReport[];
}

export interface CourseReport {
  kind: 'docker-playground.course-report';
  format: typeof REPORT_FORMAT;
  lang: Lang;
  score: number;
  total: number;
  /** Lessons completed, of `lessons.length`. */
  completed: number;
  exportedAt: string;
  lessons: Array<Omit<LessonReport, 'kind' | 'format' | 'lang' | 'exportedAt'>>;
}

/**
 * A lesson's report in `lang`: its checks (in the lesson's order) with what
 * the progress holds of each.
 * @example download(`${meta.id}.json`, JSON.stringify(lessonReport(meta, checks, progress, 'es', new Date())));
 */
export function lessonReport(meta: LessonMeta, checks: Checks, progress: LessonProgress | null, lang: Lang, now: Date): LessonReport {
  const byId = new Map((progress?.checks ?? []).map((c) => [c.id, c]));
  const list: CheckReport[] = checks.list.map((c) => {
    const p = byId.get(c.id);
    const last = !p ? null : p.last.passed ? 'passed' : p.last.error !== null ? 'broken' : 'failed';
    return {
      id: c.id, step: c.step, title: c.title[lang], points: c.points,
      earned: p && p.earned > 0 ? c.points : 0, passed: Boolean(p && p.earned > 0), passedAt: p?.passedAt ?? null,
      attempts: p?.attempts ?? 0, last, hint: p && !p.last.passed ? p.last.hint : null, lastAt: p?.last.at ?? null,
    };
  });
  const total = checks.list.reduce((n, c) => n + c.points, 0);
  const score = list.reduce((n, c) => n + c.earned, 0);
  return {
    kind: 'docker-playground.lesson-report', format: REPORT_FORMAT, lang,
    lesson: { id: meta.id, order: meta.order, title: meta.title[lang] },
    score, total, completed: total > 0 && score === total,
    startedAt: progress?.startedAt ?? null, completedAt: progress?.completedAt ?? null, exportedAt: now.toISOString(),
    checks: list,
  };
}

/** The course's report: each lesson's (all of them, started or not). */
export function courseReport(lessons: ReadonlyArray<{ meta: LessonMeta; checks: Checks; progress: LessonProgress | null }>, lang: Lang, now: Date): CourseReport {
  const each = lessons.map(({ meta, checks, progress }) => {
    const { kind: _k, format: _f, lang: _l, exportedAt: _e, ...rest } = lessonReport(meta, checks, progress, lang, now);
    return rest;
  });
  return {
    kind: 'docker-playground.course-report', format: REPORT_FORMAT, lang,
    score: each.reduce((n, l) => n + l.score, 0), total: each.reduce((n, l) => n + l.total, 0),
    completed: each.filter((l) => l.completed).length, exportedAt: now.toISOString(), lessons: each,
  };
}

/** The score shown in the index before a lesson's checks are loaded: earned and the total last graded. */
export const knownScore = (p: LessonProgress | null | undefined): { score: number; total: number | null } => ({ score: scoreOf(p), total: p && p.total > 0 ? p.total : null });
