// Entry of /embed/: the playground compact, for a tutorial's iframe (or the
// <docker-playground> element, which frames this page).
//
//   /embed/?lesson=05-layers&lang=es&origin=https://course.example
//
// `lesson` opens that lesson (none: a free playground); `lang` is es or en;
// `origin` (repeatable, or `origins=a,b`) names the pages allowed to drive it
// through the postMessage API (bridge.ts; messages.ts says what they send and
// hear). The embed keeps its machine apart from the full page's (its own
// IndexedDB database per lesson); lesson progress is shared with the full page.
import { createRoot } from 'react-dom/client';
import { App } from '../App.tsx';
import { startEngine } from '../engine/connection.ts';
import type { Lang } from '../i18n/index.tsx';
import { connectEmbed } from './bridge.ts';
import { allowedOrigins } from './origins.ts';
import { CHOICE } from '../preview/bridge.ts';
import { servesOnlyPreviews } from '../preview/origin.ts';
import '../styles.css';

const params = new URLSearchParams(location.search);
const asked = params.get('lesson');
// A lesson id or folder: anything else opens no lesson (and cannot name a database).
const lesson = asked && /^[a-z0-9][a-z0-9-]{0,63}$/.test(asked) ? asked : null;
const langParam = params.get('lang');
const lang: Lang | undefined = langParam === 'es' || langParam === 'en' ? langParam : undefined;
// Never the origin that serves container pages: a page a student's container serves there could frame this embed and drive it.
const allowed = allowedOrigins(params).filter((origin) => !servesOnlyPreviews(origin, CHOICE));

const engine = startEngine({ machineStore: lesson ? `docker-playground-embed-${lesson}` : 'docker-playground-embed' });
createRoot(document.getElementById('root')!).render(<App engine={engine} {...(lang && { lang })} embed={{ lesson }} />);

// The postMessage API, for the page that frames this one — when it is allowed to use it.
const parent = window.parent !== window ? window.parent : null;
if (parent && allowed.length > 0) {
  void import('../lessons/controller.ts').then(({ lessonControllerFor }) => {
    const lessons = lessonControllerFor(engine, lang ? { lang } : {});
    const bridge = connectEmbed({
      window, parent, allowed,
      target: {
        runCommand: (line) => lessons.run(line),
        loadFiles: async (files) => { await lessons.loadFiles(files, { show: files.keys().next().value }); },
        reset: () => lessons.resetMachine(),
      },
      warn: (m) => console.warn(m),
    });
    lessons.on('check-passed', ({ lesson: id, check, step, points }) => bridge.emit({ event: 'check-passed', lesson: id, check, step, points }));
    lessons.on('lesson-completed', ({ lesson: id, score, total }) => bridge.emit({ event: 'lesson-completed', lesson: id, score, total }));
    // Ready: the engine is up and the lesson asked for is open (or could not be).
    const wanted = lesson ? lessons.entry(lesson)?.meta.id ?? null : null;
    const opened = new Promise<void>((resolve) => {
      if (!wanted || lessons.current?.id === wanted) { resolve(); return; }
      const off = lessons.on('lesson-opened', ({ lesson: id }) => { if (id === wanted) { off(); resolve(); } });
    });
    void Promise.all([engine.ready, opened]).then(() => bridge.emit({ event: 'ready', lesson: wanted, lang: lessons.lang }));
  });
}
