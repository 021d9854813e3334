// What the worker loads on its first grading (a chunk of its own, kept out of
// the engine's start): the course's checks, by lesson id, and grade().
import { grade, lessonCatalog, type Checks } from '../../lessons/index.ts';

export { grade };

const opened = new Map<string, Promise<{ id: string; checks: Checks }>>();

/** A lesson's checks and id, by its id ('first-container') or folder ('02-first-container'). */
export function checksOf(lesson: string): Promise<{ id: string; checks: Checks }> {
  let p = opened.get(lesson);
  if (!p) {
    const entry = lessonCatalog().find((e) => e.meta.id === lesson || e.dir === lesson);
    p = entry ? entry.open().then((o) => ({ id: entry.meta.id, checks: o.checks })) : Promise.reject(new Error(`there is no lesson "${lesson}"`));
    opened.set(lesson, p);
    p.catch(() => opened.delete(lesson));
  }
  return p;
}
