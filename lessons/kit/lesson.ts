// A lesson as data: lesson.json, the text in both languages and the starter
// workspace, parsed and checked for being in step — the same steps and code
// blocks in Spanish and English. Pure (no file system): the page feeds it
// what Vite bundled (lessons/catalog.ts), the tests and `lesson:check` what
// they read from disk (lessons/kit/load-dir.ts).
import { LANGS, type Lang } from './localized.ts';
import { parityIssues, parseLessonMarkdown, type LessonText, type Step } from './markdown.ts';
import { parseMeta, type LessonMeta } from './meta.ts';
import type { ScriptAction } from './script.ts';

/** A text file (UTF-8) of the workspace, by path relative to /home/student. */
export type WorkspaceFiles = ReadonlyMap<string, string>;

/** A lesson folder's files as text, before parsing. */
export interface LessonSource {
  /** The folder's name: `02-first-container`. */
  dir: string;
  /** lesson.json's text (null when missing). */
  json: string | null;
  /** lesson.es.md and lesson.en.md (a language is absent when its file is). */
  markdown: Partial<Record<Lang, string>>;
  /** files/: the starter workspace. */
  files: WorkspaceFiles;
}

export interface Lesson {
  dir: string;
  meta: LessonMeta;
  text: Record<Lang, LessonText>;
  /** Written into /home/student when the lesson starts. */
  files: WorkspaceFiles;
}

/**
 * Parses a lesson; `lesson` is null when it cannot be shown at all, and
 * `issues` lists everything wrong (a lesson with issues must not ship);
 * `text` holds whichever languages parsed, even then.
 * @example const { lesson, issues } = parseLesson(source); lesson?.text.es.steps[0].title
 */
export function parseLesson(src: LessonSource): { lesson: Lesson | null; issues: string[]; text: Partial<Record<Lang, LessonText>> } {
  const issues: string[] = [];
  let json: unknown = null;
  if (src.json === null) issues.push('lesson.json is missing');
  else {
    try { json = JSON.parse(src.json); } catch (e) { issues.push(`lesson.json is not valid JSON: ${(e as Error).message}`); }
  }
  const { meta, issues: metaIssues } = json === null ? { meta: null, issues: [] } : parseMeta(json, src.dir);
  issues.push(...metaIssues);
  const text: Partial<Record<Lang, LessonText>> = {};
  for (const lang of LANGS) {
    const md = src.markdown[lang];
    if (md === undefined) { issues.push(`lesson.${lang}.md is missing`); continue; }
    const parsed = parseLessonMarkdown(md, `lesson.${lang}.md`);
    issues.push(...parsed.issues);
    text[lang] = parsed.text;
  }
  if (text.es && text.en) issues.push(...parityIssues({ 'lesson.es.md': text.es, 'lesson.en.md': text.en }));
  for (const path of src.files.keys()) if (path.split('/').some((p) => p === '..' || p === '.' || p === '')) issues.push(`files/${path}: not a plain relative path`);
  if (!meta || !text.es || !text.en) return { lesson: null, issues, text };
  return { lesson: { dir: src.dir, meta, text: { es: text.es, en: text.en }, files: src.files }, issues, text };
}

/** The lesson's steps in one language. */
export const stepsOf = (lesson: Lesson, lang: Lang): Step[] => lesson.text[lang].steps;

/** A scripted run through the lesson: the solution or a wrong attempt. */
export interface Practice {
  /** `solution`, or the attempt's folder name. */
  name: string;
  /** Written into the workspace after the starter files (the student's edits). */
  files: WorkspaceFiles;
  actions: ScriptAction[];
  /** The script folder's files, for `#@ file` (path relative to the folder). */
  source: WorkspaceFiles;
}

/** attempts/<name>/attempt.json: the check this wrong attempt must fail, and with which hint. */
export interface AttemptSpec {
  check: string;
  hint: string;
  /** The mistake it plays, for the next author (English). */
  mistake: string;
}

/** Reads attempt.json (parsed JSON); issues name what is wrong. */
export function parseAttemptSpec(json: unknown, name: string): { spec: AttemptSpec | null; issues: string[] } {
  const at = `attempts/${name}/attempt.json`;
  if (json === null || typeof json !== 'object') return { spec: null, issues: [`${at}: expected { "check": …, "hint": …, "mistake": … }`] };
  const o = json as Record<string, unknown>;
  const issues: string[] = [];
  for (const k of ['check', 'hint', 'mistake']) if (typeof o[k] !== 'string' || !(o[k] as string).trim()) issues.push(`${at}: "${k}" must be a non-empty string`);
  for (const k of Object.keys(o)) if (!['check', 'hint', 'mistake'].includes(k)) issues.push(`${at}: unknown field "${k}"`);
  return issues.length ? { spec: null, issues } : { spec: { check: o.check as string, hint: o.hint as string, mistake: o.mistake as string }, issues };
}
