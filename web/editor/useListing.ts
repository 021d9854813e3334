// The workspace listing the tree shows: read once the engine is up, then
// replaced each time the worker reports a change (the shell, a container
// writing to a bind mount, the editor's own saves), or on demand after the
// tree changed something itself.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import type { WorkspaceEntry } from '../engine/protocol.ts';

export interface Listing {
  /** null until the first listing arrives. */
  entries: WorkspaceEntry[] | null;
  /** Why the workspace could not be read (the engine did not start). */
  error: string | null;
  /** The latest entries, for callbacks that run later. */
  latest(): WorkspaceEntry[];
  /** Reads the listing now (after the tree created, renamed or deleted something). */
  refresh(): Promise<WorkspaceEntry[]>;
}

export function useListing(engine: EngineConnection): Listing {
  const [entries, setEntries] = useState<WorkspaceEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latestRef = useRef<WorkspaceEntry[]>([]);
  const take = useCallback((list: WorkspaceEntry[]) => { latestRef.current = list; setEntries(list); }, []);

  useEffect(() => {
    let live = true;
    const off = engine.onWorkspace((list) => { if (live) take(list); });
    engine.ready
      .then(() => engine.listWorkspace())
      .then((list) => { if (live) take(list); }, (e: Error) => { if (live) setError(e.message.split('\n')[0] ?? e.message); });
    return () => { live = false; off(); };
  }, [engine, take]);

  const refresh = useCallback(async () => {
    const list = await engine.listWorkspace();
    take(list);
    return list;
  }, [engine, take]);

  return { entries, error, latest: useCallback(() => latestRef.current, []), refresh };
}
