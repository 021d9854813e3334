// The lessons as the page gets them, bundled by Vite: every `<nn>-<slug>/`
// folder's lesson.json up front (the course index), and on opening one its
// text in both languages, its starter files and its checks. The tests read
// the same folders from disk (kit/load-dir.ts) and lessons/catalog.test.ts
// checks that both agree.
//
//   const entry = lessonCatalog()[0];
//   const { lesson, checks } = await entry.open();
//   lesson.text.es.steps            // render; write lesson.files into /home/student
//   await grade(checks, recorder.context(client), { step: 'run' });
import type { Checks } from './kit/checks.ts';
import { parseLesson, type Lesson, type LessonSource } from './kit/lesson.ts';
import { LANGS, type Lang } from './kit/localized.ts';
import { LESSON_DIR, parseMeta, type LessonMeta } from './kit/meta.ts';

type Lazy<T> = Record<string, () => Promise<T>>;

const metas = import.meta.glob<string>('./*/lesson.json', { query: '?raw', import: 'default', eager: true });
const texts = import.meta.glob<string>('./*/lesson.*.md', { query: '?raw', import: 'default' });
// Wildcards skip dot files: they are asked for by name (.dockerignore), at any depth (not inside dot folders).
const starters = import.meta.glob<string>(['./*/files/**/*', './*/files/**/.*'], { query: '?raw', import: 'default' });
const checkModules = import.meta.glob<{ default: Checks }>('./*/checks.ts');

export interface CatalogEntry {
  /** The folder's name: `02-first-container`. */
  dir: string;
  meta: LessonMeta;
  /** Loads the lesson's text, starter files and checks. */
  open(): Promise<{ lesson: Lesson; checks: Checks }>;
}

const dirOf = (key: string): string => key.split('/')[1] ?? '';

/** The lessons in course order, from the glob results (injectable for tests). */
export function catalogFrom(found: { metas: Record<string, string>; texts: Lazy<string>; starters: Lazy<string>; checks: Lazy<{ default: Checks }> }): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const [key, json] of Object.entries(found.metas)) {
    const dir = dirOf(key);
    if (!LESSON_DIR.test(dir)) continue;
    let parsed: unknown;
    try { parsed = JSON.parse(json); } catch { continue; }
    const { meta } = parseMeta(parsed, dir);
    if (!meta) continue;
    out.push({
      dir,
      meta,
      async open() {
        const markdown: Partial<Record<Lang, string>> = {};
        for (const lang of LANGS) {
          const load = found.texts[`./${dir}/lesson.${lang}.md`];
          if (load) markdown[lang] = await load();
        }
        const prefix = `./${dir}/files/`;
        const files = new Map<string, string>();
        for (const [k, load] of Object.entries(found.starters).sort(([a], [b]) => a.localeCompare(b))) {
          if (k.startsWith(prefix)) files.set(k.slice(prefix.length), await load());
        }
        const source: LessonSource = { dir, json, markdown, files };
        const { lesson, issues } = parseLesson(source);
        const loadChecks = found.checks[`./${dir}/checks.ts`];
        if (!lesson || !loadChecks) throw new Error(`lesson ${dir} cannot be opened: ${issues.join('; ') || 'checks.ts is missing'}`);
        return { lesson, checks: (await loadChecks()).default };
      },
    });
  }
  return out.sort((a, b) => a.meta.order - b.meta.order);
}

/** Every lesson of the course, in order. */
export function lessonCatalog(): CatalogEntry[] {
  return catalogFrom({ metas, texts, starters, checks: checkModules });
}
