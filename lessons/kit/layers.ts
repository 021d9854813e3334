// What an image's layers hold, read the only way Docker offers: the image's
// `docker save` archive (GET /images/{name}/get, what the Images panel's
// "Show files" reads). Its manifest.json lists the layer tars bottom first,
// in RootFS order; each layer tar holds the files the step added or changed,
// and its deletions as whiteouts (`.wh.<name>`, or `.wh..wh..opq` for a
// directory whose lower contents are hidden). So a check can tell where a
// file's bytes live — e.g. apk's index kept by one RUN and only hidden by a
// later `rm` — and what the image's final filesystem shows.
import tar from 'tar-stream';
import { EngineError } from '../../sandbox/index.ts';
import type { CheckContext } from './checks.ts';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'link' | 'other';

export interface LayerEntry {
  /** Without a leading slash or `./`: `usr/bin/curl`. */
  path: string;
  kind: EntryKind;
  /** Bytes of content (0 for directories and links). */
  size: number;
}

export interface LayerContents {
  /** The layer's DiffID (`sha256:…`), as in the image's RootFS.Layers. */
  diffId: string;
  /** What the layer adds or changes (whiteouts left out). */
  entries: LayerEntry[];
  /** What it deletes: `var/cache/apk/APKINDEX.x.tar.gz`; a directory it empties (opaque) ends with `/`. */
  deleted: string[];
}

/** At most this many entries are read from one tar. */
const MAX_ENTRIES = 200_000;
/** Archives larger than this are not read (the lessons' images are a few MB). */
const MAX_ARCHIVE = 512 * 1024 * 1024;

const clean = (name: string): string => name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
const KINDS: ReadonlyMap<string, EntryKind> = new Map([['file', 'file'], ['contiguous-file', 'file'], ['directory', 'dir'], ['symlink', 'symlink'], ['link', 'link']]);

/** The entries of a tar; `keep(name)` says whose content to keep. */
async function readTar(bytes: Uint8Array, keep: (name: string) => boolean): Promise<Array<{ name: string; kind: EntryKind; size: number; data: Uint8Array | null }>> {
  const out: Array<{ name: string; kind: EntryKind; size: number; data: Uint8Array | null }> = [];
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (h, stream, next) => {
      const chunks: Uint8Array[] = [];
      const wanted = keep(h.name);
      stream.on('data', (c: unknown) => { if (wanted) chunks.push(c as Uint8Array); });
      stream.on('error', () => {});
      stream.on('end', () => {
        if (out.length >= MAX_ENTRIES) { extract.destroy(new Error(`more than ${MAX_ENTRIES} entries`)); return; }
        let data: Uint8Array | null = null;
        if (wanted) {
          data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
          let off = 0;
          for (const c of chunks) { data.set(c, off); off += c.length; }
        }
        out.push({ name: h.name, kind: KINDS.get(h.type ?? 'file') ?? 'other', size: h.size ?? 0, data });
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(bytes);
  await done;
  return out;
}

/**
 * The layers of `ref`, bottom first (RootFS order), each with what its tar
 * holds; null when there is no such image.
 * @example
 *   const layers = await imageLayers(ctx, 'herramientas');
 *   layers?.findIndex((l) => l.entries.some((e) => e.path.startsWith('var/cache/apk/APKINDEX')));
 */
export async function imageLayers(ctx: Pick<CheckContext, 'client'>, ref: string): Promise<LayerContents[] | null> {
  let bytes: Uint8Array;
  try {
    bytes = await (await ctx.client.request('GET', `/images/${encodeURIComponent(ref)}/get`)).bytes();
  } catch (e) {
    if (e instanceof EngineError && e.status === 404) return null;
    throw e;
  }
  if (bytes.length > MAX_ARCHIVE) throw new Error(`the archive of ${ref} is larger than ${MAX_ARCHIVE} bytes`);
  const outer = await readTar(bytes, (name) => name === 'manifest.json' || name.startsWith('blobs/'));
  const file = (name: string): Uint8Array | null => outer.find((e) => clean(e.name) === clean(name))?.data ?? null;
  const manifestBytes = file('manifest.json');
  if (!manifestBytes) throw new Error(`the archive of ${ref} has no manifest.json`);
  const [manifest] = JSON.parse(new TextDecoder().decode(manifestBytes)) as Array<{ Config: string; Layers: string[] }>;
  if (!manifest) throw new Error(`the archive of ${ref} lists no image`);
  const configBytes = file(manifest.Config);
  const diffIds = configBytes ? ((JSON.parse(new TextDecoder().decode(configBytes)) as { rootfs?: { diff_ids?: string[] } }).rootfs?.diff_ids ?? []) : [];
  const layers: LayerContents[] = [];
  for (const [i, path] of manifest.Layers.entries()) {
    const blob = file(path);
    if (!blob) throw new Error(`the archive of ${ref} lacks its layer ${path}`);
    const entries: LayerEntry[] = [];
    const deleted: string[] = [];
    for (const e of await readTar(blob, () => false)) {
      const p = clean(e.name);
      if (!p) continue;
      const slash = p.lastIndexOf('/');
      const dir = slash < 0 ? '' : p.slice(0, slash + 1);
      const base = p.slice(slash + 1);
      if (base === '.wh..wh..opq') deleted.push(dir);
      else if (base.startsWith('.wh.')) deleted.push(dir + base.slice(4));
      else entries.push({ path: p, kind: e.kind, size: e.kind === 'file' ? e.size : 0 });
    }
    layers.push({ diffId: diffIds[i] ?? '', entries, deleted });
  }
  return layers;
}

/**
 * The files and links of the image's final filesystem (what a container
 * starts with), replaying its layers bottom first: a whiteout removes what
 * lower layers left at that path (and under it).
 */
export function finalPaths(layers: readonly LayerContents[]): Set<string> {
  const present = new Set<string>();
  for (const layer of layers) {
    for (const gone of layer.deleted) {
      const dir = gone.endsWith('/') ? gone : `${gone}/`;
      present.delete(gone.replace(/\/$/, ''));
      for (const p of present) if (p.startsWith(dir)) present.delete(p);
    }
    for (const e of layer.entries) if (e.kind !== 'dir') present.add(e.path);
  }
  return present;
}
