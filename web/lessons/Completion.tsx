// The completion page of a lesson (or of the course, `lesson` null): a
// certificate-like summary — the learner's name if they give it, the
// lesson, the score, the dates and each check with its points and when it
// passed — to print (the print stylesheet shows only the certificate) or to
// download as JSON (report.ts).
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n/index.tsx';
import type { LessonController } from './controller.ts';
import type { CourseReport, LessonReport } from './report.ts';
import { useControllerState } from './use-controller.ts';

const NAME_KEY = 'playground.student-name';

function savedName(): string {
  try { return localStorage.getItem(NAME_KEY) ?? ''; } catch { return ''; }
}

/** Offers `data` as a file download (a blob: URL; nothing leaves the browser). */
function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Completion({ controller, lesson, onClose }: { controller: LessonController; lesson: string | null; onClose(): void }) {
  const { t, lang } = useI18n();
  const version = useControllerState(controller);
  const [report, setReport] = useState<LessonReport | CourseReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState(savedName);
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let gone = false;
    (lesson === null ? controller.courseReport() : controller.lessonReport(lesson)).then((r) => { if (!gone) setReport(r); }, (e: Error) => { if (!gone) setError(e.message); });
    return () => { gone = true; };
  }, [controller, lesson, lang, version]);
  const ready = report !== null;
  useEffect(() => { if (ready) shown.current?.querySelector<HTMLElement>('h2')?.focus(); }, [ready]);
  const keepName = (n: string): void => {
    setName(n);
    try { localStorage.setItem(NAME_KEY, n); } catch { /* not kept */ }
  };
  if (error) return <p className="lessons-error" role="alert">{error}</p>;
  if (!report) return <p className="loading">{t('lessons.loading')}</p>;
  const fileName = report.kind === 'docker-playground.lesson-report' ? `docker-playground-${report.lesson.id}.json` : 'docker-playground-course.json';
  const exported = (): LessonReport | CourseReport => ({ ...report, exportedAt: new Date().toISOString(), ...(name.trim() && { learner: name.trim() }) });
  return (
    <div className="completion" data-testid="completion">
      <div className="lesson-toolbar">
        <button type="button" onClick={onClose} data-testid="completion-close">← {t('lessons.closeReport')}</button>
        <button type="button" onClick={() => window.print()} data-testid="completion-print">{t('lessons.print')}</button>
        <button type="button" onClick={() => download(fileName, exported())} data-testid="completion-export">{t('lessons.export')}</button>
      </div>
      <label className="learner-name">{t('lessons.certName')}
        <input type="text" value={name} maxLength={120} onChange={(e) => keepName(e.target.value)} autoComplete="name" />
      </label>
      <div ref={shown}><Certificate report={report} name={name} /></div>
      {/* What the printer gets: the certificate alone (styles.css hides the page when printing). */}
      {createPortal(<div className="print-only" aria-hidden="true"><Certificate report={report} name={name} printed /></div>, document.body)}
    </div>
  );
}

function Certificate({ report, name, printed = false }: { report: LessonReport | CourseReport; name: string; printed?: boolean }) {
  const { t, lang } = useI18n();
  const date = (iso: string | null): string => (iso ? new Date(iso).toLocaleDateString(lang, { year: 'numeric', month: 'long', day: 'numeric' }) : '');
  const course = report.kind === 'docker-playground.course-report';
  const done = course ? report.completed === report.lessons.length && report.lessons.length > 0 : report.completed;
  return (
    <section className={`certificate${done ? ' done' : ''}`} aria-labelledby={printed ? undefined : 'certificate-title'}>
      <p className="certificate-kicker">Docker Playground · {t('lessons.certCourse')}</p>
      <h2 id={printed ? undefined : 'certificate-title'} tabIndex={-1}>{t(done ? 'lessons.certDone' : 'lessons.certProgress')}</h2>
      {name.trim() && <p className="certificate-name">{name.trim()}</p>}
      <p className="certificate-lesson">{course ? t('lessons.certCourse') : report.lesson.title}</p>
      <p className="certificate-score" data-testid="certificate-score">{t('lessons.certScore', { score: report.score, total: report.total })}</p>
      {course ? (
        <>
          <p>{t('lessons.certLessonsDone', { done: report.completed, count: report.lessons.length })}</p>
          <table className="grid certificate-table">
            <thead><tr><th>{t('lessons.certLesson')}</th><th>{t('lessons.certPoints')}</th><th>{t('lessons.completed')}</th></tr></thead>
            <tbody>{report.lessons.map((l) => (
              <tr key={l.lesson.id}><td>{l.lesson.title}</td><td>{l.score} / {l.total}</td><td>{l.completedAt ? `✓ ${date(l.completedAt)}` : '—'}</td></tr>
            ))}</tbody>
          </table>
        </>
      ) : (
        <>
          <p>{report.completedAt ? t('lessons.certCompletedOn', { date: date(report.completedAt) }) : t('lessons.certNotDone')}{report.startedAt ? ` · ${t('lessons.certStartedOn', { date: date(report.startedAt) })}` : ''}</p>
          <table className="grid certificate-table">
            <thead><tr><th>{t('lessons.certCheck')}</th><th>{t('lessons.certPoints')}</th><th>{t('lessons.certWhen')}</th></tr></thead>
            <tbody>{report.checks.map((c) => (
              <tr key={c.id} data-testid={`certificate-check-${c.id}`}><td>{c.passed ? '✓' : '○'} {c.title}</td><td>{c.earned} / {c.points}</td><td>{date(c.passedAt) || '—'}</td></tr>
            ))}</tbody>
          </table>
        </>
      )}
      <p className="certificate-issued">{t('lessons.certIssued', { date: date(report.exportedAt) })}</p>
    </section>
  );
}
