// How the images, cgroups, processes and network panels stay current: they
// reload when engine events of their kind arrive — at most once per short
// interval, however many arrive together (GET /events may replay hundreds
// of past ones when a panel opens) — or when asked to.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineClient } from '../../sandbox/index.ts';
import { useEngineEvents } from './useEngineEvents.ts';

/** A counter bumped at most once per `ms`, however often `bump` is called. */
export function useDebouncedTick(ms = 200): [number, () => void] {
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  const bump = useCallback(() => { timer.current ??= setTimeout(() => { timer.current = null; setTick((n) => n + 1); }, ms); }, [ms]);
  return [tick, bump];
}

/** A counter bumped after events of the given types (and by the returned function). */
export function useEventTick(client: EngineClient, types: readonly string[]): [number, () => void] {
  const [tick, bump] = useDebouncedTick();
  useEngineEvents(client, (e) => { if (types.includes(e.Type)) bump(); });
  return [tick, bump];
}

/** The latest result of `load`, re-run whenever `tick` changes; the last error, if the latest run failed. */
export function useLoad<T>(load: () => Promise<T>, client: EngineClient, tick: number): { value: T | null; error: string | null } {
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null });
  useEffect(() => {
    let live = true;
    load().then((value) => { if (live) setState({ value, error: null }); }, (e: Error) => { if (live) setState((s) => ({ value: s.value, error: e.message })); });
    return () => { live = false; };
    // `load` is a fresh closure each render: runs follow the client and the tick only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, tick]);
  return state;
}
