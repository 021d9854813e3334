// One request for a preview page, as the preview worker (public/preview-sw.js)
// forwards it — whichever way it came, straight from the worker on this
// origin or relayed by preview-host.html from the preview origin — answered
// by asking the engine to dial the published port. The reply goes back on the
// port the worker sent with the request.
import type { EngineConnection } from '../engine/connection.ts';

export interface PreviewRequest {
  type: 'preview-request';
  tab: string;
  port: number;
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Uint8Array | null;
  /** For a navigation: where its page goes, 'iframe' or 'document' (a tab); '' otherwise. */
  navigate: string;
}

const isPair = (h: unknown): h is [string, string] => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string';

/** Whether a message is a well-formed preview request (it may come from a page the playground does not control). */
export function isPreviewRequest(m: unknown): m is PreviewRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Partial<PreviewRequest>;
  return r.type === 'preview-request' && typeof r.tab === 'string'
    && Number.isInteger(r.port) && r.port! > 0 && r.port! < 65536
    && typeof r.method === 'string' && typeof r.path === 'string' && r.path.startsWith('/')
    && Array.isArray(r.headers) && r.headers.length <= 1000 && r.headers.every(isPair)
    && (r.body === null || r.body instanceof Uint8Array)
    && (r.navigate === undefined || typeof r.navigate === 'string');
}

/** Answers `m` on `reply` with what the engine's host gets from the port (or the error that says why not). */
export function answer(engine: EngineConnection, m: PreviewRequest, reply: MessagePort): void {
  engine.fetchPort(m.port, { method: m.method, path: m.path, headers: m.headers, body: m.body }).then(
    (res) => reply.postMessage(res, [res.body.buffer as ArrayBuffer]),
    (err: Error) => reply.postMessage({ error: err.message }),
  );
}

/** Refuses `m` on `reply` with a message the worker shows as a 502. */
export function refuse(reply: MessagePort, error: string): void {
  reply.postMessage({ error });
}
