// Which workspace file a build built. POST /build carries the Dockerfile
// inside its tar context (named by the `dockerfile` query: `Dockerfile`,
// `api/Dockerfile`, or `.dockerfile.<hex>` when the CLI added one from
// outside the context or from stdin), not the file's path on the host. So
// the file is found by content: a workspace file whose text is exactly the
// Dockerfile the engine read. Several can match (copies of a project);
// then, deterministically:
//   1. one whose path ends with the context's name for it (`app/Dockerfile`
//      for `Dockerfile`: the context was `app/`) beats one that does not;
//   2. among those, the one whose directory holds the most of the context's
//      files (same relative path and size) — the directory that was sent;
//   3. then the shallowest path, then the first in code-point order.
// None matches (the file changed since, or stdin was typed): no file.

export interface WorkspaceFiles {
  /** Regular files, workspace-relative (`app/Dockerfile`), with their sizes. */
  files: ReadonlyArray<{ path: string; size: number }>;
  /** A file's bytes, or null when it cannot be read. */
  read(path: string): Uint8Array | null;
}

export interface BuiltDockerfile {
  /** Its name in the context (the request's `dockerfile`, default `Dockerfile`). */
  name: string;
  text: string;
  /** The context's files (relative path, size). */
  files: ReadonlyArray<{ path: string; size: number }>;
}

/** A BOM the engine's TextDecoder dropped may make the file 3 bytes longer. */
const BOM = 3;

/**
 * The workspace path of the file that was built, or null.
 * @example pickBuiltFile({ name: 'Dockerfile', text, files }, workspace) === 'site/Dockerfile'
 */
export function pickBuiltFile(built: BuiltDockerfile, workspace: WorkspaceFiles): string | null {
  const length = new TextEncoder().encode(built.text).length;
  const dec = new TextDecoder();
  const same: string[] = [];
  for (const f of workspace.files) {
    if (f.size !== length && f.size !== length + BOM) continue;
    const bytes = workspace.read(f.path);
    if (bytes && dec.decode(bytes) === built.text) same.push(f.path);
  }
  if (same.length <= 1) return same[0] ?? null;
  const sizes = new Map(workspace.files.map((f) => [f.path, f.size]));
  const ranked = same.map((path) => {
    const dir = contextDir(path, built.name);
    let held = 0;
    if (dir !== null) for (const f of built.files) if (f.path !== built.name && sizes.get(dir + f.path) === f.size) held++;
    return { path, named: dir !== null, held, depth: path.split('/').length };
  });
  ranked.sort((a, b) => Number(b.named) - Number(a.named) || b.held - a.held || a.depth - b.depth || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return ranked[0]!.path;
}

/** The directory (`''`, `app/`) the context was when `path` is its file `name`, else null. */
function contextDir(path: string, name: string): string | null {
  if (path === name) return '';
  return path.endsWith(`/${name}`) ? path.slice(0, path.length - name.length) : null;
}
