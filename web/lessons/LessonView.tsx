// One lesson in the pane: its title and score, the intro and steps in the
// page's language — prose rendered from Markdown (markdown.ts: nothing in a
// lesson's text can run), code blocks with their Run or Copy-to-editor
// buttons — and, under each step with checks, its checks with a Check
// button and the results (points, the success message or the hint).
import { useEffect, useRef, useState } from 'react';
import type { CheckResult, CodeBlock, Segment } from '../../lessons/index.ts';
import { useI18n } from '../i18n/index.tsx';
import type { LessonController, OpenLesson } from './controller.ts';
import { renderInline, renderMarkdown } from './markdown.ts';
import { scoreOf } from './progress.ts';
import type { PlaceOutcome } from './starter-files.ts';
import { TypingStopped } from './typist.ts';

type Note = { tone: 'ok' | 'error'; text: string } | null;

export function LessonView({ controller, opened, onBack, onReport }: { controller: LessonController; opened: OpenLesson; onBack(): void; onReport(): void }) {
  const { t, lang } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [note, setNote] = useState<Note>(null);
  useEffect(() => { heading.current?.focus(); }, []);
  const filesNote = (out: PlaceOutcome): Note => {
    if (out.copies.length > 0) return { tone: 'ok', text: t('lessons.filesCopied', { files: out.copies.map(([, c]) => c).join(', ') }) };
    if (out.conflicts.length > 0) return { tone: 'ok', text: t('lessons.filesKept', { files: out.conflicts.join(', ') }) };
    return null;
  };
  useEffect(() => controller.on('files', (out) => { const n = filesNote(out); if (n) setNote(n); }), [controller, t]);
  useEffect(() => controller.on('lesson-completed', ({ lesson, score, total }) => { if (lesson === opened.id) setNote({ tone: 'ok', text: t('lessons.completedToast', { score, total }) }); }), [controller, opened.id, t]);
  const progress = controller.progressOf(opened.id);
  const total = opened.checks.list.reduce((n, c) => n + c.points, 0);
  const text = opened.lesson.text[lang];
  const restore = async (): Promise<void> => {
    try { await controller.restoreFiles(); } catch (e) { setNote({ tone: 'error', text: t('lessons.filesFailed', { message: (e as Error).message }) }); }
  };
  const forget = async (): Promise<void> => {
    if (confirm(t('lessons.forgetConfirm'))) await controller.resetProgress(opened.id);
  };
  return (
    <article className="lesson" data-testid="lesson" data-lesson={opened.id}>
      <div className="lesson-toolbar">
        <button type="button" onClick={onBack} data-testid="lessons-back">← {t('lessons.back')}</button>
        <button type="button" onClick={onReport} data-testid="lesson-report">{t('lessons.report')}</button>
      </div>
      <h2 ref={heading} tabIndex={-1}>{opened.meta.title[lang]}</h2>
      <p className="lesson-progress">
        <meter min={0} max={Math.max(total, 1)} value={scoreOf(progress)} aria-hidden="true" />{' '}
        <span data-testid="lesson-score">{t('lessons.score', { score: scoreOf(progress), total })}</span>
        {progress?.completedAt ? <span className="lesson-state ok"> · ✓ {t('lessons.completed')}</span> : null}
      </p>
      {note && (
        <p className={`lessons-note ${note.tone}`} role={note.tone === 'error' ? 'alert' : 'status'} data-testid="lesson-note">
          {note.text} <button type="button" className="close" onClick={() => setNote(null)} aria-label={t('share.dismiss')}>×</button>
        </p>
      )}
      {text.intro.length > 0 && <Segments segments={text.intro} controller={controller} step="intro" />}
      {text.steps.map((step) => {
        const checks = opened.checks.list.filter((c) => c.step === step.id);
        return (
          <section key={step.id} className="lesson-step" aria-labelledby={`step-${step.id}`} data-step={step.id}>
            <h3 id={`step-${step.id}`} dangerouslySetInnerHTML={{ __html: renderInline(step.title) }} />
            <Segments segments={step.segments} controller={controller} step={step.id} />
            {checks.length > 0 && <StepChecks controller={controller} opened={opened} step={step.id} title={step.title} />}
          </section>
        );
      })}
      <div className="lesson-toolbar end">
        <button type="button" onClick={() => void restore()} data-testid="lesson-restore">{t('lessons.restoreFiles')}</button>
        <button type="button" onClick={() => void forget()}>{t('lessons.forget')}</button>
        <button type="button" onClick={onReport}>{t('lessons.report')}</button>
      </div>
    </article>
  );
}

function Segments({ segments, controller, step }: { segments: readonly Segment[]; controller: LessonController; step: string }) {
  return (
    <>
      {segments.map((s, i) => (s.kind === 'prose'
        ? <div key={i} className="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(s.markdown) }} />
        : <Code key={i} block={s.block} controller={controller} step={step} />))}
    </>
  );
}

type RunState = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

function Code({ block, controller, step }: { block: CodeBlock; controller: LessonController; step: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const mounted = useRef(true);
  useEffect(() => () => { mounted.current = false; }, []);
  const set = (s: RunState): void => { if (mounted.current) setState(s); };
  const run = async (): Promise<void> => {
    set({ kind: 'running' });
    // The student watches it happen: the terminal comes into view if it is not (a narrow column).
    document.querySelector('[data-testid="terminal"]')?.scrollIntoView({ block: 'nearest' });
    try {
      await controller.runBlock(block.code);
      set({ kind: 'done', text: t('lessons.ran') });
    } catch (e) {
      set(e instanceof TypingStopped ? { kind: 'idle' } : { kind: 'error', text: t('lessons.runFailed', { message: (e as Error).message }) });
    }
  };
  const copy = async (): Promise<void> => {
    const file = block.file!;
    try {
      const out = await controller.copyToEditor(block);
      const kept = out.copies.find(([p]) => p === file);
      set({ kind: 'done', text: kept ? t('lessons.copiedKept', { file, copy: kept[1] }) : t('lessons.copied', { file }) });
    } catch (e) {
      set({ kind: 'error', text: t('lessons.copyFailed', { message: (e as Error).message }) });
    }
  };
  const firstLine = block.code.split('\n')[0] ?? '';
  return (
    <figure className={`code-block${block.run ? ' run' : ''}${block.file !== null ? ' file' : ''}`} data-step={step}>
      {block.file !== null && <figcaption className="code-file">{block.file}</figcaption>}
      <pre><code className={block.lang ? `language-${block.lang}` : undefined}>{block.code}</code></pre>
      {(block.run || block.file !== null) && (
        <div className="code-actions">
          {block.run && (state.kind === 'running'
            ? <button type="button" onClick={() => controller.stopTyping()}>■ {t('lessons.stop')}</button>
            : <button type="button" className="primary" onClick={() => void run()} aria-label={t('lessons.runLabel', { code: firstLine })} data-testid="run-block">▶ {t('lessons.run')}</button>)}
          {block.file !== null && (
            <button type="button" onClick={() => void copy()} aria-label={t('lessons.copyLabel', { file: block.file })} data-testid="copy-block">{t('lessons.copy', { file: block.file })}</button>
          )}
          <span className={`code-state ${state.kind}`} role={state.kind === 'error' ? 'alert' : 'status'}>
            {state.kind === 'running' ? t('lessons.running') : state.kind === 'done' || state.kind === 'error' ? state.text : ''}
          </span>
        </div>
      )}
    </figure>
  );
}

function StepChecks({ controller, opened, step, title }: { controller: LessonController; opened: OpenLesson; step: string; title: string }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<CheckResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const checks = opened.checks.list.filter((c) => c.step === step);
  const saved = new Map((controller.progressOf(opened.id)?.checks ?? []).map((c) => [c.id, c]));
  const date = (iso: string): string => new Date(iso).toLocaleDateString(lang, { year: 'numeric', month: 'long', day: 'numeric' });
  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setResults((await controller.grade(step)).results);
    } catch (e) {
      setError(t('lessons.checkFailed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const earned = checks.reduce((n, c) => n + ((saved.get(c.id)?.earned ?? 0) > 0 ? c.points : 0), 0);
  const points = checks.reduce((n, c) => n + c.points, 0);
  return (
    <div className="step-checks" data-testid={`checks-${step}`}>
      <div className="step-checks-head">
        <h4>{t('lessons.checks')}</h4>
        <span className="step-score">{t('lessons.stepScore', { earned, points })}</span>
        <button type="button" className="primary" onClick={() => void run()} disabled={busy} aria-label={t('lessons.checkLabel', { step: title })} data-testid={`check-${step}`}>
          {busy ? t('lessons.checking') : t('lessons.check')}
        </button>
      </div>
      <ul className="check-list" aria-live="polite" aria-busy={busy}>
        {checks.map((c) => {
          const r = results?.find((x) => x.id === c.id);
          const s = saved.get(c.id);
          const kind = r ? (r.error !== null ? 'broken' : r.passed ? 'passed' : 'failed') : s && s.earned > 0 ? 'passed' : s ? 'failed' : 'pending';
          const mark = kind === 'passed' ? '✓' : kind === 'failed' ? '✗' : kind === 'broken' ? '⚠' : '○';
          return (
            <li key={c.id} className={`check ${kind}`} data-testid={`check-result-${c.id}`} data-state={kind}>
              <span className="check-mark" aria-hidden="true">{mark}</span>
              <span className="check-title">{c.title[lang]}</span>
              <span className="check-points">{t('lessons.points', { earned: r ? r.earned : s && s.earned > 0 ? c.points : 0, points: c.points })}</span>
              {r ? (
                <span className="check-message">
                  <span className="visually-hidden">{t(kind === 'passed' ? 'lessons.passed' : kind === 'broken' ? 'lessons.broken' : 'lessons.failed')}: </span>
                  {r.message[lang]}
                </span>
              ) : s ? (
                <span className="check-message muted">{s.earned > 0 && s.passedAt ? t('lessons.passedOn', { date: date(s.passedAt) }) : t('lessons.lastFailed')}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {error && <p className="lessons-error" role="alert">{error}</p>}
    </div>
  );
}
