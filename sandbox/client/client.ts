// The Engine API client: requests as the docker CLI makes them, over a
// transport — in-process (the page calls the router directly) or any other
// function from ApiRequest to ApiResponse. Streamed bodies come back as
// async iterables; hijacked connections (attach, exec) as a duplex whose
// two ends are the client's and the handler's.
import { ENGINE_VERSION, type ApiRequest, type ApiResponse, type HijackedConnection } from '../api/types.ts';
import { concatBytes } from '../api/units.ts';

export type Transport = (req: ApiRequest) => Promise<ApiResponse>;

/** An error answer from the engine, with Docker's message. */
export class EngineError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface Response {
  status: number;
  headers: Record<string, string>;
  /** The whole body (a stream is read to its end). */
  bytes(): Promise<Uint8Array>;
  json<T>(): Promise<T>;
  /** The body chunk by chunk as it is produced. */
  chunks(): AsyncIterable<Uint8Array>;
  /**
   * A stream of JSON lines (events, stats, build progress, pull progress),
   * one parsed value per line as it arrives; a line longer than 1 MiB ends
   * it with an error rather than growing without bound.
   */
  jsonLines<T>(): AsyncIterable<T>;
}

const MAX_JSON_LINE = 1 << 20;

async function* jsonLinesOf<T>(chunks: AsyncIterable<Uint8Array>): AsyncIterable<T> {
  const text = new TextDecoder();
  let pending = '';
  for await (const chunk of chunks) {
    pending += text.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop()!;
    if (pending.length > MAX_JSON_LINE) throw new Error(`a line of over ${MAX_JSON_LINE} bytes in a JSON stream`);
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
  }
  if (pending.trim()) yield JSON.parse(pending) as T;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
/** The docker CLI's User-Agent. */
const USER_AGENT = `Docker-Client/${ENGINE_VERSION} (linux)`;

/** A one-way channel of chunks: push() at one end, async iteration at the other. */
class ChunkQueue implements AsyncIterable<Uint8Array> {
  private readonly items: Array<Uint8Array | null> = [];
  private waiter: ((v: Uint8Array | null) => void) | null = null;

  push(chunk: Uint8Array | null): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(chunk);
    } else this.items.push(chunk);
  }

  next(): Promise<Uint8Array | null> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift()!);
    return new Promise((resolve) => { this.waiter = resolve; });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (let c = await this.next(); c !== null; c = await this.next()) yield c;
  }
}

/** Two connected ends: what one writes, the other reads. */
function duplexPair(): [HijackedConnection, HijackedConnection] {
  const aToB = new ChunkQueue();
  const bToA = new ChunkQueue();
  let closeResolve = (): void => {};
  const closed = new Promise<void>((r) => { closeResolve = r; });
  let isClosed = false;
  const close = (): void => {
    if (isClosed) return;
    isClosed = true;
    aToB.push(null);
    bToA.push(null);
    closeResolve();
  };
  const end = (out: ChunkQueue, inq: ChunkQueue): HijackedConnection => ({
    write: async (chunk) => { if (!isClosed) out.push(chunk); },
    read: () => inq.next(),
    close,
    closed,
  });
  return [end(aToB, bToA), end(bToA, aToB)];
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

export class EngineClient {
  constructor(private readonly transport: Transport, private readonly cancelled: Promise<void> | null = null) {}

  /**
   * This client with every stream and hijacked connection ended once
   * `cancelled` resolves (the user's ^C): the engine sees the client go away.
   */
  cancelledBy(cancelled: Promise<void>): EngineClient {
    return new EngineClient(this.transport, cancelled);
  }

  private toRequest(method: string, path: string, o: RequestOptions): ApiRequest {
    const query = new Map<string, string>();
    const queryAll = new Map<string, string[]>();
    for (const [k, v] of Object.entries(o.query ?? {})) {
      if (v === undefined) continue;
      const values = Array.isArray(v) ? v : [typeof v === 'boolean' ? (v ? '1' : '0') : String(v)];
      if (values.length === 0) continue;
      query.set(k, values[values.length - 1]!);
      queryAll.set(k, values);
    }
    const body = o.body === undefined ? null : o.body instanceof Uint8Array ? o.body : enc.encode(JSON.stringify(o.body));
    const headers = new Map(Object.entries(o.headers ?? {}));
    const has = (name: string): boolean => [...headers.keys()].some((k) => k.toLowerCase() === name);
    // As docker's client encodes a body it is given as a value: JSON, and it says so (dockerd refuses JSON under another type).
    if (o.body !== undefined && !(o.body instanceof Uint8Array) && !has('content-type')) headers.set('Content-Type', 'application/json');
    // Who is calling, as the docker CLI tells dockerd (curl says curl/8.x): the API-traffic panel shows it.
    if (!has('user-agent')) headers.set('User-Agent', USER_AGENT);
    return { method, path: `/v1.50${path}`, query, queryAll, headers, body };
  }

  /** A request; an error answer (4xx/5xx) throws EngineError with the engine's message. */
  async request(method: string, path: string, o: RequestOptions = {}): Promise<Response> {
    const r = await this.transport(this.toRequest(method, path, o));
    if (r.status >= 400) {
      const message = r.json !== undefined ? String((r.json as { message?: unknown }).message ?? '') : typeof r.body === 'string' ? r.body : r.body ? dec.decode(r.body) : '';
      throw new EngineError(r.status, message);
    }
    return responseOf(r, this.cancelled);
  }

  /** A request whose answer takes the connection over (attach, exec start): the client's end of it. */
  async hijack(method: string, path: string, o: RequestOptions = {}): Promise<HijackedConnection> {
    const r = await this.transport(this.toRequest(method, path, o));
    if (r.status >= 400) throw new EngineError(r.status, String((r.json as { message?: unknown } | undefined)?.message ?? ''));
    if (!r.hijack) throw new EngineError(500, `${path} did not upgrade the connection`);
    const [mine, theirs] = duplexPair();
    void r.hijack(theirs).finally(() => theirs.close());
    void this.cancelled?.then(() => mine.close());
    return mine;
  }

  /**
   * A request exactly as given — its own path (with or without a /vX.Y
   * prefix), query, headers and body — and the engine's answer as it comes,
   * error statuses included: what a raw HTTP client on the engine's socket
   * (`curl --unix-socket /var/run/docker.sock …`) sends over the same
   * connection as the CLI.
   * @example
   *   const r = await client.send({ method: 'GET', path: '/v1.50/version', query: new Map(), headers: new Map(), body: null });
   */
  send(req: ApiRequest): Promise<ApiResponse> {
    return this.transport(req);
  }

  async json<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    return (await this.request(method, path, o)).json<T>();
  }
}

function responseOf(r: ApiResponse, cancelled: Promise<void> | null): Response {
  let streamed: ChunkQueue | null = null;
  const chunks = (): AsyncIterable<Uint8Array> => {
    if (r.stream) {
      if (!streamed) {
        const q = new ChunkQueue();
        streamed = q;
        let open = true;
        const end = (): void => { if (open) { open = false; q.push(null); } };
        void r.stream(async (chunk) => { if (open) q.push(chunk); }, cancelled ?? new Promise(() => {})).finally(end);
        void cancelled?.then(end);
      }
      return streamed;
    }
    const whole = r.json !== undefined ? enc.encode(JSON.stringify(r.json)) : typeof r.body === 'string' ? enc.encode(r.body) : r.body ?? new Uint8Array(0);
    return (async function* () { if (whole.length > 0) yield whole; })();
  };
  const bytes = async (): Promise<Uint8Array> => {
    const parts: Uint8Array[] = [];
    for await (const c of chunks()) parts.push(c);
    return concatBytes(parts);
  };
  return {
    status: r.status,
    headers: r.headers ?? {},
    bytes,
    json: async <T>() => (r.json !== undefined ? r.json as T : JSON.parse(dec.decode(await bytes())) as T),
    chunks,
    jsonLines: <T>() => jsonLinesOf<T>(chunks()),
  };
}
