// Builds the built-in base images into the stores, deterministically: the
// same definitions always give the same layers, DiffIDs and image IDs.
// Hashing ~200 MB of generated layer bytes on every page load would cost
// seconds in a browser, so DiffIDs come from pinned-digests.json (written by
// `npm run images:pin`), the way a registry manifest carries digests. They
// are not taken on faith: `docker save` re-hashes every layer it writes, and
// builtin.test.ts rebuilds every image with `verify` and checks the pins.
import { OverlayFs } from '../fs/overlay.ts';
import { rfc3339Nano, type HistoryEntry, type ImageConfig } from '../image/config.ts';
import type { Image, ImageStore } from '../image/store.ts';
import { normalizeTagged } from '../image/reference.ts';
import { isDigest, type Digest } from '../layer/digest.ts';
import { diffIdOf, layerChain, type Layer } from '../layer/layer.ts';
import type { LayerStore } from '../layer/store.ts';
import { alpine } from './alpine.ts';
import { busybox } from './busybox.ts';
import type { BuiltinImage } from './define.ts';
import { nginx } from './nginx.ts';
import { node, node20 } from './node.ts';
import { redis } from './redis.ts';
import pinnedJson from './pinned-digests.json';

export const BUILTIN_IMAGES: readonly BuiltinImage[] = [busybox, alpine, node, nginx, redis, node20];

export type PinnedDigests = Record<string, Digest[]>;
const pinned = pinnedJson as unknown as PinnedDigests;

export interface InstallOptions {
  /** Hash every layer instead of trusting the pinned table (tests, the pin script). */
  verify?: boolean;
  /** Also the lazy ones (installed on first use otherwise). */
  all?: boolean;
}

/** Builds one built-in image (and its base) into the stores. */
async function build(def: BuiltinImage, images: ImageStore, layers: LayerStore, opts: InstallOptions, done: Map<string, Image>): Promise<Image> {
  const existing = done.get(def.name);
  if (existing) return existing;
  const base = def.base ? await build(def.base, images, layers, opts, done) : null;
  let top: Layer | null = base?.top ?? null;
  const history: HistoryEntry[] = base ? [...base.config.history] : [];
  const created = rfc3339Nano(def.created);
  const pins = pinned[def.name] ?? [];
  let k = 0;
  for (const step of def.steps) {
    history.push({ created, created_by: step.createdBy, ...(step.comment && { comment: step.comment }), ...(!step.layer && { empty_layer: true }) });
    if (!step.layer) continue;
    const fs = new OverlayFs(layers.rootOf(top), { now: () => def.created });
    step.layer(fs);
    const pin = pins[k++];
    const diffId = !opts.verify && pin && isDigest(pin) ? pin : await diffIdOf(fs.upper);
    top = layers.addWithDiffId(fs.upper, top, diffId);
  }
  const config: ImageConfig = {
    architecture: 'amd64',
    os: 'linux',
    created,
    config: def.config,
    rootfs: { type: 'layers', diff_ids: layerChain(top).map((l) => l.diffId) },
    history,
  };
  const image = images.create(config, top);
  for (const tag of def.tags) images.tag(image.id, tag);
  done.set(def.name, image);
  return image;
}

/** The built-in image a reference names (`node:22-alpine` → node), if any. */
export function builtinFor(ref: string): BuiltinImage | undefined {
  const key = normalizeTagged(ref);
  return BUILTIN_IMAGES.find((def) => def.tags.some((t) => normalizeTagged(t) === key));
}

/** Whether any built-in image lives in the repository `ref` names. */
export function isBuiltinRepository(ref: string): boolean {
  const repo = normalizeTagged(ref).replace(/:[^:/]+$/, '');
  return BUILTIN_IMAGES.some((def) => def.tags.some((t) => normalizeTagged(t).replace(/:[^:/]+$/, '') === repo));
}

/** (Re)installs one built-in image and its base; returns it. */
export function installBuiltin(def: BuiltinImage, images: ImageStore, layers: LayerStore): Promise<Image> {
  return build(def, images, layers, {}, new Map());
}

/** Installs every built-in image; returns them by name (`alpine`, `node`…). */
export async function installBuiltinImages(images: ImageStore, layers: LayerStore, opts: InstallOptions = {}): Promise<Map<string, Image>> {
  const done = new Map<string, Image>();
  for (const def of BUILTIN_IMAGES) if (opts.all || !def.lazy) await build(def, images, layers, opts, done);
  return done;
}

/** The DiffIDs of each built-in image's own layers, computed from their bytes. */
export async function computePins(images: ImageStore, layers: LayerStore): Promise<PinnedDigests> {
  const built = await installBuiltinImages(images, layers, { verify: true, all: true });
  const out: PinnedDigests = {};
  for (const def of BUILTIN_IMAGES) {
    const chain = layerChain(built.get(def.name)!.top);
    const baseCount = def.base ? layerChain(built.get(def.base.name)!.top).length : 0;
    out[def.name] = chain.slice(baseCount).map((l) => l.diffId);
  }
  return out;
}
