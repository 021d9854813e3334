// Where COPY and ADD take files from: the build context (confined, filtered
// by .dockerignore) or another stage's or image's root. Resolves sources
// (globs included) and computes their content checksum — names, modes and
// bytes, never mtimes or owners — which is what the cache key and the
// `COPY file:<sum> in /dst` history line are made of.
import { contentChunks, type FileContent } from '../fs/content.ts';
import { isFsError } from '../fs/errors.ts';
import { MemoryFs } from '../fs/memory.ts';
import type { DirNode, FsNode, TreeEntry } from '../fs/node.ts';
import { splitPath } from '../fs/path.ts';
import { createSha256, sha256Of } from '../layer/digest.ts';
import { BuildError } from './backend.ts';
import { DockerIgnore, globRegex } from './dockerignore.ts';

export interface CopySource {
  /** Path relative to the source root ('' for the root itself). */
  path: string;
  node: FsNode;
}

const MAX_WALK = 200_000;
const MAX_LINKS = 40;
const GLOB = /[*?[]/;

export class SourceTree {
  readonly fs: MemoryFs;

  /**
   * @param confined context semantics: `..` or a symlink leading outside is
   *   forbidden, and .dockerignore applies.
   */
  constructor(root: DirNode, readonly ignore: DockerIgnore = new DockerIgnore(''), readonly confined = false) {
    this.fs = new MemoryFs({ root });
  }

  /** Expands COPY/ADD source arguments into the entries they name. */
  resolve(patterns: string[], instr: string): CopySource[] {
    const out: CopySource[] = [];
    for (const pattern of patterns) {
      const rel = this.relative(pattern, instr);
      if (GLOB.test(rel)) {
        const re = globRegex(rel);
        const matches = this.walk('').filter((p) => re.test(p));
        for (const p of matches) out.push({ path: p, node: this.nodeAt(p, instr, pattern) });
      } else {
        out.push({ path: rel, node: this.nodeAt(rel, instr, pattern) });
      }
    }
    if (out.length === 0) throw new BuildError(`${instr} failed: no source files were specified`);
    return out;
  }

  /** The pattern relative to the root; `..` above the root is forbidden in a context. */
  private relative(pattern: string, instr: string): string {
    const parts: string[] = [];
    for (const p of splitPath(pattern)) {
      if (p !== '..') { parts.push(p); continue; }
      if (parts.length === 0) {
        if (this.confined) throw new BuildError(`${instr} failed: forbidden path outside the build context: ${pattern} ()`);
        continue;
      }
      parts.pop();
    }
    return parts.join('/');
  }

  /**
   * Follows symlinks within the root; a link that leads outside a context is
   * forbidden. An absolute source names a path in the context, as in Docker;
   * when there is none, it most likely meant a file outside the context, and
   * the error says so.
   */
  private nodeAt(rel: string, instr: string, pattern: string): FsNode {
    const notFound = () => this.confined && pattern.startsWith('/')
      ? new BuildError(`${instr} failed: forbidden path outside the build context: ${pattern} ()`)
      : new BuildError(`${instr} failed: file not found in build context or excluded by .dockerignore: stat ${pattern}: file does not exist`);
    if (this.confined && rel !== '' && this.ignore.ignores(rel)) throw notFound();
    let parts = rel === '' ? [] : rel.split('/');
    let resolved: string[] = [];
    for (let hops = 0, i = 0; i < parts.length; i++) {
      const candidate = [...resolved, parts[i]!];
      let st;
      try { st = this.fs.lstatSync('/' + candidate.join('/')); } catch (e) { if (isFsError(e)) throw notFound(); throw e; }
      if (st.type !== 'symlink') { resolved = candidate; continue; }
      if (++hops > MAX_LINKS) throw notFound();
      const target = this.fs.readlinkSync('/' + candidate.join('/'));
      const base = target.startsWith('/') ? [] : [...resolved];
      if (this.confined && target.startsWith('/')) throw new BuildError(`${instr} failed: forbidden path outside the build context: ${pattern} (${target})`);
      for (const t of splitPath(target)) {
        if (t !== '..') { base.push(t); continue; }
        if (base.length === 0 && this.confined) throw new BuildError(`${instr} failed: forbidden path outside the build context: ${pattern} (${target})`);
        base.pop();
      }
      parts = [...base, ...parts.slice(i + 1)];
      resolved = [];
      i = -1;
    }
    if (this.confined && resolved.length > 0 && this.ignore.ignores(resolved.join('/'))) throw notFound();
    try {
      return this.nodeOf('/' + resolved.join('/'));
    } catch {
      throw notFound();
    }
  }

  private nodeOf(path: string): FsNode {
    let node: FsNode = this.fs.root;
    for (const p of splitPath(path)) {
      const next: TreeEntry | undefined = node.kind === 'dir' ? node.entries.get(p) : undefined;
      if (!next || next.kind === 'whiteout') throw new BuildError(`file not found: ${path}`);
      node = next;
    }
    return node;
  }

  /** Every path below `dir` (relative, sorted), minus ignored ones. */
  walk(dir: string): string[] {
    const out: string[] = [];
    const visit = (node: FsNode, prefix: string): void => {
      if (node.kind !== 'dir') return;
      for (const name of [...node.entries.keys()].sort()) {
        const child = node.entries.get(name)!;
        if (child.kind === 'whiteout') continue;
        const path = prefix ? `${prefix}/${name}` : name;
        if (this.confined && this.ignore.ignores(path)) continue;
        if (out.length >= MAX_WALK) throw new BuildError(`too many files in the build context (more than ${MAX_WALK})`);
        out.push(path);
        visit(child, path);
      }
    };
    visit(dir === '' ? this.fs.root : this.nodeOf('/' + dir), dir);
    return out;
  }

  /** Whether a path below a copied directory is left out (.dockerignore). */
  excluded(path: string): boolean {
    return this.confined && this.ignore.ignores(path);
  }

  /**
   * The checksum naming what `sources` hold, as the legacy builder writes it:
   * `file:<sum>` for one file, `dir:<sum>` for one directory, `multi:<sum>`.
   */
  checksum(sources: CopySource[]): string {
    const sums = sources.map((s) => this.entrySum(s.node, s.path));
    if (sources.length === 1) return `${sources[0]!.node.kind === 'dir' ? 'dir' : 'file'}:${sums[0]}`;
    return `multi:${sha256Of(sums.join(',')).slice(7)}`;
  }

  private entrySum(node: FsNode, path: string): string {
    const h = createSha256();
    const enc = new TextEncoder();
    const add = (n: FsNode, rel: string): void => {
      const kind = n.kind === 'dir' ? 'd' : n.kind === 'symlink' ? 'l' : 'f';
      const extra = n.kind === 'symlink' ? n.target : n.kind === 'file' ? contentDigest(n.content) : '';
      h.update(enc.encode(`${kind} ${rel} ${(n.meta.mode & 0o7777).toString(8)} ${extra}\n`));
      if (n.kind !== 'dir') return;
      for (const name of [...n.entries.keys()].sort()) {
        const child = n.entries.get(name)!;
        const childPath = path ? `${path}/${rel ? rel + '/' : ''}${name}` : `${rel ? rel + '/' : ''}${name}`;
        if (child.kind === 'whiteout' || this.excluded(childPath)) continue;
        add(child, rel ? `${rel}/${name}` : name);
      }
    };
    add(node, '');
    return h.digest().slice(7);
  }
}

const digests = new WeakMap<object, string>();

/** sha256 of file content, remembered per content object (contents are immutable). */
export function contentDigest(c: FileContent): string {
  const known = digests.get(c);
  if (known) return known;
  const h = createSha256();
  for (const chunk of contentChunks(c)) h.update(chunk);
  const d = h.digest().slice(7);
  digests.set(c, d);
  return d;
}

/** A build context: a tree plus its .dockerignore, confined. */
export type BuildContextFs = SourceTree;

/**
 * The context as the builder reads it. `clientFiltered`: the context came
 * over the Engine API, where the client has already applied .dockerignore
 * (the docker CLI does): as dockerd, only .dockerignore itself and the
 * Dockerfile are dropped when .dockerignore lists them, and nothing else is
 * filtered again. Otherwise (a tree handed to the engine directly) the
 * engine applies .dockerignore as the CLI would have.
 */
export function contextFromTree(root: DirNode, opts: { clientFiltered?: boolean; dockerfile?: string } = {}): SourceTree {
  const fs = new MemoryFs({ root });
  let ignore = new DockerIgnore('');
  try {
    ignore = new DockerIgnore(new TextDecoder().decode(fs.readFileSync('/.dockerignore')));
  } catch (e) {
    if (!isFsError(e)) throw e;
  }
  if (!opts.clientFiltered) return new SourceTree(root, ignore, true);
  for (const name of ['.dockerignore', (opts.dockerfile ?? 'Dockerfile').replace(/^\.?\//, '')]) {
    if (ignore.ignores(name) && fs.existsSync(`/${name}`)) fs.rmSync(`/${name}`);
  }
  return new SourceTree(root, new DockerIgnore(''), true);
}
