// POST /build: a tar context and the legacy builder's query parameters
// (t, dockerfile, buildargs, labels, nocache, target, q); progress streams
// back as the JSON lines the classic builder sends — {"stream": …}, then
// {"aux": {"ID": …}} — and a failure as {"errorDetail": …, "error": …}.
// Each tag the build applies is an image `tag` event, as dockerd logs it.
import type { ApiRequest } from '../../api/types.ts';
import type { Daemon } from '../../daemon/daemon.ts';
import { BuildArgs, BuildCacheFrom, BuildLabels, BuildUlimits } from '../api-structs.ts';
import { GoJsonError, type GoShape, type GoValue } from '../go-json.ts';
import { unmarshalQuery } from '../request-json.ts';
import { ApiError, queryBool, type Router } from '../router.ts';

const enc = new TextEncoder();

/**
 * A query parameter holding JSON, read as dockerd's newImageBuildOptions
 * reads it (json.Unmarshal into Go's type): 400 "error reading build args:
 * json: cannot unmarshal …" when it is not; undefined when absent.
 */
function jsonQuery<S extends GoShape>(req: ApiRequest, name: string, shape: S, what: string): GoValue<S> | undefined {
  const raw = req.query.get(name);
  if (!raw) return undefined;
  try {
    return unmarshalQuery(raw, shape);
  } catch (e) {
    if (e instanceof GoJsonError) throw new ApiError(400, `error reading ${what}: ${e.message}`);
    throw e;
  }
}

export function buildRoutes(r: Router, d: Daemon): void {
  // The classic builder's cache is the images themselves: there is no separate build cache to prune.
  r.add('POST', '/build/prune', () => ({ status: 200, json: { CachesDeleted: null, SpaceReclaimed: 0 } }));

  r.add('POST', '/build', (req) => {
    // The options first, in dockerd's order (ulimits, build args, labels, cache-from), then the context.
    jsonQuery(req, 'ulimits', BuildUlimits, 'ulimit settings');
    // A build arg sent as null (--build-arg X with no X in the environment) has no value: left out.
    const args = jsonQuery(req, 'buildargs', BuildArgs, 'build args');
    const buildArgs = args && new Map(Object.entries(args).filter((e): e is [string, string] => e[1] !== null));
    const labelsJson = jsonQuery(req, 'labels', BuildLabels, 'labels');
    const labels = labelsJson && new Map(Object.entries(labelsJson));
    jsonQuery(req, 'cachefrom', BuildCacheFrom, 'cache-from');
    if (req.query.get('remote')) throw new ApiError(400, 'remote build contexts (URLs, git) are not available in the playground: send the context as a tar');
    if (!req.body || req.body.length === 0) throw new ApiError(400, 'the build context is empty: send a tar of the context directory');
    const tags = req.queryAll?.get('t') ?? (req.query.get('t') ? [req.query.get('t')!] : []);
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
