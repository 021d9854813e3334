// What each layer of an image added, changed or deleted, read the only way
// Docker offers: the image's `docker save` archive (GET /images/{id}/get).
// Its manifest.json lists the layer tars in RootFS order and its config
// carries the history with each row's `empty_layer`; each layer tar lists
// the files it adds or changes, and its deletions as whiteouts (`.wh.name`,
// or `.wh..wh..opq` for a directory whose lower contents are hidden).
// Replaying the layers from the bottom tells added from changed. A tiny tar
// reader (ustar, GNU long names, PAX paths) keeps it synchronous and bounded.

export type TarType = 'file' | 'dir' | 'symlink' | 'link' | 'other';
export interface TarEntry { name: string; type: TarType; size: number; data: Uint8Array }

/** Limits on what is read from an archive the engine sends. */
export const MAX_ENTRIES = 200_000;
const MAX_PAX = 1 << 20;
const dec = new TextDecoder();

function cstr(b: Uint8Array, start: number, len: number): string {
  const end = b.indexOf(0, start);
  return dec.decode(b.subarray(start, end < 0 || end > start + len ? start + len : end));
}

function numeric(b: Uint8Array, start: number, len: number): number {
  if (b[start]! & 0x80) {
    // base-256 (GNU): big-endian, the high bit of the first byte a marker.
    let n = b[start]! & 0x7f;
    for (let i = 1; i < len; i++) n = n * 256 + b[start + i]!;
    return n;
  }
  const s = cstr(b, start, len).trim();
  return s ? parseInt(s, 8) : 0;
}

/** The `path` record of a PAX header ("<len> path=<value>\n" records, lengths in bytes). */
function paxPath(data: Uint8Array): string | null {
  const b = data.subarray(0, MAX_PAX);
  let path: string | null = null;
  for (let i = 0; i < b.length;) {
    const sp = b.indexOf(0x20, i);
    const len = sp < 0 ? NaN : parseInt(dec.decode(b.subarray(i, sp)), 10);
    if (!(len > sp - i) || i + len > b.length) break;
    const rec = dec.decode(b.subarray(sp + 1, i + len - 1));
    const eq = rec.indexOf('=');
    if (rec.slice(0, eq) === 'path') path = rec.slice(eq + 1);
    i += len;
  }
  return path;
}

const TYPES: Record<string, TarType> = { '0': 'file', '\0': 'file', '7': 'file', '5': 'dir', '2': 'symlink', '1': 'link' };

/** The entries of a tar (data as views into `bytes`), at most `maxEntries`. Throws on a damaged header. */
export function readTar(bytes: Uint8Array, maxEntries = MAX_ENTRIES): TarEntry[] {
  const out: TarEntry[] = [];
  let longName: string | null = null;
  let pax: string | null = null;
  for (let off = 0; off + 512 <= bytes.length && out.length < maxEntries;) {
    const h = bytes.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (sum !== numeric(h, 148, 8)) throw new Error(`not a tar: bad header checksum at byte ${off}`);
    const size = numeric(h, 124, 12);
    const flag = String.fromCharCode(h[156]!);
    const data = bytes.subarray(off + 512, Math.min(bytes.length, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
    if (flag === 'L') { longName = cstr(data, 0, data.length); continue; }
    if (flag === 'x') { pax = paxPath(data); continue; }
    if (flag === 'g' || flag === 'K') continue;
    const prefix = cstr(h, 257, 6).startsWith('ustar') ? cstr(h, 345, 155) : '';
    const name = pax ?? longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    out.push({ name, type: TYPES[flag] ?? 'other', size, data });
    longName = null;
    pax = null;
  }
  return out;
}

/** `./etc/x/` → `etc/x`. */
const clean = (name: string): string => name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');

export interface LayerChanges {
  added: string[];
  changed: string[];
  deleted: string[];
  /** Directories whose lower contents this layer hides (an opaque whiteout). */
  replaced: string[];
}

/**
 * Each layer's changes, replaying the layers from the bottom: a path is
 * added if no lower layer left it, changed if one did; a whiteout deletes
 * (with everything under it). Directories are listed only when added.
 */
export function layerChanges(layers: ReadonlyArray<ReadonlyArray<Pick<TarEntry, 'name' | 'type'>>>): LayerChanges[] {
  const present = new Set<string>();
  const dirs = new Set<string>();
  const dropUnder = (dir: string): void => {
    if (!dirs.has(dir)) return;
    for (const p of present) if (p.startsWith(`${dir}/`)) { present.delete(p); dirs.delete(p); }
  };
  return layers.map((entries) => {
    const c: LayerChanges = { added: [], changed: [], deleted: [], replaced: [] };
    const lower = new Set(present);
    const split = entries.map((e) => {
      const path = clean(e.name);
      const slash = path.lastIndexOf('/');
      return { path, type: e.type, dir: slash < 0 ? '' : path.slice(0, slash), base: path.slice(slash + 1) };
    });
    // Whiteouts hide what the lower layers had, whatever their place in the tar.
    for (const { dir, base } of split) {
      if (base === '.wh..wh..opq') {
        c.replaced.push(`/${dir}/`);
        dropUnder(dir);
      } else if (base.startsWith('.wh.')) {
        const gone = (dir ? `${dir}/` : '') + base.slice(4);
        c.deleted.push(`/${gone}`);
        present.delete(gone);
        dropUnder(gone);
        dirs.delete(gone);
      }
    }
    for (const { path, type, base } of split) {
      if (!path || base.startsWith('.wh.')) continue;
      const existed = lower.has(path);
      if (type !== 'dir' || !existed) (existed ? c.changed : c.added).push(type === 'dir' ? `/${path}/` : `/${path}`);
      present.add(path);
      if (type === 'dir') dirs.add(path); else dirs.delete(path);
    }
    return c;
  });
}

export interface ArchiveLayers {
  /** Per layer of RootFS (oldest first): its changes, or null when it could not be read. */
  layers: Array<LayerChanges | null>;
  /** The config's history (oldest first): which rows made a layer. */
  history: Array<{ created_by?: string; empty_layer?: boolean }>;
}

/** Reads a `docker save` archive of one image into its layers' changes. */
export function archiveLayers(archive: Uint8Array): ArchiveLayers {
  const files = new Map<string, Uint8Array>();
  for (const e of readTar(archive)) if (e.type === 'file') files.set(clean(e.name), e.data);
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) throw new Error('no manifest.json in the archive');
  const [manifest] = JSON.parse(dec.decode(manifestBytes)) as Array<{ Config: string; Layers: string[] }>;
  if (!manifest) throw new Error('manifest.json lists no image');
  const config = files.get(clean(manifest.Config));
  const history = config ? (JSON.parse(dec.decode(config)) as { history?: ArchiveLayers['history'] }).history ?? [] : [];
  const tars = manifest.Layers.map((p) => {
    const blob = files.get(clean(p));
    // Compressed layers (a loaded foreign archive) are not listed here.
    return blob && !(blob[0] === 0x1f && blob[1] === 0x8b) ? readTar(blob) : null;
  });
  const readable = tars.every((t) => t !== null);
  const changes = readable ? layerChanges(tars as TarEntry[][]) : tars.map(() => null);
  return { layers: changes, history };
}
