// What the Images panel asks the Engine API: the images (GET /images/json),
// each one's history and inspect, the step images its history names (their
// layer count and exact creation time; immutable, so kept by ID), and on
// demand its `docker save` archive for the files of each layer.
import type { EngineClient } from '../../sandbox/index.ts';
import { archiveLayers, type ArchiveLayers } from './image-archive.ts';
import { assignLayers, type HistoryRow } from './image-history.ts';

interface ImageSummary { Id: string; ParentId: string; RepoTags: string[] | null; Created: number; Size: number }
interface ImageInspect { Created: string; RootFS: { Layers?: string[] } }

export interface ImageView {
  id: string;
  tags: string[];
  /** Seconds since the epoch. */
  created: number;
  size: number;
  /** Its parent image: set by the builder (and docker commit); empty for pulled, loaded and built-in images. */
  parent: string;
  rows: HistoryRow[];
  diffIds: string[];
  /** Per row: the RootFS layer it added, null for none, undefined if unknown. */
  layerOf: Array<number | null | undefined>;
  /** Per step image ID: when it was created (ms). */
  stepCreated: Map<string, number>;
}

const MAX_IMAGES = 200;
const MAX_ROWS = 500;
const MAX_CACHED = 5000;
/** The largest `docker save` archive read for file lists. */
export const MAX_ARCHIVE = 512 * 1024 * 1024;

/** Image inspects by ID (what is used of them never changes for an ID). */
export type InspectCache = Map<string, ImageInspect>;

async function inspect(client: EngineClient, cache: InspectCache, id: string): Promise<ImageInspect | null> {
  const hit = cache.get(id);
  if (hit) return hit;
  try {
    const v = await client.json<ImageInspect>('GET', `/images/${id}/json`);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(id, v);
    return v;
  } catch {
    return null;
  }
}

async function loadOne(client: EngineClient, cache: InspectCache, s: ImageSummary): Promise<ImageView> {
  const rows = (await client.json<HistoryRow[]>('GET', `/images/${s.Id}/history`)).slice(0, MAX_ROWS);
  const own = await inspect(client, cache, s.Id);
  const diffIds = own?.RootFS.Layers ?? [];
  const known = new Map<number, number>([[0, diffIds.length]]);
  const stepCreated = new Map<string, number>();
  await Promise.all(rows.map(async (r, i) => {
    if (!r.Id.startsWith('sha256:')) return;
    const step = await inspect(client, cache, r.Id);
    if (!step) return;
    known.set(i, step.RootFS.Layers?.length ?? 0);
    stepCreated.set(r.Id, Date.parse(step.Created));
  }));
  return { id: s.Id, tags: s.RepoTags ?? [], created: s.Created, size: s.Size, parent: s.ParentId ?? '', rows, diffIds, layerOf: assignLayers(rows, known), stepCreated };
}

/** Every image (newest first, as the engine lists them) with its history read. */
export async function loadImages(client: EngineClient, cache: InspectCache): Promise<ImageView[]> {
  const list = await client.json<ImageSummary[]>('GET', '/images/json');
  return Promise.all(list.slice(0, MAX_IMAGES).map((s) => loadOne(client, cache, s)));
}

/** The image's `docker save` archive, read into its layers' file changes. */
export async function loadArchive(client: EngineClient, id: string): Promise<ArchiveLayers> {
  const r = await client.request('GET', `/images/${id}/get`);
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const c of r.chunks()) {
    total += c.length;
    if (total > MAX_ARCHIVE) throw new Error(`the archive is over ${MAX_ARCHIVE / 1024 / 1024} MiB`);
    parts.push(c.slice());
  }
  const bytes = new Uint8Array(total);
  let off = 0;
  for (const p of parts) { bytes.set(p, off); off += p.length; }
  return archiveLayers(bytes);
}

/** Which RootFS layer each history row (newest first) made, from the archive's config (exact), when it matches. */
export function layersFromArchive(a: ArchiveLayers, rows: number): Array<number | null> | null {
  if (a.history.length !== rows) return null;
  const out: Array<number | null> = [];
  let n = 0;
  for (const h of a.history) out.push(h.empty_layer ? null : n++);
  return n === a.layers.length ? out.reverse() : null;
}
