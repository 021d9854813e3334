// The editor's marks for a `docker build`, worked out in the engine's worker
// from what the worker sees, as any API client could: the POST /build
// request (its tar context holds the Dockerfile) and its answer stream,
// teed on the way to the CLI without holding a chunk back (watchBuilds);
// then, once the build has ended, the engine's answers to GET
// /images/{id}/history (sizes) and, for a 0-byte step, GET /images/{id}/json
// (did it add a layer at all). Which workspace file was built: build-file.ts;
// which line each step is: build-lines.ts; what the marks say: build-layers.ts.
// No marks (null) for a quiet build (-q prints no steps), a build cut short
// (^C), a Dockerfile no workspace file holds any more, or a context over
// 64 MB (it is unpacked again here to read the Dockerfile).
import { dockerfileSteps, readContextDockerfile, type DockerfileStep, type EngineClient, type Transport } from '../../sandbox/index.ts';
import type { ApiRequest } from '../../sandbox/api/types.ts';
import { pickBuiltFile, type WorkspaceFiles } from './build-file.ts';
import { factsFromHistory, composeMarks, parseErrorMark, rowIs, type HistoryRow, type LayerFact } from './build-layers.ts';
import { matchSteps, stageGroups } from './build-lines.ts';
import { BuildStreamParser, type BuildOutcome } from './build-stream.ts';
import type { BuildMarkWire } from './protocol.ts';

/** A POST /build as it went by: what was asked, and what the stream said. */
export interface ObservedBuild {
  /** The request's tar context. */
  context: Uint8Array;
  /** Its `dockerfile` query ('' for the default, `Dockerfile`). */
  dockerfile: string;
  outcome: BuildOutcome;
}

/** At most this many 0-byte steps are checked for a layer (two inspects each). */
const MAX_UNSURE = 50;
/** At most this many stages' histories are read. */
const MAX_STAGES = 50;
/** Larger contexts are not unpacked again for their Dockerfile. */
const MAX_CONTEXT = 64 * 1024 * 1024;

const isBuild = (req: ApiRequest): boolean => req.method === 'POST' && /^(\/v[\d.]+)?\/build$/.test(req.path);

/**
 * `transport` with each POST /build's answer stream read on its way
 * through: every chunk goes on to the caller at once (parsing a chunk is
 * synchronous and cheap), and `onBuild` hears the build once its stream ends.
 */
export function watchBuilds(transport: Transport, onBuild: (b: ObservedBuild) => void): Transport {
  return async (req) => {
    const r = await transport(req);
    const stream = r.stream;
    if (!isBuild(req) || !stream || r.status !== 200 || !req.body) return r;
    const context = req.body;
    const dockerfile = req.query.get('dockerfile') ?? '';
    return {
      ...r,
      stream: async (write, closed) => {
        const parser = new BuildStreamParser();
        try {
          await stream(async (chunk) => { parser.push(chunk); await write(chunk); }, closed);
        } finally {
          onBuild({ context, dockerfile, outcome: parser.end() });
        }
      },
    };
  };
}

/**
 * The marks for the workspace file an observed build built, or null.
 * @example
 *   const r = await marksOfBuild(build, { client, workspace });
 *   if (r) post({ type: 'build-marks', ...r });
 */
export async function marksOfBuild(b: ObservedBuild, deps: { client: EngineClient; workspace: WorkspaceFiles }): Promise<{ path: string; marks: BuildMarkWire[] } | null> {
  const { outcome } = b;
  if (outcome.imageId === null && outcome.error === null) return null;
  const parseError = outcome.steps.length === 0 ? parseErrorMark(outcome.error) : null;
  if ((outcome.steps.length === 0 && !parseError) || b.context.length > MAX_CONTEXT) return null;
  const ctx = await readContextDockerfile(b.context, b.dockerfile || 'Dockerfile');
  const path = ctx && pickBuiltFile(ctx, deps.workspace);
  if (!ctx || !path) return null;
  if (parseError) return { path, marks: [parseError] };
  let steps: DockerfileStep[];
  try {
    steps = await dockerfileSteps(ctx.text, ctx.name);
  } catch {
    return null;
  }
  const file = matchSteps(outcome.steps, steps);
  const { facts, notInFinal } = await layerFacts(outcome, file, deps.client);
  return { path, marks: composeMarks({ outcome, file, facts, notInFinal }) };
}

/** Each stage's layers, from the history of the final image or of the stage's last image. */
async function layerFacts(outcome: BuildOutcome, file: ReadonlyArray<DockerfileStep | null>, client: EngineClient): Promise<{ facts: Map<number, LayerFact>; notInFinal: Set<number> }> {
  const history = (id: string): Promise<HistoryRow[] | null> => client.json<HistoryRow[]>('GET', `/images/${encodeURIComponent(id)}/history`).catch(() => null);
  const observed = outcome.steps;
  const finalRows = outcome.imageId ? await history(outcome.imageId) : null;
  const facts = new Map<number, LayerFact>();
  const notInFinal = new Set<number>();
  for (const group of stageGroups(observed).slice(0, MAX_STAGES)) {
    const ids = group.map((i) => observed[i]!.imageId).filter((id): id is string => Boolean(id));
    const last = ids.at(-1);
    if (!last) continue;
    const inFinal = finalRows?.some((r) => rowIs(r, last)) ?? false;
    const rows = inFinal ? finalRows : await history(last);
    if (rows) for (const [i, f] of factsFromHistory(group, observed, file, rows)) facts.set(i, f);
    if (finalRows) for (const i of group) { const id = observed[i]!.imageId; if (id && !finalRows.some((r) => rowIs(r, id))) notInFinal.add(i); }
  }
  await settleUnsure(facts, observed, client);
  return { facts, notInFinal };
}

/** A 0-byte RUN/COPY/ADD/WORKDIR: a layer only if its image has more layers than the one before it. */
async function settleUnsure(facts: Map<number, LayerFact>, observed: BuildOutcome['steps'], client: EngineClient): Promise<void> {
  const layers = (id: string): Promise<number | null> => id === ''
    ? Promise.resolve(0)
    : client.json<{ RootFS?: { Layers?: string[] } }>('GET', `/images/${encodeURIComponent(id)}/json`).then((j) => j.RootFS?.Layers?.length ?? null, () => null);
  const unsure = [...facts].filter(([, f]) => f.kind === 'unsure').slice(0, MAX_UNSURE);
  for (const [i] of unsure) {
    const mine = observed[i]!.imageId;
    const before = i > 0 ? observed[i - 1]!.imageId : null;
    if (!mine || before === null) continue;
    const [a, b] = await Promise.all([layers(mine), layers(before)]);
    if (a !== null && b !== null) facts.set(i, a > b ? { kind: 'layer', size: 0 } : { kind: 'none' });
  }
}
