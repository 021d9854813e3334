// A lesson folder read from disk (Node): its source for parseLesson, its
// solution and wrong attempts as scripts, and its checks module — what the
// tests and `npm run lesson:check` work from. The page bundles the same
// files with Vite instead (lessons/catalog.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAttemptSpec, type AttemptSpec, type LessonSource, type Practice } from './lesson.ts';
import { LANGS, type Lang } from './localized.ts';
import { LESSON_DIR } from './meta.ts';
import { parseScript } from './script.ts';

const MAX_FILES = 500;
const MAX_FILE_BYTES = 1024 * 1024;

/** The files under `dir`, by relative path (text); empty when `dir` does not exist. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs).sort()) {
      if (out.size >= MAX_FILES) throw new Error(`${dir}: more than ${MAX_FILES} files`);
      const p = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = statSync(p);
      if (st.isDirectory()) walk(p, r);
      else if (st.size > MAX_FILE_BYTES) throw new Error(`${p}: larger than ${MAX_FILE_BYTES} bytes`);
      else out.set(r, readFileSync(p, 'utf8'));
    }
  };
  walk(dir, '');
  return out;
}

const readIf = (p: string): string | null => (existsSync(p) ? readFileSync(p, 'utf8') : null);

export interface LoadedAttempt extends Practice {
  spec: AttemptSpec | null;
}

export interface LoadedLesson {
  /** The folder's absolute path. */
  path: string;
  source: LessonSource;
  solution: Practice | null;
  attempts: LoadedAttempt[];
  /** Problems found while reading (missing files, unparsable scripts). */
  issues: string[];
}

/**
 * A script folder (solution/ or attempts/<name>/): commands.sh, files/, and its other files for `#@ file`.
 * `shared` (an attempt's: the solution's steps/) answers a `#@ file` the folder does not hold itself.
 */
function readPractice(dir: string, name: string, label: string, issues: string[], shared: ReadonlyMap<string, string> = new Map()): Practice | null {
  const script = readIf(join(dir, 'commands.sh'));
  if (script === null) { issues.push(`${label}/commands.sh is missing`); return null; }
  const parsed = parseScript(script, `${label}/commands.sh`);
  issues.push(...parsed.issues);
  const own = readTree(dir);
  const files = new Map([...own].filter(([p]) => p.startsWith('files/')).map(([p, t]) => [p.slice(6), t]));
  const all = new Map([...shared, ...own]);
  for (const a of parsed.actions) if (a.kind === 'file' && !all.has(a.from)) issues.push(`${label}/commands.sh:${a.line}: #@ file reads ${label}/${a.from}, which does not exist`);
  return { name, files, actions: parsed.actions, source: all };
}

/** Reads the lesson folder at `path`. */
export function loadLessonDir(path: string): LoadedLesson {
  const abs = resolve(path);
  const issues: string[] = [];
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new Error(`${path}: no such lesson folder`);
  const markdown: Partial<Record<Lang, string>> = {};
  for (const lang of LANGS) {
    const md = readIf(join(abs, `lesson.${lang}.md`));
    if (md !== null) markdown[lang] = md;
  }
  const source: LessonSource = { dir: basename(abs), json: readIf(join(abs, 'lesson.json')), markdown, files: readTree(join(abs, 'files')) };
  // The page's bundle finds dot files by name but skips dot folders: keep the two in agreement.
  for (const p of source.files.keys()) if (p.split('/').slice(0, -1).some((part) => part.startsWith('.'))) issues.push(`files/${p}: starter files cannot live in a dot folder (the page would not see them)`);
  if (!existsSync(join(abs, 'checks.ts'))) issues.push('checks.ts is missing');
  const solution = readPractice(join(abs, 'solution'), 'solution', 'solution', issues);
  const solutionSteps = new Map([...solution?.source ?? []].filter(([p]) => p.startsWith('steps/')));
  const attempts: LoadedAttempt[] = [];
  const attemptsDir = join(abs, 'attempts');
  for (const name of existsSync(attemptsDir) ? readdirSync(attemptsDir).sort() : []) {
    const dir = join(attemptsDir, name);
    if (!statSync(dir).isDirectory()) continue;
    const label = `attempts/${name}`;
    let json: unknown = null;
    const text = readIf(join(dir, 'attempt.json'));
    if (text === null) issues.push(`${label}/attempt.json is missing`);
    else { try { json = JSON.parse(text); } catch (e) { issues.push(`${label}/attempt.json is not valid JSON: ${(e as Error).message}`); } }
    const { spec, issues: specIssues } = text === null ? { spec: null, issues: [] } : parseAttemptSpec(json, name);
    issues.push(...specIssues);
    const practice = readPractice(dir, name, label, issues, solutionSteps);
    if (practice) attempts.push({ ...practice, spec });
  }
  return { path: abs, source, solution, attempts, issues };
}

/** The lesson's checks module (checks.ts), imported. */
export async function importChecks(lessonPath: string): Promise<unknown> {
  return import(pathToFileURL(join(resolve(lessonPath), 'checks.ts')).href);
}

/** The lesson folders under `root` (`<nn>-<slug>`), sorted: what the tests run. */
export function findLessons(root: string): string[] {
  return readdirSync(root).filter((n) => LESSON_DIR.test(n) && statSync(join(root, n)).isDirectory()).sort().map((n) => join(root, n));
}
