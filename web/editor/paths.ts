// Workspace paths as the editor pane sees them: relative to the workspace
// root (/home/student), '/'-separated, never '.'/'..' — the same form
// EngineConnection's file operations and WorkspaceEntry use. Also which
// Monaco language a file name gets.

/** Longest path the pane will create (Linux's PATH_MAX). */
export const MAX_PATH = 4096;

/** Why a typed path was refused: a key of the i18n table's `files.error.*`. */
export type PathError = 'empty' | 'dots' | 'tooLong' | 'invalid';

/**
 * Normalizes what the visitor typed into a workspace path.
 * `cleanPath(' ./site//new.html ')` → `{ path: 'site/new.html' }`;
 * `cleanPath('../etc')` → `{ error: 'dots' }`.
 */
export function cleanPath(typed: string): { path: string } | { error: PathError } {
  let s = typed.trim();
  if (s.startsWith('~/')) s = s.slice(2);
  if (s.length > MAX_PATH) return { error: 'tooLong' };
  if (s.includes('\0') || s.includes('\\')) return { error: 'invalid' };
  const parts = s.split('/').filter((p) => p !== '');
  while (parts[0] === '.') parts.shift();
  if (parts.length === 0) return { error: 'empty' };
  if (parts.some((p) => p === '.' || p === '..')) return { error: 'dots' };
  return { path: parts.join('/') };
}

/** `parentPath('site/css/a.css')` → `'site/css'`; a top-level path's parent is `''` (the root). */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** `baseName('site/index.html')` → `'index.html'`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `joinPath('', 'a')` → `'a'`; `joinPath('site', 'a')` → `'site/a'`. */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** True when `path` is `dir` itself or lies under it. */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/**
 * Where `path` ends up after `from` is renamed to `to` (a file, or a
 * folder with `path` inside it); undefined when the rename leaves it alone.
 * `movedPath('site/a.css', 'site', 'www')` → `'www/a.css'`.
 */
export function movedPath(path: string, from: string, to: string): string | undefined {
  if (!isWithin(path, from)) return undefined;
  return to + path.slice(from.length);
}

/** How the pane shows a folder: `~` for the root, `~/site` below it. */
export function shownDir(dir: string): string {
  return dir === '' ? '~' : `~/${dir}`;
}

/** True for the files Docker builds from: Dockerfile, Dockerfile.dev, api.Dockerfile, Containerfile. */
export function isDockerfile(path: string): boolean {
  const name = baseName(path).toLowerCase();
  return name === 'dockerfile' || name.startsWith('dockerfile.') || name.endsWith('.dockerfile') || name === 'containerfile';
}

const BY_EXTENSION = new Map<string, string>([
  ['yml', 'yaml'], ['yaml', 'yaml'],
  ['js', 'javascript'], ['mjs', 'javascript'], ['cjs', 'javascript'],
  ['json', 'json'],
  ['html', 'html'], ['htm', 'html'],
  ['css', 'css'],
  ['sh', 'shell'], ['bash', 'shell'],
  ['md', 'markdown'], ['markdown', 'markdown'],
]);

const BY_NAME = new Map<string, string>([
  ['.bashrc', 'shell'], ['.profile', 'shell'], ['.bash_profile', 'shell'],
]);

/**
 * The Monaco language id for a file (one of those the editor loads), or
 * 'plaintext'. `languageFor('compose.yaml')` → `'yaml'`.
 */
export function languageFor(path: string): string {
  if (isDockerfile(path)) return 'dockerfile';
  const name = baseName(path).toLowerCase();
  const byName = BY_NAME.get(name);
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  return (dot > 0 && BY_EXTENSION.get(name.slice(dot + 1))) || 'plaintext';
}
