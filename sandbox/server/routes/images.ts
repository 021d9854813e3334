// Image routes: list, inspect, history, tag, remove, and pull — offline,
// from the built-in images only (anything else: Docker's "pull access
// denied" answer).
import type { Daemon } from '../../daemon/daemon.ts';
import { ApiError, queryBool, type Router } from '../router.ts';
import { imageInspect, imageSummary } from '../shapes.ts';

const enc = new TextEncoder();

/** `busybox` → `busybox:latest` (how Docker names a reference in its messages). */
export function withTag(ref: string): string {
  if (ref.startsWith('sha256:') || /^[0-9a-f]{12,64}$/.test(ref)) return ref;
  const slash = ref.lastIndexOf('/');
  return ref.includes('@') || ref.slice(slash + 1).includes(':') ? ref : `${ref}:latest`;
}

export function imageRoutes(r: Router, d: Daemon): void {
  r.add('GET', '/images/json', (req) => {
    const all = queryBool(req, 'all');
    const images = d.images.list().filter((img) => all || d.images.refsOf(img.id).length > 0 || d.images.children(img.id).length === 0);
    images.sort((a, b) => Date.parse(b.config.created) - Date.parse(a.config.created));
    return { status: 200, json: images.map((img) => imageSummary(d, img)) };
  });

  r.add('GET', '/images/{name*}/json', (_req, p) => {
    const name = p.get('name')!;
    const img = d.images.resolve(name);
    if (!img) throw new ApiError(404, `No such image: ${withTag(name)}`);
    return { status: 200, json: imageInspect(d, img) };
  });

  r.add('GET', '/images/{name*}/history', (_req, p) => {
    const name = p.get('name')!;
    const img = d.images.resolve(name);
    if (!img) throw new ApiError(404, `No such image: ${withTag(name)}`);
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
        Tags: id ? d.images.refsOf(id as `sha256:${string}`) : null, Size: size, Comment: h.comment ?? '',
      };
    });
    return { status: 200, json: rows };
  });

  r.add('POST', '/images/{name*}/tag', (req, p) => {
    const name = p.get('name')!;
    const img = d.images.resolve(name);
    if (!img) throw new ApiError(404, `No such image: ${withTag(name)}`);
    const repo = req.query.get('repo');
    if (!repo) throw new ApiError(400, 'repository name must have at least one component');
    d.images.tag(img.id, `${repo}:${req.query.get('tag') || 'latest'}`);
    return { status: 201, body: '' };
  });

  r.add('POST', '/images/create', async (req) => {
    const from = req.query.get('fromImage');
    if (!from) throw new ApiError(400, 'fromImage is required (importing from a source is not available)');
    const tag = req.query.get('tag') || 'latest';
    const ref = from.includes('@') || /:[^/]+$/.test(from) ? from : `${from}:${tag}`;
    let img;
    try {
      img = await d.getImage(ref);
    } catch (e) {
      // The playground is offline: only its built-in images can be pulled.
      throw new ApiError(404, `${(e as Error).message} (the playground is offline: only its built-in images can be pulled)`);
    }
    const shortRef = ref.replace(/^docker\.io\/library\//, '');
    const lines = [
      { status: `Pulling from library/${shortRef.replace(/:.*$/, '')}`, id: shortRef.replace(/^.*:/, '') },
      { status: `Digest: ${img.id}` },
      { status: `Status: Image is up to date for ${shortRef}` },
    ];
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: enc.encode(lines.map((l) => `${JSON.stringify(l)}\r\n`).join('')) };
  });

  r.add('DELETE', '/images/{name*}', (req, p) => {
    const name = p.get('name')!;
    const img = d.images.resolve(name);
    if (!img) throw new ApiError(404, `No such image: ${withTag(name)}`);
    const force = queryBool(req, 'force');
    const users = d.containers.list().filter((c) => c.image?.id === img.id);
    const refs = d.images.refsOf(img.id);
    const byRef = refs.includes(withTag(name)) ? withTag(name) : null;
    if (byRef && refs.length > 1) {
      d.images.untag(byRef);
      return { status: 200, json: [{ Untagged: byRef }] };
    }
    if (users.length > 0 && !force) {
      throw new ApiError(409, `conflict: unable to remove repository reference "${name}" (must force) - container ${users[0]!.id.slice(0, 12)} is using its referenced image ${img.id.replace('sha256:', '').slice(0, 12)}`);
    }
    if (d.images.children(img.id).length > 0 && !force) {
      throw new ApiError(409, `conflict: unable to delete ${img.id.replace('sha256:', '').slice(0, 12)} (cannot be forced) - image has dependent child images`);
    }
    const out: Array<Record<string, string>> = refs.map((ref) => ({ Untagged: ref }));
    for (const ref of refs) d.images.untag(ref);
    d.images.delete(img.id);
    out.push({ Deleted: img.id });
    return { status: 200, json: out };
  });
}
