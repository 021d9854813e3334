// The Engine API router: (method, path, query, body) → response. Paths
// work with and without a /vX.Y prefix (versions from 1.24 up to ours);
// handlers throw ApiError (or the daemon's errors, which carry a status)
// and every failure answers `{"message": …}` with Docker's status codes.
import { API_VERSION, MIN_API_VERSION, type ApiRequest, type ApiResponse } from '../api/types.ts';
import { readJson } from './request-json.ts';
import type { GoValue, StructShape } from './go-json.ts';

/** An error with the HTTP status the API answers. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export type Handler = (req: ApiRequest, params: Map<string, string>) => Promise<ApiResponse> | ApiResponse;

interface Route { method: string; parts: string[]; handler: Handler }

function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

export class Router {
  private readonly routes: Route[] = [];

  /** Registers `pattern` ('/containers/{id}/start'); `{name}` matches one segment, `{name*}` the rest. */
  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    let path = req.path;
    const versioned = /^\/v(\d+\.\d+)(\/.*)$/.exec(path);
    if (versioned) {
      const version = versioned[1]!;
      if (compareVersions(version, API_VERSION) > 0) {
        return error(400, `client version ${version} is too new. Maximum supported API version is ${API_VERSION}`);
      }
      if (compareVersions(version, MIN_API_VERSION) < 0) {
        return error(400, `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`);
      }
      path = versioned[2]!;
    }
    let segments: string[];
    try {
      segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    } catch {
      // Go's net/url refuses the request line before dockerd's mux sees it.
      return error(400, `invalid URL escape ${JSON.stringify(/%(?![0-9A-Fa-f]{2})[^/]{0,2}/.exec(path)?.[0] ?? '%')}`);
    }
    for (const route of this.routes) {
      const params = match(route.parts, segments);
      if (!params) continue;
      if (route.method !== req.method && !(req.method === 'HEAD' && route.method === 'GET')) continue;
      try {
        return await route.handler(req, params);
      } catch (e) {
        return errorResponse(e);
      }
    }
    // dockerd's mux sends a method it has no route for to the same handler as an unknown path.
    return error(404, 'page not found');
  }
}

function match(parts: string[], segments: string[]): Map<string, string> | null {
  const params = new Map<string, string>();
  const star = parts.findIndex((p) => p.startsWith('{') && p.endsWith('*}'));
  // `{name*}` takes the segments between the fixed parts before and after it (image names have slashes).
  const head = star === -1 ? parts : parts.slice(0, star);
  const tail = star === -1 ? [] : parts.slice(star + 1);
  if (star === -1 ? segments.length !== parts.length : segments.length < head.length + tail.length + 1) return null;
  const matchPart = (part: string, seg: string): boolean => {
    if (part.startsWith('{') && part.endsWith('}')) {
      params.set(part.slice(1, -1), seg);
      return true;
    }
    return part === seg;
  };
  for (let i = 0; i < head.length; i++) if (!matchPart(head[i]!, segments[i]!)) return null;
  for (let i = 0; i < tail.length; i++) if (!matchPart(tail[i]!, segments[segments.length - tail.length + i]!)) return null;
  if (star !== -1) params.set(parts[star]!.slice(1, -2), segments.slice(head.length, segments.length - tail.length).join('/'));
  return params;
}

export function error(status: number, message: string): ApiResponse {
  return { status, json: { message } };
}

/** Any thrown error as the API reports it: its status if it has one, 500 otherwise. */
export function errorResponse(e: unknown): ApiResponse {
  const status = typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : 500;
  return error(status, e instanceof Error ? e.message : String(e));
}

/**
 * The JSON body of a request ({} when empty), read as dockerd's ReadJSON
 * does into the Go struct the route declares (api-structs.ts): 400 unless
 * its Content-Type is application/json, 400 with Go's words for malformed
 * JSON and for a field of the wrong type.
 * @example const body = jsonBody(req, VolumeCreateOptions); // body.Name: string | undefined
 */
export function jsonBody<S extends StructShape>(req: ApiRequest, shape: S): GoValue<S> {
  return readJson(req, shape);
}

/** Docker's boolean query parameters: 1/true/True are true; absent and 0/false are false. */
export function queryBool(req: ApiRequest, name: string, fallback = false): boolean {
  const v = req.query.get(name);
  if (v === undefined) return fallback;
  return v === '1' || v.toLowerCase() === 'true';
}

/**
 * An integer query parameter read with Go's strconv.Atoi, as dockerd reads
 * resize's h and w: a missing or malformed one is 400 with Go's words.
 * @example queryAtoi(req, 'h') // throws 'strconv.Atoi: parsing "x": invalid syntax' for ?h=x
 */
export function queryAtoi(req: ApiRequest, name: string): number {
  const v = req.query.get(name) ?? '';
  const quoted = JSON.stringify(v.length > 100 ? `${v.slice(0, 100)}…` : v);
  if (!/^[+-]?\d+$/.test(v)) throw new ApiError(400, `strconv.Atoi: parsing ${quoted}: invalid syntax`);
  const n = BigInt(v);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) throw new ApiError(400, `strconv.Atoi: parsing ${quoted}: value out of range`);
  return Number(n);
}
