// The Lessons pane (lazy-loaded by App with the lesson texts, their checks
// and the Markdown renderer): the course index with each lesson's progress,
// a lesson's text with its Run / Copy-to-editor / Check buttons, and the
// completion page. Everything it does goes through the lessons' controller
// (controller.ts), which an embedding page drives the same way; the pane
// only draws it and asks the student when lesson files would replace theirs.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import { useI18n } from '../i18n/index.tsx';
import { lessonControllerFor, type OpenLesson } from './controller.ts';
import { useControllerState } from './use-controller.ts';
import { CourseIndex } from './CourseIndex.tsx';
import { LessonView } from './LessonView.tsx';
import { Completion } from './Completion.tsx';
import { ConflictDialog, type PendingConflict } from './ConflictDialog.tsx';
import './lessons.css';

/** The lesson the student had open, opened again after a reload. */
const OPEN_KEY = 'playground.lesson';
const remembered = (): string | null => { try { return localStorage.getItem(OPEN_KEY); } catch { return null; } };
const remember = (id: string | null): void => { try { if (id) localStorage.setItem(OPEN_KEY, id); else localStorage.removeItem(OPEN_KEY); } catch { /* not kept */ } };

/** What is open in the pane: the index or a lesson (the controller's current one), or a completion page over them. */
type Report = { lesson: string | null } | null;

/**
 * `embedLesson`: the page is an embed of that lesson (or of a free playground
 * when null) — it opens it and does not take or keep the full page's open
 * lesson.
 */
export default function LessonPane({ engine, embedLesson }: { engine: EngineConnection; embedLesson?: string | null }) {
  const { t, lang, setLang } = useI18n();
  const controller = useMemo(() => lessonControllerFor(engine, { lang }), [engine]);
  useControllerState(controller);
  const [report, setReport] = useState<Report>(null);
  const [conflict, setConflict] = useState<PendingConflict | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<ReadonlyMap<string, OpenLesson>>(new Map());
  const focusIndexOn = useRef<string | null>(null);

  // The page's language is the lessons' language; a driver's open(id, { lang }) switches the page.
  useEffect(() => { controller.setLang(lang); }, [controller, lang]);
  useEffect(() => controller.on('language', (l) => setLang(l)), [controller, setLang]);
  // Lesson files that would replace the student's: the pane asks.
  useEffect(() => {
    controller.askConflicts = (paths) => new Promise((resolve) => setConflict({ paths, resolve: (a) => { setConflict(null); resolve(a); } }));
    return () => { controller.askConflicts = null; };
  }, [controller]);
  // The index shows every lesson's points in all: their checks load once the engine is up.
  useEffect(() => {
    let gone = false;
    void engine.ready.then(async () => {
      for (const e of controller.catalog) {
        const o = await controller.load(e.meta.id).catch(() => null);
        if (gone) return;
        if (o) setLoaded((m) => new Map(m).set(o.id, o));
      }
    }, () => {});
    return () => { gone = true; };
  }, [controller, engine]);

  // Back where the student was: the lesson open before a reload (or a Reset's remount).
  useEffect(() => {
    if (embedLesson !== undefined) {
      if (embedLesson && controller.current?.id !== controller.entry(embedLesson)?.meta.id) {
        if (controller.entry(embedLesson)) void open(embedLesson);
        else setError(t('lessons.openFailed', { message: `no lesson ${embedLesson}` }));
      }
      return;
    }
    const id = remembered();
    if (id && !controller.current && controller.entry(id)) void open(id);
    return controller.on('lesson-opened', ({ lesson }) => remember(lesson));
  }, [controller]);

  const open = async (id: string): Promise<void> => {
    setOpening(id);
    setError(null);
    try {
      await controller.open(id);
    } catch (e) {
      setError(t('lessons.openFailed', { message: (e as Error).message }));
    } finally {
      setOpening(null);
    }
  };
  const back = (): void => {
    focusIndexOn.current = controller.current?.id ?? null;
    if (embedLesson === undefined) remember(null);
    controller.close();
  };

  const current = controller.current;
  let body;
  if (report) body = <Completion controller={controller} lesson={report.lesson} onClose={() => setReport(null)} />;
  else if (current) body = <LessonView key={current.id} controller={controller} opened={current} onBack={back} onReport={() => setReport({ lesson: current.id })} />;
  else body = <CourseIndex controller={controller} loaded={loaded} opening={opening} focusOn={focusIndexOn} onOpen={(id) => void open(id)} onReport={() => setReport({ lesson: null })} />;
  return (
    <section className="lessons-pane" aria-label={t('lessons.label')} data-testid="lessons-pane">
      {conflict && <ConflictDialog conflict={conflict} />}
      {error && <p className="lessons-error" role="alert">{error}</p>}
      {body}
    </section>
  );
}
