// The dispatchers' shared context: the backend, the stage state, the build
// context, the options, and the two ways a step ends — a cache hit or a new
// image committed on top of the stage's current one.
import type { DirNode } from '../fs/node.ts';
import { rfc3339Nano, type ImageConfig } from '../image/config.ts';
import type { Image } from '../image/store.ts';
import { diffIdOf, layerChain } from '../layer/layer.ts';
import type { BuildBackend } from './backend.ts';
import type { BuildContextFs } from './build-context.ts';
import type { Stage } from './stages.ts';
import type { StageState } from './state.ts';

/** DiffID of an empty layer tar (two zero blocks). */
export const EMPTY_LAYER = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

export interface DispatchContext {
  readonly backend: BuildBackend;
  readonly state: StageState;
  readonly escape: string;
  readonly stages: Stage[];
  readonly stage: Stage;
  /** Final images of the stages built so far, by index. */
  readonly stageResults: Map<number, Image | null>;
  readonly context: BuildContextFs;
  readonly buildArgs: ReadonlyMap<string, string>;
  /** Global ARGs (before the first FROM) with their values. */
  readonly metaArgs: ReadonlyMap<string, string | undefined>;
  readonly usedBuildArgs: Set<string>;
  readonly noCache: boolean;
  out(text: string): void;
}

export interface StepCommit {
  /** The history line (`/bin/sh -c #(nop)  ENV A=1`, `|1 V=1 /bin/sh -c make`). */
  createdBy: string;
  /** What must match for a cache hit, beside the parent image. */
  cacheKey: string;
  /**
   * Produces the step's change set (null: metadata only). Not called on a
   * cache hit. Gets the throw-away container's ID when `container` is set.
   */
  run?: (containerId: string) => Promise<DirNode | null>;
  /** Print ` ---> Running in <id>` / ` ---> Removed intermediate container <id>` (a throw-away container). */
  container?: boolean;
}

/** Returns true (and adopts the cached image) when the step hits the cache. */
export function probeCache(d: DispatchContext, cacheKey: string): boolean {
  if (d.noCache || d.state.cacheBusted) return false;
  const hit = d.backend.images.findCached(d.state.image?.id ?? null, cacheKey);
  if (!hit) {
    d.state.cacheBusted = true;
    return false;
  }
  d.out(' ---> Using cache\n');
  d.state.adopt(hit);
  return true;
}

/**
 * Ends a step: on a cache hit adopts the cached image; otherwise runs the
 * step and commits its change set (or none) as a new image, child of the
 * current one. An empty change set is recorded as `empty_layer`, as Docker
 * does.
 */
export async function commitStep(d: DispatchContext, step: StepCommit): Promise<void> {
  if (probeCache(d, step.cacheKey)) return;
  const containerId = step.container ? d.backend.newContainerId() : '';
  if (containerId) d.out(` ---> Running in ${containerId.slice(0, 12)}\n`);
  const changes = step.run ? await step.run(containerId) : null;
  const { backend, state } = d;
  let empty = true;
  if (changes) {
    const diffId = await diffIdOf(changes);
    if (diffId !== EMPTY_LAYER) {
      state.top = backend.layers.addWithDiffId(changes, state.top, diffId);
      empty = false;
    }
  }
  const created = rfc3339Nano(backend.now());
  state.history.push({ created, created_by: step.createdBy, ...(empty && { empty_layer: true }) });
  const config: ImageConfig = {
    architecture: 'amd64',
    os: 'linux',
    created,
    ...(state.author && { author: state.author }),
    config: structuredClone(state.config),
    rootfs: { type: 'layers', diff_ids: layerChain(state.top).map((l) => l.diffId) },
    history: structuredClone(state.history),
  };
  state.image = backend.images.create(config, state.top, { parent: state.image?.id ?? null, cacheKey: step.cacheKey });
  if (containerId) d.out(` ---> Removed intermediate container ${containerId.slice(0, 12)}\n`);
}

/** `#(nop)` history line of a metadata step, as the legacy builder writes it. */
export function nopCreatedBy(d: DispatchContext, comment: string, twoSpaces = true): string {
  return [...d.state.shell(), twoSpaces ? `#(nop)  ${comment}` : `#(nop) ${comment}`].join(' ');
}

/** Commits a metadata-only step (ENV, LABEL, CMD…). */
export function commitMetadata(d: DispatchContext, comment: string): Promise<void> {
  const createdBy = nopCreatedBy(d, comment);
  return commitStep(d, { createdBy, cacheKey: createdBy, container: true });
}
