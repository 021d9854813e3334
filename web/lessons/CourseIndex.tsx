// The course index: the lessons in order, each with its time, its progress
// (points earned of its total, completed or not) and a button to open it;
// the course's score and its certificate page.
import { useEffect, useRef, type MutableRefObject } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { LessonController, OpenLesson } from './controller.ts';
import { knownScore } from './report.ts';

export function CourseIndex({ controller, loaded, opening, focusOn, onOpen, onReport }: {
  controller: LessonController;
  /** Lessons whose checks are loaded (their totals are known). */
  loaded: ReadonlyMap<string, OpenLesson>;
  opening: string | null;
  /** The lesson to give the focus to (the one the student came back from). */
  focusOn: MutableRefObject<string | null>;
  onOpen(id: string): void;
  onReport(): void;
}) {
  const { t, lang } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const id = focusOn.current;
    focusOn.current = null;
    if (id) list.current?.querySelector<HTMLButtonElement>(`button[data-lesson="${CSS.escape(id)}"]`)?.focus();
  }, [focusOn]);
  let score = 0;
  let total = 0;
  let done = 0;
  const rows = controller.catalog.map((e) => {
    const p = controller.progressOf(e.meta.id);
    const known = knownScore(p);
    const checks = loaded.get(e.meta.id)?.checks;
    const lessonTotal = checks ? checks.list.reduce((n, c) => n + c.points, 0) : known.total;
    score += known.score;
    total += lessonTotal ?? 0;
    const complete = Boolean(p?.completedAt);
    if (complete) done++;
    const state = complete ? t('lessons.completed') : p ? t('lessons.inProgress') : t('lessons.notStarted');
    return (
      <li key={e.dir} className={`lesson-item${complete ? ' complete' : ''}`} data-testid={`lesson-${e.meta.id}`}>
        <button type="button" className="lesson-open" data-lesson={e.meta.id} onClick={() => onOpen(e.meta.id)} aria-busy={opening === e.meta.id}>
          <span className="lesson-number" aria-hidden="true">{String(e.meta.order).padStart(2, '0')}</span>
          <span className="lesson-title">{e.meta.title[lang]}</span>
        </button>
        <p className="lesson-summary">{e.meta.summary[lang]}</p>
        <p className="lesson-meta">
          <span>{t('lessons.minutes', { minutes: e.meta.minutes })}</span>
          <span className={`lesson-state${complete ? ' ok' : ''}`}>{complete ? '✓ ' : ''}{state}</span>
          <span data-testid="lesson-score">{lessonTotal === null ? t('lessons.scoreSoFar', { score: known.score }) : t('lessons.score', { score: known.score, total: lessonTotal })}</span>
        </p>
      </li>
    );
  });
  return (
    <div className="course-index">
      <h2>{t('lessons.course')}</h2>
      <p className="lessons-intro">{t('lessons.courseIntro')}</p>
      <ol className="lesson-list" ref={list}>{rows}</ol>
      <p className="course-score" data-testid="course-score">{t('lessons.courseScore', { score, total, done, count: controller.catalog.length })}</p>
      <button type="button" onClick={onReport} data-testid="course-report">{t('lessons.courseReport')}</button>
    </div>
  );
}
