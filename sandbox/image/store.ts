// The image store: images by ID (sha256 of their config bytes), the
// references that name them, their parents (each build step's image is the
// child of the one before, as in Docker's legacy builder) and the build
// cache keys that let a rebuild find a step's earlier result.
import { sha256Of, type Digest } from '../layer/digest.ts';
import { layerChain, type Layer } from '../layer/layer.ts';
import type { LayerStore } from '../layer/store.ts';
import { serializeConfig, type ImageConfig } from './config.ts';
import { normalizeTagged, parseReference, ReferenceError } from './reference.ts';

export interface Image {
  readonly id: Digest;
  readonly config: ImageConfig;
  /** The exact config bytes; `id` is their sha256. */
  readonly configBytes: Uint8Array;
  /** Top layer of the chain (null for an image with no layers). */
  readonly top: Layer | null;
  /** The image this one was built on by a build step, if any. */
  readonly parent: Digest | null;
  /** Total bytes of its layers' files (Docker's image Size). */
  readonly size: number;
}

export interface CreateImageOptions {
  parent?: Digest | null;
  /** The build cache key of the step that made this image. */
  cacheKey?: string;
  /** Use these exact bytes (a loaded image) instead of serialising `config`. */
  configBytes?: Uint8Array;
}

export class ImageNotFoundError extends Error {
  override name = 'ImageNotFoundError';
  constructor(readonly ref: string) {
    super(`No such image: ${ref}`);
  }
}

const encoder = new TextEncoder();

export class ImageStore {
  private readonly images = new Map<Digest, Image>();
  /** Canonical reference (`docker.io/library/busybox:latest`) → image ID. */
  private readonly refs = new Map<string, Digest>();
  /** Build cache: `${parent} ${key}` → image ID. */
  private readonly cache = new Map<string, Digest>();

  constructor(private readonly layers: LayerStore) {}

  /** Records an image (idempotent: the same config gives the same image). */
  create(config: ImageConfig, top: Layer | null, opts: CreateImageOptions = {}): Image {
    const chain = layerChain(top);
    const diffIds = chain.map((l) => l.diffId);
    if (diffIds.length !== config.rootfs.diff_ids.length || diffIds.some((d, i) => d !== config.rootfs.diff_ids[i])) {
      throw new Error('image config rootfs does not match its layers');
    }
    const configBytes = opts.configBytes ?? encoder.encode(serializeConfig(config));
    const id = sha256Of(configBytes);
    let image = this.images.get(id);
    if (!image) {
      const size = chain.reduce((n, l) => n + l.size, 0);
      image = { id, config, configBytes, top, parent: opts.parent ?? null, size };
      this.images.set(id, image);
    }
    if (opts.cacheKey !== undefined) this.cache.set(`${opts.parent ?? ''} ${opts.cacheKey}`, id);
    return image;
  }

  get(id: Digest): Image | undefined {
    return this.images.get(id);
  }

  /** The build cache as [parent + " " + step key, image ID] pairs (what a snapshot keeps). */
  cacheEntries(): Array<[string, Digest]> {
    return [...this.cache];
  }

  /** Puts back a build cache entry from cacheEntries() (ignored if the image is gone). */
  restoreCacheEntry(key: string, id: Digest): void {
    if (this.images.has(id)) this.cache.set(key, id);
  }

  /** The image a build step with this key made on `parent` before, if it still exists. */
  findCached(parent: Digest | null, key: string): Image | undefined {
    const id = this.cache.get(`${parent ?? ''} ${key}`);
    return id ? this.images.get(id) : undefined;
  }

  /**
   * Finds an image as the docker CLI does: a reference (`busybox`,
   * `app:v1`), a full ID (`sha256:…`), or a unique ID prefix (`4f5e`).
   */
  resolve(nameOrId: string): Image | undefined {
    const byId = /^(?:sha256:)?([0-9a-f]{64})$/.exec(nameOrId);
    if (byId) return this.images.get(`sha256:${byId[1]}`);
    try {
      const id = this.refs.get(normalizeTagged(nameOrId));
      if (id) return this.images.get(id);
    } catch (e) {
      if (!(e instanceof ReferenceError)) throw e;
    }
    const prefix = /^(?:sha256:)?([0-9a-f]{1,63})$/.exec(nameOrId);
    if (prefix) {
      const matches = [...this.images.keys()].filter((id) => id.startsWith(`sha256:${prefix[1]}`));
      if (matches.length === 1) return this.images.get(matches[0]!);
    }
    return undefined;
  }

  /** Like resolve, but throws Docker's `No such image: x`. */
  mustResolve(nameOrId: string): Image {
    const image = this.resolve(nameOrId);
    if (!image) throw new ImageNotFoundError(nameOrId);
    return image;
  }

  /**
   * Points a reference at an image. The image it named before keeps its
   * other references, or becomes dangling (`<none>:<none>`).
   * Returns the previous image ID, if the reference moved.
   */
  tag(id: Digest, ref: string): Digest | undefined {
    if (!this.images.has(id)) throw new ImageNotFoundError(id);
    const key = normalizeTagged(ref);
    if (parseReference(ref).digest) throw new ReferenceError('refusing to create a tag with a digest reference');
    const previous = this.refs.get(key);
    this.refs.set(key, id);
    return previous !== id ? previous : undefined;
  }

  /** Removes a reference; returns the image it named. */
  untag(ref: string): Digest | undefined {
    const key = normalizeTagged(ref);
    const id = this.refs.get(key);
    this.refs.delete(key);
    return id;
  }

  /** Canonical references naming an image, sorted. */
  refsOf(id: Digest): string[] {
    const out: string[] = [];
    for (const [ref, target] of this.refs) if (target === id) out.push(ref);
    return out.sort();
  }

  list(): Image[] {
    return [...this.images.values()];
  }

  children(id: Digest): Image[] {
    return this.list().filter((i) => i.parent === id);
  }

  /** Forgets an image (its references and cache entries go with it). */
  delete(id: Digest): void {
    this.images.delete(id);
    for (const [ref, target] of [...this.refs]) if (target === id) this.refs.delete(ref);
    for (const [key, target] of [...this.cache]) if (target === id) this.cache.delete(key);
  }

  /** The merged root filesystem of an image (read-only). */
  rootOf(image: Image | null) {
    return this.layers.rootOf(image?.top ?? null);
  }
}
