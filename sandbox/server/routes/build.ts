// POST /build: a tar context and the legacy builder's query parameters
// (t, dockerfile, buildargs, labels, nocache, target, q); progress streams
// back as the JSON lines the classic builder sends — {"stream": …}, then
// {"aux": {"ID": …}} — and a failure as {"errorDetail": …, "error": …}.
// Each tag the build applies is an image `tag` event, as dockerd logs it.
import type { ApiRequest } from '../../api/types.ts';
import type { Daemon } from '../../daemon/daemon.ts';
import { ApiError, queryBool, type Router } from '../router.ts';

const enc = new TextEncoder();

function jsonMap(req: ApiRequest, name: string): Map<string, string> | undefined {
  const raw = req.query.get(name);
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError(400, `invalid ${name}: not a JSON object`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ApiError(400, `invalid ${name}: not a JSON object`);
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(parsed)) if (v !== null && v !== undefined) out.set(k, String(v));
  return out;
}

export function buildRoutes(r: Router, d: Daemon): void {
  // The classic builder's cache is the images themselves: there is no separate build cache to prune.
  r.add('POST', '/build/prune', () => ({ status: 200, json: { CachesDeleted: null, SpaceReclaimed: 0 } }));

  r.add('POST', '/build', (req) => {
    if (req.query.get('remote')) throw new ApiError(400, 'remote build contexts (URLs, git) are not available in the playground: send the context as a tar');
    if (!req.body || req.body.length === 0) throw new ApiError(400, 'the build context is empty: send a tar of the context directory');
    const tags = req.queryAll?.get('t') ?? (req.query.get('t') ? [req.query.get('t')!] : []);
    const buildArgs = jsonMap(req, 'buildargs');
    const labels = jsonMap(req, 'labels');
    const quiet = queryBool(req, 'q');
    const target = req.query.get('target');
    const dockerfile = req.query.get('dockerfile');
    const context = req.body;
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      stream: async (write) => {
        const line = (obj: unknown): Promise<void> => write(enc.encode(`${JSON.stringify(obj)}\r\n`));
        const pending: Promise<void>[] = [];
        try {
          const result = await d.build({
            context, tags, clientFiltered: true,
            ...(dockerfile && { dockerfile }),
            ...(buildArgs && { buildArgs }),
            ...(labels && { labels }),
            ...(target && { target }),
            noCache: queryBool(req, 'nocache'),
            onOutput: (text) => { if (!quiet) pending.push(line({ stream: text })); },
          });
          await Promise.all(pending);
          // dockerd tags the built image through its image service, which logs an image `tag` event per tag.
          for (const tag of result.tags) d.events.emit('image', 'tag', result.image.id, { name: tag });
          await line({ aux: { ID: result.image.id } });
          if (quiet) await line({ stream: `${result.image.id}\n` });
        } catch (e) {
          await Promise.all(pending);
          const message = e instanceof Error ? e.message : String(e);
          await line({ errorDetail: { message }, error: message });
        }
      },
    };
  });
}
