// The editor's and the file tree's operations on the workspace, as the
// engine's worker serves them: done on the host's files (owned by the
// student), then — for anything that changes a file — answered only once
// the machine holding the change is stored in the browser, so that the
// editor's "Saved" survives a reload or a crash that comes right after.
import { HostMachine, type MemoryFs } from '../../sandbox/index.ts';
import type { FsOp } from './protocol.ts';

/** What the worker's persistence offers here (persistence.ts). */
export interface Durable {
  /** Saves now what is unsaved; true when all of it is stored. */
  flush(): Promise<boolean>;
}

/**
 * Does `op` under `root` (paths are relative to it): a read resolves with
 * the bytes; a change, once stored (`stored: false`: the save failed, as
 * the worker reports, or nothing is kept here). Throws the file system's
 * error, before anything is changed or saved. `changed` hears of a change
 * at once (the worker lists the workspace again, and marks the machine unsaved).
 * @example await serveFileOp(fs, '/home/student', { op: 'write', path: 'Dockerfile', data }, persistence, scanSoon) // { stored: true }
 */
export async function serveFileOp(fs: MemoryFs, root: string, op: FsOp, persistence: Durable, changed: () => void): Promise<{ data?: Uint8Array; stored?: boolean }> {
  const path = (p: string): string => `${root}/${p.replace(/^\/+/, '')}`;
  if (op.op === 'read') return { data: fs.readFileSync(path(op.path)).slice() };
  if (op.op === 'write') fs.writeFileSync(path(op.path), op.data, { uid: HostMachine.uid, gid: HostMachine.gid });
  else if (op.op === 'mkdir') { fs.mkdirSync(path(op.path), { recursive: true }); fs.chownSync(path(op.path), HostMachine.uid, HostMachine.gid); }
  else if (op.op === 'rename') fs.renameSync(path(op.from), path(op.to));
  else fs.rmSync(path(op.path), { recursive: true, force: true });
  changed();
  return { stored: await persistence.flush() };
}
