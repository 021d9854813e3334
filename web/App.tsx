// The playground page: the course's lessons, the editor and its file tree,
// the terminal, and the panels that show what Docker hides — laid out in
// resizable, collapsible panes that stack in a narrow column (a tutorial's
// embed). The engine runs in a Web Worker; everything here talks to it
// through EngineConnection. The Lessons pane (and the lesson texts, checks
// and Markdown renderer with it) loads on demand, as the editor does.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { startEngine, type EngineConnection } from './engine/connection.ts';
import { deferMonacoUntil } from './editor/load-monaco.ts';
import { I18nProvider, useI18n, type Lang } from './i18n/index.tsx';
import { Terminal } from './terminal/Terminal.tsx';
import { PanelTabs } from './panels/PanelTabs.tsx';
import { useNarrow, useTheme } from './state/layout.ts';
import { WorkspaceMenu } from './state/WorkspaceMenu.tsx';
import { RealNodeToggle } from './realnode/RealNodeToggle.tsx';
import { MachineControls } from './state/MachineControls.tsx';
import { useBuildMarks } from './editor/follow-builds.ts';
import { onLeave } from './state/leave.ts';

const Workspace = lazy(() => import('./editor/Workspace.tsx'));
const LessonPane = lazy(() => import('./lessons/LessonPane.tsx'));
const LESSONS_KEY = 'playground.lessons';

/** Whether the Lessons column is shown: open until the visitor closes it, then as they left it. */
function useLessonsOpen(): [boolean, (open: boolean) => void] {
  const [open, set] = useState(() => { try { return localStorage.getItem(LESSONS_KEY) !== 'closed'; } catch { return true; } });
  return [open, (o) => { set(o); try { localStorage.setItem(LESSONS_KEY, o ? 'open' : 'closed'); } catch { /* not kept */ } }];
}

/** The page as an embed (`/embed/?lesson=…`): a compact top bar and the given lesson open. */
export interface EmbedMode {
  /** The lesson to open (a lesson id or folder), or null for a free playground. */
  lesson: string | null;
}

export function App({ engine: given, lang, embed }: { engine?: EngineConnection; lang?: Lang; embed?: EmbedMode }) {
  const engine = useMemo(() => {
    const e = given ?? startEngine();
    // The editor loads once the engine is up and the page has had a moment: the terminal comes first.
    deferMonacoUntil(e.ready.then(() => new Promise((r) => setTimeout(r, 300))));
    return e;
  }, [given]);
  useEffect(() => () => { if (!given) engine.dispose(); }, [engine, given]);
  return (
    <I18nProvider {...(lang && { lang })}>
      <Machine engine={engine} embed={embed} />
    </I18nProvider>
  );
}

/** A reset gives a new machine: every pane reconnects to it (a remount) — whoever asked for it (Reset, the lessons' controller). */
function Machine({ engine, embed }: { engine: EngineConnection; embed: EmbedMode | undefined }) {
  const [generation, setGeneration] = useState(0);
  useEffect(() => engine.onReset(() => setGeneration((g) => g + 1)), [engine]);
  useEffect(() => onLeave(() => engine.persistNow()), [engine]);
  return <Playground key={generation} engine={engine} embed={embed} wasReset={generation > 0} onReset={() => {}} />;
}

function Playground({ engine, embed, onReset, wasReset }: { engine: EngineConnection; embed: EmbedMode | undefined; onReset(): void; wasReset: boolean }) {
  const { t, lang, setLang } = useI18n();
  const [theme, setTheme] = useTheme();
  const narrow = useNarrow();
  const [lessonsShown, setLessonsOpen] = useLessonsOpen();
  // An embed of a lesson always shows it (the visitor's choice on the full page does not apply).
  const [embedLessons, setEmbedLessons] = useState(true);
  const lessonsOpen = embed ? embedLessons : lessonsShown;
  const toggleLessons = (open: boolean): void => (embed ? setEmbedLessons(open) : setLessonsOpen(open));
  useBuildMarks(engine);
  const [status, setStatus] = useState<{ kind: 'starting' | 'ready' | 'failed'; text: string; guests?: boolean }>({ kind: 'starting', text: t('engine.starting') });
  useEffect(() => {
    engine.ready.then(
      (r) => setStatus({ kind: 'ready', text: t('engine.ready', { images: r.images, ms: Math.round(r.bootMs) }), guests: r.guestWorkers }),
      (e: Error) => setStatus({ kind: 'failed', text: t('engine.failed', { message: e.message.split('\n')[0]! }) }),
    );
  }, [engine, t]);
  const actions = (
    <>
      {!embed && <WorkspaceMenu engine={engine} />}
      {!embed && <RealNodeToggle engine={engine} />}
      <MachineControls engine={engine} onReset={onReset} wasReset={wasReset} />
      <label>{t('app.language')}{' '}
        <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
          <option value="es">Español</option>
          <option value="en">English</option>
        </select>
      </label>
      <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={t('app.theme')}>
        {theme === 'dark' ? t('app.theme.light') : t('app.theme.dark')}
      </button>
      {embed && <a className="open-full" href={fullPageUrl()} target="_blank" rel="noopener">{t('embed.openFull')}</a>}
    </>
  );
  const lessons = (
    <Suspense fallback={<p className="loading">{t('lessons.loading')}</p>}>
      <div id="lessons-pane" className="lessons-host"><LessonPane engine={engine} {...(embed && { embedLesson: embed.lesson })} /></div>
    </Suspense>
  );
  const editor = (
    <Suspense fallback={<p className="loading">{t('editor.loading')}</p>}>
      <Workspace engine={engine} theme={theme} />
    </Suspense>
  );
  return (
    <div className="app" data-theme={theme} data-layout={narrow ? 'narrow' : 'wide'} data-embed={embed ? 'true' : undefined}>
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <button
          type="button" className="lessons-toggle" aria-pressed={lessonsOpen} aria-controls={lessonsOpen ? 'lessons-pane' : undefined}
          title={t('lessons.toggleTitle')} onClick={() => toggleLessons(!lessonsOpen)} data-testid="lessons-toggle"
        >{t('lessons.toggle')}</button>
        <span
          className={`engine-status ${status.kind}`} role="status" data-testid="engine-status" data-guest-workers={status.guests === undefined ? undefined : String(status.guests)}
          title={status.guests === undefined ? undefined : t(status.guests ? 'engine.guestsInWorkers' : 'engine.guestsInThread')}
        >{status.text}</span>
        <div className="spacer" />
        {narrow ? <details className="more"><summary>{t('app.menu')}</summary><div className="actions">{actions}</div></details> : <div className="actions">{actions}</div>}
      </header>
      {narrow ? (
        // A narrow column (a tutorial's embed, a phone, 200% zoom): the panes one below the other, each tall enough to use; the page scrolls.
        // The lesson comes right under the terminal its Run buttons type into (and the terminal stays near the top, in view).
        <main className="stack">
          <section className="stack-pane">{editor}</section>
          <section className="stack-pane"><Terminal engine={engine} theme={theme} /></section>
          {lessonsOpen && <div className="stack-pane lessons-stack">{lessons}</div>}
          <section className="stack-pane"><PanelTabs engine={engine} /></section>
        </main>
      ) : (
        <Group orientation="horizontal" className="main">
          {/* The lesson above the editor it copies into; the terminal keeps its width (wide tables, long commands). */}
          <Panel id="left" defaultSize="45%" minSize="15%" collapsible collapsedSize="0%">
            <Group orientation="vertical">
              {lessonsOpen && (
                <>
                  <Panel id="lessons" defaultSize="60%" minSize="15%">
                    {lessons}
                  </Panel>
                  <Separator className="separator" />
                </>
              )}
              <Panel id="editor" defaultSize={lessonsOpen ? '40%' : '100%'} minSize="10%" collapsible collapsedSize="0%">
                {editor}
              </Panel>
            </Group>
          </Panel>
          <Separator className="separator" />
          <Panel id="machine" defaultSize="55%" minSize="20%">
            <Group orientation="vertical">
              <Panel defaultSize="55%" minSize="15%">
                <Terminal engine={engine} theme={theme} />
              </Panel>
              <Separator className="separator" />
              <Panel defaultSize="45%" minSize="5%" collapsible collapsedSize="0%">
                <PanelTabs engine={engine} />
              </Panel>
            </Group>
          </Panel>
        </Group>
      )}
    </div>
  );
}

/** The full playground, from an embed (`…/embed/?…` → `…/`). */
function fullPageUrl(): string {
  return new URL('../', location.href).href;
}
