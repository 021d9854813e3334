// Following an Engine API stream of JSON lines (GET /events, GET
// /containers/{id}/stats?stream=true) from a panel: each value to a
// callback as it arrives, until the returned stop function ends the
// request (the engine sees the client go away). A line longer than
// MAX_LINE ends the stream rather than growing without bound.
import type { EngineClient } from '../../sandbox/index.ts';

const MAX_LINE = 1 << 20;

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
      const dec = new TextDecoder();
      let pending = '';
      for await (const chunk of r.chunks()) {
        if (!live) break;
        pending += dec.decode(chunk, { stream: true });
        const lines = pending.split('\n');
        pending = lines.pop()!;
        if (pending.length > MAX_LINE) throw new Error(`${path}: a line of over ${MAX_LINE} bytes`);
        for (const line of lines) if (line.trim() && live) onValue(JSON.parse(line) as T);
      }
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    if (live) onEnd?.(error);
  })();
  return () => { live = false; stop(); };
}
