// The Images panel's reading of an image's history (GET /images/{id}/history,
// newest first): each row's Dockerfile instruction made readable, which
// layer of RootFS.Layers (GET /images/{id}/json) it added, whether that
// layer is shared with other images, and whether the step was a cache hit
// or a miss in the build that produced the image.
//
// Cache hit or miss is not in Docker's image API, and the page does not see
// the CLI's build stream (` ---> Using cache`). What it does see, faithfully:
//  - the API traffic: when each POST /build started and which tags (`t`) it
//    asked for;
//  - GET /events: dockerd logs an image `tag` event when a build tags its
//    result (the engine does too), so the build that produced an image ran
//    from its POST /build to that event;
//  - each step's own image (classic builder: one image per step, its ID in
//    the history row) and its exact `Created` (GET /images/{id}/json).
// A step whose image was created inside that window was built (a miss); one
// created before it was reused from the cache (a hit). Rows below the first
// tagged ancestor (the FROM image) or with no local image (`<missing>`) are
// the base image's own, and an image without a parent (pulled, loaded,
// built in) has no steps at all. No build seen since the page opened: no
// verdict.

export interface HistoryRow { Id: string; Created: number; CreatedBy: string; Tags: string[] | null; Size: number; Comment: string }

const MAX_BUILD_ARGS = 64;
const SHELL = /^(?:\/[\w./-]*\/)?(?:sh|bash|ash|dash|zsh)(?:\s+(?!-c\s)\S+){0,4}\s+-c\s+/;

/**
 * The Dockerfile instruction behind a history row, as the user wrote it.
 * @example readableCreatedBy('/bin/sh -c #(nop)  CMD ["x"]') === 'CMD ["x"]'
 * @example readableCreatedBy('/bin/sh -c echo hi') === 'RUN echo hi'
 * @example readableCreatedBy('RUN /bin/sh -c make # buildkit') === 'RUN make'
 */
export function readableCreatedBy(createdBy: string): string {
  let s = createdBy.trim().replace(/\s+# buildkit$/, '');
  const nop = /#\(nop\)\s*([\s\S]*)$/.exec(s);
  if (nop) return nop[1]!.trim();
  const run = s.startsWith('RUN ');
  if (run) s = s.slice(4);
  // Build args in scope of a RUN: `|2 A=1 B=2 /bin/sh -c make`.
  const args = /^\|(\d+)\s+/.exec(s);
  if (args) {
    let rest = s.slice(args[0].length);
    for (let i = 0; i < Math.min(Number(args[1]), MAX_BUILD_ARGS); i++) {
      const kv = /^\S+=\S*\s+/.exec(rest);
      if (!kv) break;
      rest = rest.slice(kv[0].length);
    }
    s = rest;
  }
  const shell = SHELL.exec(s);
  if (shell) return `RUN ${s.slice(shell[0].length)}`;
  return run || args ? `RUN ${s}` : s;
}

/** The instruction's keyword (`RUN`, `COPY`, `CMD`…), or '' for a `docker commit` row. */
export function instructionOf(readable: string): string {
  const w = /^[A-Z]+(?=\s|$)/.exec(readable);
  return w ? w[0] : '';
}

const LAYER_MAKERS = new Set(['RUN', 'COPY', 'ADD']);

/**
 * Which layer (index into RootFS.Layers, oldest 0) each row added, or null
 * for a row with no layer (ENV, CMD…), or undefined where it cannot be told.
 * `known` maps a row index to the number of layers its own image has (the
 * step images of a local build; row 0 is the image itself); between known
 * rows, the layers go to RUN/COPY/ADD rows and rows with a size, when their
 * count matches.
 */
export function assignLayers(rows: HistoryRow[], known: ReadonlyMap<number, number>): Array<number | null | undefined> {
  const out: Array<number | null | undefined> = rows.map(() => undefined);
  let below = 0;
  // Oldest first: segments end at each known row.
  let start = rows.length - 1;
  for (let i = rows.length - 1; i >= 0; i--) {
    const count = known.get(i);
    if (count === undefined && i > 0) continue;
    const segment: number[] = [];
    for (let j = start; j >= i; j--) segment.push(j);
    const total = count ?? below;
    const delta = total - below;
    const makers = segment.filter((j) => rows[j]!.Size > 0 || LAYER_MAKERS.has(instructionOf(readableCreatedBy(rows[j]!.CreatedBy))));
    const sized = segment.filter((j) => rows[j]!.Size > 0);
    const chosen = makers.length === delta ? makers : sized.length === delta ? sized : null;
    if (chosen && delta >= 0) {
      let n = below;
      for (const j of segment) out[j] = chosen.includes(j) ? n++ : null;
    }
    below = Math.max(below, total);
    start = i - 1;
  }
  return out;
}

/** Identity of each layer as the layer store keeps it: the chain of DiffIDs up to it (what its ChainID hashes). */
export function chainKeys(diffIds: readonly string[]): string[] {
  return diffIds.map((_, i) => diffIds.slice(0, i + 1).join(' '));
}

/** How many of the given images hold each layer (by chain). */
export function layerUsers(images: ReadonlyArray<{ id: string; diffIds: readonly string[] }>): Map<string, number> {
  const users = new Map<string, number>();
  for (const img of images) for (const key of new Set(chainKeys(img.diffIds))) users.set(key, (users.get(key) ?? 0) + 1);
  return users;
}

/** `app` → `app:latest`; `docker.io/library/app:1` → `app:1` (the familiar form tag events carry). */
export function familiarTag(ref: string): string {
  const r = ref.replace(/^docker\.io\/(library\/)?/, '');
  return /:[^/]*$/.test(r) || r.includes('@') ? r : `${r}:latest`;
}

export interface BuildSeen { at: number; tags: string[] }
export interface TagSeen { imageId: string; name: string; at: number }
export interface BuildWindow { start: number; end: number; tag: string }

/**
 * The build that produced `imageId`: its latest tag event that a build with
 * that tag (started before it) explains. Times in ms.
 */
export function buildWindow(imageId: string, tags: readonly TagSeen[], builds: readonly BuildSeen[]): BuildWindow | null {
  const mine = tags.filter((t) => t.imageId === imageId).sort((a, b) => b.at - a.at);
  for (const t of mine) {
    const b = builds.filter((x) => x.at <= t.at && x.tags.some((tag) => familiarTag(tag) === t.name)).sort((x, y) => y.at - x.at)[0];
    if (b) return { start: b.at, end: t.at, tag: t.name };
  }
  return null;
}

/** How many rows from the top of a built image are its build's own steps (local images down to the FROM image). */
export function stepCount(rows: readonly HistoryRow[]): number {
  let n = 0;
  while (n < rows.length) {
    const r = rows[n]!;
    if (r.Id === '<missing>' || (n > 0 && r.Tags && r.Tags.length > 0)) break;
    n++;
  }
  return n;
}

export type CacheVerdict = 'hit' | 'miss' | 'base' | null;

/** A step's verdict from its image's creation time (ms) against the build's window. */
export function cacheVerdict(createdMs: number | undefined, w: BuildWindow | null): CacheVerdict {
  if (!w || createdMs === undefined || Number.isNaN(createdMs)) return null;
  if (createdMs < w.start) return 'hit';
  return createdMs <= w.end ? 'miss' : null;
}

/** A POST /build seen in the API traffic (any /vX.Y prefix), with the tags it asked for; null for other calls. */
export function buildSeen(e: { method: string; path: string; query: string; status: number; at: number }): BuildSeen | null {
  if (e.method !== 'POST' || !/^(\/v[\d.]+)?\/build$/.test(e.path) || e.status >= 400) return null;
  return { at: e.at, tags: new URLSearchParams(e.query).getAll('t') };
}
