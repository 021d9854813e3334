// Reading the whole workspace out of the engine and writing a set of files
// into it: what share links, zip export/import and lessons' starter files
// go through.
import type { EngineConnection } from '../engine/connection.ts';
import { MAX_FILES, MAX_TOTAL_BYTES, type WorkspaceFile } from './workspace-files.ts';

export async function readWorkspace(engine: EngineConnection): Promise<WorkspaceFile[]> {
  const entries = (await engine.listWorkspace()).filter((e) => e.type === 'file');
  if (entries.length > MAX_FILES) throw new Error(`the workspace has more than ${MAX_FILES} files`);
  if (entries.reduce((n, e) => n + e.size, 0) > MAX_TOTAL_BYTES) throw new Error(`the workspace is larger than ${MAX_TOTAL_BYTES / 1024 / 1024} MB`);
  return Promise.all(entries.map(async (e) => ({ path: e.path, data: await engine.readFile(e.path) })));
}

/** Writes `files` (already checked) into the workspace, creating their directories. */
export async function writeWorkspace(engine: EngineConnection, files: WorkspaceFile[]): Promise<void> {
  const dirs = new Set<string>();
  for (const f of files) {
    const parts = f.path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  for (const d of [...dirs].sort()) await engine.mkdir(d);
  for (const f of files) await engine.writeFile(f.path, f.data);
}
