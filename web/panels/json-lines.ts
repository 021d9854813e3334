// Following an Engine API stream of JSON lines (GET /events, GET
// /containers/{id}/stats?stream=true) from a panel: each value to a
// callback as it arrives, until the returned stop function ends the
// request (the engine sees the client go away).
import type { EngineClient } from '../../sandbox/index.ts';

/**
 * Calls `onValue` with each JSON value of the answer to GET `path`;
 * `onEnd` when the stream ends (the container stopped, the engine left).
 * @example const stop = followJsonLines(client, '/events', { since: '0' }, (e) => log(e));
 */
export function followJsonLines<T>(client: EngineClient, path: string, query: Record<string, string | boolean>, onValue: (v: T) => void, onEnd?: (error: Error | null) => void): () => void {
  let stop = (): void => {};
  const stopped = new Promise<void>((r) => { stop = r; });
  let live = true;
  void (async () => {
    let error: Error | null = null;
    try {
      const r = await client.cancelledBy(stopped).request('GET', path, { query });
      for await (const value of r.jsonLines<T>()) {
        if (!live) break;
        onValue(value);
      }
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    if (live) onEnd?.(error);
  })();
  return () => { live = false; stop(); };
}
