// The workspace as a set of files, the unit that share links and zip
// archives carry: paths checked (relative, no `..`, no absolute paths, no
// control characters, bounded length and count) so that content from a link
// or an archive can never escape the workspace or smuggle odd names in.

export interface WorkspaceFile { path: string; data: Uint8Array }

export const MAX_FILES = 2000;
export const MAX_TOTAL_BYTES = 50 * 1024 * 1024;
const MAX_PATH = 512;

/** `a/./b` → `a/b`; null for a path that is absolute, climbs out (`..`), is empty or has control characters. */
export function safeWorkspacePath(path: string): string | null {
  if (path.length === 0 || path.length > MAX_PATH || path.startsWith('/') || path.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(path)) return null;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..')) return null;
  return parts.join('/');
}

/** Checks a set of files from outside (a link, an archive); throws with what is wrong. */
export function checkFiles(files: WorkspaceFile[]): WorkspaceFile[] {
  if (files.length > MAX_FILES) throw new Error(`too many files (${files.length}; at most ${MAX_FILES})`);
  let total = 0;
  const seen = new Set<string>();
  return files.map((f) => {
    const path = safeWorkspacePath(f.path);
    if (!path) throw new Error(`unsafe path in the workspace: ${JSON.stringify(f.path.slice(0, 80))}`);
    if (seen.has(path)) throw new Error(`the path ${path} appears twice`);
    seen.add(path);
    total += f.data.length;
    if (total > MAX_TOTAL_BYTES) throw new Error(`the files are larger than ${MAX_TOTAL_BYTES / 1024 / 1024} MB`);
    return { path, data: f.data };
  });
}
