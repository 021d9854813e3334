// The page's bundled catalog (Vite's import.meta.glob, which Vitest runs as
// the page's build does) agrees with the lessons on disk that the tests
// verify: same lessons in order, same metadata, text, starter files, checks.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { catalogFrom, lessonCatalog } from './catalog.ts';
import { parseLesson } from './kit/lesson.ts';
import { findLessons, importChecks, loadLessonDir } from './kit/load-dir.ts';

const root = dirname(fileURLToPath(import.meta.url));

it('lists the lessons on disk, in order, and opens each as the disk loader reads it', async () => {
  const catalog = lessonCatalog();
  const onDisk = findLessons(root).map((p) => loadLessonDir(p));
  expect(catalog.map((e) => e.dir)).toEqual(onDisk.map((l) => l.source.dir));
  for (const [i, entry] of catalog.entries()) {
    const disk = onDisk[i]!;
    const { lesson, checks } = await entry.open();
    const expected = parseLesson(disk.source).lesson!;
    expect(entry.meta).toEqual(expected.meta);
    expect(lesson.text).toEqual(expected.text);
    expect([...lesson.files].sort()).toEqual([...expected.files].sort());
    expect(checks).toBe(((await importChecks(disk.path)) as { default: unknown }).default);
  }
});

it('skips folders that are not lessons, orders by lesson.json, finds dot files among the starters', async () => {
  const meta = (order: number, id: string): string => JSON.stringify({ id, order, title: { es: 'T', en: 'T' }, summary: { es: 'S', en: 'S' }, minutes: 5 });
  const md = async (): Promise<string> => '## Paso {#paso}\n';
  const entries = catalogFrom({
    metas: { './10-later/lesson.json': meta(10, 'later'), './02-sooner/lesson.json': meta(2, 'sooner'), './kit/lesson.json': meta(1, 'kit'), './03-bad/lesson.json': '{' },
    texts: { './02-sooner/lesson.es.md': md, './02-sooner/lesson.en.md': md },
    starters: { './02-sooner/files/.dockerignore': async () => 'node_modules\n', './02-sooner/files/src/app.js': async () => 'x' },
    checks: { './02-sooner/checks.ts': async () => ({ default: { kind: 'lesson-checks', list: [] } }) },
  });
  expect(entries.map((e) => e.dir)).toEqual(['02-sooner', '10-later']);
  const { lesson } = await entries[0]!.open();
  expect([...lesson.files]).toEqual([['.dockerignore', 'node_modules\n'], ['src/app.js', 'x']]);
  await expect(entries[1]!.open()).rejects.toThrow('lesson 10-later cannot be opened: lesson.es.md is missing');
});
