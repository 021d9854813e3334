// Panels follow the engine as the CLI does: through GET /events (a stream
// of Docker's event JSON lines), refreshing what they show when something
// happens instead of polling.
import { useEffect, useState } from 'react';
import type { EngineClient } from '../../sandbox/index.ts';

export interface EngineEvent { Type: string; Action: string; Actor: { ID: string; Attributes: Record<string, string> }; time: number }

/** Calls `onEvent` for every engine event while the component is mounted. */
export function useEngineEvents(client: EngineClient, onEvent: (e: EngineEvent) => void, filters?: Record<string, string[]>): void {
  useEffect(() => {
    let stop = (): void => {};
    const stopped = new Promise<void>((r) => { stop = r; });
    void (async () => {
      try {
        const r = await client.cancelledBy(stopped).request('GET', '/events', { query: { ...(filters && { filters: JSON.stringify(filters) }) } });
        for await (const e of r.jsonLines<EngineEvent>()) onEvent(e);
      } catch { /* the engine went away: nothing more to show */ }
    })();
    return stop;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);
}

/** Re-runs `load` now and after every event of the given types; returns its latest result. */
export function useLive<T>(client: EngineClient, load: () => Promise<T>, types: string[]): T | null {
  const [value, setValue] = useState<T | null>(null);
  const [tick, setTick] = useState(0);
  useEngineEvents(client, (e) => { if (types.includes(e.Type)) setTick((n) => n + 1); });
  useEffect(() => {
    let live = true;
    load().then((v) => { if (live) setValue(v); }, () => {});
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, tick]);
  return value;
}
