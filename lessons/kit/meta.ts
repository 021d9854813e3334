// lesson.json: what the course index shows before a lesson is opened — its
// id and order (both taken from the folder name `<nn>-<id>`, and checked
// against it), its title and one-line summary in both languages, and the
// minutes it takes.
import { localizedIssues, type Localized } from './localized.ts';

export interface LessonMeta {
  /** The folder name without its number: `first-container`. */
  id: string;
  /** The folder's number: 2 for `02-first-container`. */
  order: number;
  title: Localized;
  summary: Localized;
  /** Estimated minutes. */
  minutes: number;
}

/** A lesson folder's name: two digits, a dash, a lowercase slug. */
export const LESSON_DIR = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

const KEYS = new Set(['id', 'order', 'title', 'summary', 'minutes']);

/** Reads lesson.json (already parsed as JSON) for the folder `dir`; issues name what is wrong. */
export function parseMeta(json: unknown, dir: string): { meta: LessonMeta | null; issues: string[] } {
  const issues: string[] = [];
  const name = /[^/]+$/.exec(dir)?.[0] ?? dir;
  const m = LESSON_DIR.exec(name);
  if (!m) issues.push(`the folder "${name}" must be named <nn>-<slug>, e.g. 03-building-images`);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { meta: null, issues: [...issues, 'lesson.json: expected a JSON object'] };
  const o = json as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) issues.push(`lesson.json: unknown field "${k}" (fields: ${[...KEYS].join(', ')})`);
  if (typeof o.id !== 'string') issues.push('lesson.json: "id" must be a string');
  else if (m && o.id !== m[2]) issues.push(`lesson.json: "id" is "${o.id}" but the folder says "${m[2]}"`);
  if (typeof o.order !== 'number' || !Number.isInteger(o.order)) issues.push('lesson.json: "order" must be an integer');
  else if (m && o.order !== Number(m[1])) issues.push(`lesson.json: "order" is ${o.order} but the folder says ${Number(m[1])}`);
  issues.push(...localizedIssues(o.title, 'lesson.json: "title"'), ...localizedIssues(o.summary, 'lesson.json: "summary"'));
  if (typeof o.minutes !== 'number' || !Number.isInteger(o.minutes) || o.minutes < 1 || o.minutes > 240) issues.push('lesson.json: "minutes" must be a whole number of minutes, 1 to 240');
  if (issues.length > 0) return { meta: null, issues };
  return { meta: { id: o.id as string, order: o.order as number, title: o.title as Localized, summary: o.summary as Localized, minutes: o.minutes as number }, issues };
}
