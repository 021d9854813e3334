// Image routes: list, inspect, history, tag, remove, and pull — offline,
// from the built-in images only (anything else: Docker's "pull access
// denied" answer).
import { familiarName, familiarString, familiarTagged, parseReference, withDefaultTag, type Daemon } from '../../daemon/daemon.ts';
import { ApiError, queryBool, type Router } from '../router.ts';
import { imageInspect, imageSummary, refsOf } from '../shapes.ts';
import { parseFilters } from './system.ts';

const enc = new TextEncoder();

/**
 * The `repo` and `tag` query parameters of tag and commit, as dockerd's
 * RepoTagReference reads them: a valid repository (lowercase, no digest),
 * a valid tag, `latest` when none is given. Undefined without a repo; 400
 * in distribution/reference's words otherwise.
 * @example repoTagReference('Web', '') // throws 'invalid reference format: repository name (library/Web) must be lowercase'
 */
export function repoTagReference(repo: string | undefined, tag: string | undefined): string | undefined {
  if (!repo) return undefined;
  if (/^[a-f0-9]{64}$/.test(repo)) throw new ApiError(400, `invalid repository name (${repo}), cannot specify 64-byte hexadecimal strings`);
  let ref;
  try {
    ref = parseReference(repo);
  } catch (e) {
    throw new ApiError(400, (e as Error).message);
  }
  if (ref.digest) throw new ApiError(400, 'cannot import digest reference');
  if (familiarName(ref) === 'sha256') throw new ApiError(400, 'refusing to create an ambiguous tag using digest algorithm as name');
  if (!tag) return familiarString(withDefaultTag(ref));
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) throw new ApiError(400, 'invalid tag format');
  return `${familiarName(ref)}:${tag}`;
}

export function imageRoutes(r: Router, d: Daemon): void {
  r.add('GET', '/images/json', (req) => {
    const all = queryBool(req, 'all');
    const filters = parseFilters(req.query.get('filters'));
    const glob = (pattern: string): RegExp => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '.')}$`);
    const references = (filters.reference ?? []).map((ref) => (ref.includes(':') ? glob(ref) : glob(`${ref}:*`)));
    const images = d.images.list().filter((img) => {
      const refs = refsOf(d, img.id);
      if (!all && refs.length === 0 && d.images.children(img.id).length > 0) return false;
      if (filters.dangling && (filters.dangling[0] === 'true') !== (refs.length === 0)) return false;
      if (references.length > 0 && !refs.some((r) => references.some((re) => re.test(r)))) return false;
      if (filters.label && !filters.label.every((l) => { const [k, v] = l.split('='); const labels = img.config.config.Labels ?? {}; return k !== undefined && (v === undefined ? k in labels : labels[k] === v); })) return false;
      return true;
    });
    images.sort((a, b) => Date.parse(b.config.created) - Date.parse(a.config.created));
    // With a reference filter, only the matching tags are listed (as Docker does).
    return {
      status: 200,
      json: images.map((img) => {
        const summary = imageSummary(d, img);
        if (references.length > 0) summary.RepoTags = (summary.RepoTags as string[]).filter((r) => references.some((re) => re.test(r)));
        return summary;
      }),
    };
  });

  const save = (names: string[]) => {
    for (const n of names) if (!d.images.resolve(n)) throw new ApiError(404, `reference does not exist`);
    return {
      status: 200,
      headers: { 'Content-Type': 'application/x-tar' },
      stream: async (write: (chunk: Uint8Array) => Promise<void>) => {
        const pending: Promise<void>[] = [];
        await d.save(names, (chunk) => { pending.push(write(chunk)); });
        await Promise.all(pending);
      },
    };
  };
  r.add('GET', '/images/get', (req) => save(req.queryAll?.get('names') ?? (req.query.get('names') ? [req.query.get('names')!] : [])));
  r.add('GET', '/images/{name*}/get', (_req, p) => save([p.get('name')!]));

  r.add('POST', '/images/load', async (req) => {
    if (!req.body || req.body.length === 0) throw new ApiError(400, 'no image archive: send the tar docker save writes');
    // quiet only hides progress bars (the CLI asks for it when its output is not a terminal); what was loaded is always said.
    let loaded;
    try {
      loaded = await d.load(req.body);
    } catch (e) {
      throw new ApiError(400, (e as Error).message);
    }
    const lines: string[] = [];
    for (const l of loaded) {
      if (l.tags.length === 0) lines.push(`Loaded image ID: ${l.image.id}\n`);
      for (const tag of l.tags) lines.push(`Loaded image: ${tag}\n`);
      d.events.emit('image', 'load', l.image.id, { name: l.tags[0] ?? l.image.id });
    }
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: enc.encode(lines.map((stream) => `${JSON.stringify({ stream })}\n`).join('')) };
  });

  r.add('POST', '/images/prune', (req) => {
    const raw = req.query.get('filters') ?? '';
    const all = /"dangling"\s*:\s*(\[\s*"(false|0)"|\{\s*"(false|0)")/.test(raw);
    const used = new Set(d.containers.list().map((c) => c.image?.id));
    const deleted: Array<Record<string, string>> = [];
    let reclaimed = 0;
    // Children before parents, so that a chain of unused images goes in one prune.
    for (let changed = true; changed;) {
      changed = false;
      for (const img of d.images.list()) {
        const refs = refsOf(d, img.id);
        if (used.has(img.id) || (!all && refs.length > 0) || d.images.children(img.id).length > 0) continue;
        for (const ref of refs) { d.images.untag(ref); deleted.push({ Untagged: ref }); }
        d.images.delete(img.id);
        deleted.push({ Deleted: img.id });
        reclaimed += img.size;
        d.events.emit('image', 'delete', img.id, { name: refs[0] ?? img.id });
        changed = true;
      }
    }
    return { status: 200, json: { ImagesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed } };
  });

  r.add('GET', '/images/{name*}/json', (_req, p) => {
    const name = p.get('name')!;
    const img = d.images.resolve(name);
    if (!img) throw new ApiError(404, `No such image: ${familiarTagged(name)}`);
    return { status: 200, json: imageInspect(d, img) };
  });

  r.add('GET', '/images/{name*}/history', (_req, p) => {
    const name = p.get('name')!;
    const img = d.images.resolve(name);
    if (!img) throw new ApiError(404, `No such image: ${familiarTagged(name)}`);
    // Sizes: each non-empty history entry owns the next layer down the chain.
    const sizes: number[] = [];
    for (let l = img.top; l; l = l.parent) sizes.push(l.size);
    // IDs: the local ancestor whose history ends at that entry (built here), else <missing> (pulled).
    const byDepth = new Map<number, string>();
    for (let cur: typeof img | undefined = img; cur; cur = cur.parent ? d.images.get(cur.parent) : undefined) {
      byDepth.set(cur.config.history.length, cur.id);
    }
    const history = img.config.history;
    let layer = 0;
    const rows = [...history].reverse().map((h, i) => {
      const size = h.empty_layer ? 0 : sizes[layer++] ?? 0;
      const id = byDepth.get(history.length - i);
      return {
        Id: id ?? '<missing>', Created: Math.floor(Date.parse(h.created) / 1000), CreatedBy: h.created_by ?? '',
        Tags: id ? refsOf(d, id as `sha256:${string}`) : null, Size: size, Comment: h.comment ?? '',
      };
    });
    return { status: 200, json: rows };
  });

  r.add('POST', '/images/{name*}/tag', (req, p) => {
    const name = p.get('name')!;
    // dockerd reads the new reference before it looks for the image.
    const ref = repoTagReference(req.query.get('repo'), req.query.get('tag'));
    if (!ref) throw new ApiError(400, 'repository name must have at least one component');
    const img = d.images.resolve(name);
    if (!img) throw new ApiError(404, `No such image: ${familiarTagged(name)}`);
    d.images.tag(img.id, ref);
    d.events.emit('image', 'tag', img.id, { name: ref });
    return { status: 201, body: '' };
  });

  r.add('POST', '/images/create', async (req) => {
    const from = req.query.get('fromImage');
    if (!from) throw new ApiError(400, 'fromImage is required (importing from a source is not available)');
    const tag = req.query.get('tag') || 'latest';
    const ref = from.includes('@') || /:[^/]+$/.test(from) ? from : `${from}:${tag}`;
    const had = d.images.resolve(ref) !== undefined;
    let img;
    try {
      img = await d.getImage(ref);
    } catch (e) {
      // The playground is offline: only its built-in images can be pulled.
      throw new ApiError(404, `${(e as Error).message} (the playground is offline: only its built-in images can be pulled)`);
    }
    const shortRef = ref.replace(/^docker\.io\/library\//, '');
    d.events.emit('image', 'pull', shortRef, { name: shortRef.replace(/:.*$/, '') });
    const lines = [
      { status: `Pulling from library/${shortRef.replace(/:.*$/, '')}`, id: shortRef.replace(/^.*:/, '') },
      { status: `Digest: ${img.id}` },
      { status: had ? `Status: Image is up to date for ${shortRef}` : `Status: Downloaded newer image for ${shortRef}` },
    ];
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: enc.encode(lines.map((l) => `${JSON.stringify(l)}\r\n`).join('')) };
  });

  r.add('DELETE', '/images/{name*}', (req, p) => {
    const name = p.get('name')!;
    const img = d.images.resolve(name);
    if (!img) throw new ApiError(404, `No such image: ${familiarTagged(name)}`);
    const force = queryBool(req, 'force');
    const users = d.containers.list().filter((c) => c.image?.id === img.id);
    const refs = refsOf(d, img.id);
    const byRef = refs.includes(familiarTagged(name)) ? familiarTagged(name) : null;
    if (byRef && refs.length > 1) {
      d.images.untag(byRef);
      d.events.emit('image', 'untag', img.id, { name: byRef });
      return { status: 200, json: [{ Untagged: byRef }] };
    }
    if (users.length > 0 && !force) {
      throw new ApiError(409, `conflict: unable to remove repository reference "${name}" (must force) - container ${users[0]!.id.slice(0, 12)} is using its referenced image ${img.id.replace('sha256:', '').slice(0, 12)}`);
    }
    if (d.images.children(img.id).length > 0 && !force) {
      throw new ApiError(409, `conflict: unable to delete ${img.id.replace('sha256:', '').slice(0, 12)} (cannot be forced) - image has dependent child images`);
    }
    const out: Array<Record<string, string>> = refs.map((ref) => ({ Untagged: ref }));
    for (const ref of refs) {
      d.images.untag(ref);
      d.events.emit('image', 'untag', img.id, { name: ref });
    }
    d.images.delete(img.id);
    d.events.emit('image', 'delete', img.id, { name: refs[0] ?? img.id });
    out.push({ Deleted: img.id });
    return { status: 200, json: out };
  });
}
