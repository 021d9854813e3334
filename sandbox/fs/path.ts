// POSIX path helpers for the engine's filesystems. Paths inside a container
// or an image are always absolute and '/'-separated; these helpers never
// touch the host's filesystem.

/** Splits a path into its components, dropping empty ones and '.'. */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  for (const part of path.split('/')) if (part !== '' && part !== '.') parts.push(part);
  return parts;
}

/**
 * Normalises a path lexically: resolves '.', '..' (never above the root) and
 * repeated slashes. `normalizePath('a/../b//c/')` → `/b/c`.
 */
export function normalizePath(path: string, cwd = '/'): string {
  const stack: string[] = path.startsWith('/') ? [] : splitPath(cwd);
  for (const part of splitPath(path)) {
    if (part === '..') stack.pop();
    else stack.push(part);
  }
  return '/' + stack.join('/');
}

/** Joins path pieces and normalises the result (relative to '/'). */
export function joinPath(...parts: string[]): string {
  return normalizePath(parts.filter((p) => p !== '').join('/'));
}

export function dirname(path: string): string {
  const norm = normalizePath(path);
  const i = norm.lastIndexOf('/');
  return i <= 0 ? '/' : norm.slice(0, i);
}

/** `path` (normalised) and each folder above it, up to and including '/': `/a/b` → `/a/b`, `/a`, `/`. */
export function* ancestors(path: string): Generator<string> {
  for (let dir = normalizePath(path); ; dir = dirname(dir)) {
    yield dir;
    if (dir === '/') return;
  }
}

export function basename(path: string): string {
  const parts = splitPath(path);
  return parts[parts.length - 1] ?? '/';
}

/** True when `path` is `dir` itself or lies below it (both normalised). */
export function isWithin(dir: string, path: string): boolean {
  if (dir === '/') return true;
  return path === dir || path.startsWith(dir + '/');
}
