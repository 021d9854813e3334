// COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<perms>] <src>... <dest>
// COPY [--chown=...] <<EOF <dest>   (heredoc as file content)
// Sources come from the build context (confined, .dockerignore applied) or
// from another stage or image. A directory source copies its contents. The
// cache key holds the sources' checksum, so any change in names, modes or
// bytes busts this step. ADD (add.ts) shares all of this.
import { MemoryFs } from '../../fs/memory.ts';
import { dirNode, fileNode, metaOf, type DirNode, type FsNode } from '../../fs/node.ts';
import { isFsError } from '../../fs/errors.ts';
import { OverlayFs } from '../../fs/overlay.ts';
import { basename, dirname, joinPath, normalizePath } from '../../fs/path.ts';
import { BuildError } from '../backend.ts';
import { SourceTree, type CopySource } from '../build-context.ts';
import { commitStep, nopCreatedBy, type DispatchContext } from '../context.ts';
import type { CopyInstruction } from '../instructions.ts';
import { findStage } from '../stages.ts';
import { expandWord, type Vars } from '../substitute.ts';

export interface CopyPlan {
  /** COPY or ADD (for its errors). */
  kind: 'COPY' | 'ADD';
  tree: SourceTree;
  sources: CopySource[];
  /** The destination as written (after substitution), for the history line. */
  destArg: string;
  /** Absolute destination. */
  dest: string;
  destIsDir: boolean;
  chown?: { uid: number; gid: number };
  chmod?: number;
  /** Keep the sources' owners (copies from a stage or image). */
  keepOwners: boolean;
}

const HEREDOC_SOURCE = /^<<-?(["']?)([A-Za-z0-9_]+)\1$/;

/** Sources given as heredocs become files in a small tree of their own. */
function heredocTree(d: DispatchContext, ins: CopyInstruction, vars: Vars): SourceTree | null {
  if (ins.heredocs.length === 0 || !ins.sources.every((s) => HEREDOC_SOURCE.test(s))) return null;
  const root = dirNode(metaOf(0o755, 0));
  for (const h of ins.heredocs) {
    const text = h.expand ? expandWord(`"${h.content.replace(/(["\\])/g, '\\$1')}"`, vars, d.escape) : h.content;
    root.entries.set(h.name, fileNode(new TextEncoder().encode(text), metaOf(0o644, d.backend.now())));
  }
  return new SourceTree(root);
}

async function sourceTree(d: DispatchContext, from: string | undefined, instr: string): Promise<SourceTree> {
  if (from === undefined) return d.context;
  const stage = findStage(d.stages, from, d.stage.index);
  if (stage) {
    if (!d.stageResults.has(stage.index)) throw new BuildError(`${instr} failed: stage ${from} was not built`);
    const image = d.stageResults.get(stage.index) ?? null;
    return new SourceTree(d.backend.layers.rootOf(image?.top ?? null));
  }
  if (findStage(d.stages, from) || from.toLowerCase() === d.stage.name) {
    throw new BuildError(`${instr} failed: invalid from flag value ${from}: a stage can only copy from stages before it`);
  }
  const image = await d.backend.getImage(from);
  return new SourceTree(d.backend.layers.rootOf(image.top));
}

/** Resolves `user[:group]` against the image's /etc/passwd and /etc/group. */
function parseChown(spec: string, root: DirNode): { uid: number; gid: number } {
  const [user = '', group = user] = spec.split(':');
  const fs = new MemoryFs({ root });
  const lookup = (file: string, name: string, what: string): number => {
    if (/^\d+$/.test(name)) return Number(name);
    let text = '';
    try { text = new TextDecoder().decode(fs.readFileSync(file)); } catch { /* no such file: unknown names */ }
    for (const line of text.split('\n')) {
      const f = line.split(':');
      if (f[0] === name && f[2] !== undefined) return Number(f[2]);
    }
    throw new BuildError(`unable to convert uid/gid chown string to host mapping: can't find ${what} for ${what === 'uid' ? 'user' : 'group'} ${name}: no such ${what === 'uid' ? 'user' : 'group'}: ${name}`);
  };
  if (user === '') throw new BuildError(`invalid chown string: ${spec}`);
  return { uid: lookup('/etc/passwd', user, 'uid'), gid: lookup('/etc/group', group, 'gid') };
}

function parseChmod(spec: string): number {
  if (!/^[0-7]{1,4}$/.test(spec)) throw new BuildError(`invalid chmod parameter: ${spec}. it must be an octal number, e.g. 755`);
  return parseInt(spec, 8);
}

/** Works out what a COPY/ADD instruction copies and where. */
export async function planCopy(d: DispatchContext, ins: CopyInstruction): Promise<CopyPlan> {
  const vars = d.state.vars();
  const expand = (w: string): string => expandWord(w, vars, d.escape);
  const from = ins.from !== undefined ? expand(ins.from) : undefined;
  const heredocs = heredocTree(d, ins, vars);
  const tree = heredocs ?? await sourceTree(d, from, ins.kind);
  const patterns = heredocs ? ins.heredocs.map((h) => h.name) : ins.sources.map(expand);
  const sources = tree.resolve(patterns, ins.kind);
  const destArg = expand(ins.dest);
  const workdir = d.state.config.WorkingDir || '/';
  const dest = normalizePath(destArg, workdir);
  const multiple = sources.length > 1 || patterns.some((p) => /[*?[]/.test(p));
  const destRoot = new MemoryFs({ root: d.backend.layers.rootOf(d.state.top) });
  let existingDir = false;
  try { existingDir = destRoot.statSync(dest).type === 'dir'; } catch { /* missing */ }
  if (multiple && !destArg.endsWith('/') && !existingDir) {
    throw new BuildError(`When using ${ins.kind} with more than one source file, the destination must be a directory and end with a /`);
  }
  return {
    kind: ins.kind, tree, sources, destArg, dest,
    destIsDir: destArg.endsWith('/') || existingDir || multiple,
    ...(ins.chown !== undefined && { chown: parseChown(expand(ins.chown), d.backend.layers.rootOf(d.state.top)) }),
    ...(ins.chmod !== undefined && { chmod: parseChmod(expand(ins.chmod)) }),
    keepOwners: from !== undefined,
  };
}

/** Copies one node (a file or symlink, or a directory's whole contents) into `fs`. */
function place(fs: OverlayFs, plan: CopyPlan, node: FsNode, target: string, srcPath: string): void {
  const owner = plan.chown ?? (plan.keepOwners ? { uid: node.meta.uid, gid: node.meta.gid } : { uid: 0, gid: 0 });
  const mode = plan.chmod ?? node.meta.mode;
  if (node.kind === 'dir') {
    let existed = false;
    try { existed = fs.statSync(target).type === 'dir'; } catch { /* created below */ }
    if (!existed) {
      fs.mkdirSync(target, { recursive: true, mode, ...owner });
      fs.utimesSync(target, node.meta.mtimeMs);
    }
    for (const name of [...node.entries.keys()].sort()) {
      const child = node.entries.get(name)!;
      const childSrc = srcPath ? `${srcPath}/${name}` : name;
      if (child.kind === 'whiteout' || plan.tree.excluded(childSrc)) continue;
      place(fs, plan, child, joinPath(target, name), childSrc);
    }
    return;
  }
  fs.mkdirSync(dirname(target), { recursive: true, ...(plan.chown && { uid: plan.chown.uid, gid: plan.chown.gid }) });
  try {
    if (fs.lstatSync(target).type === 'dir') throw new BuildError(`cannot copy to ${target}: it is a directory`);
    fs.rmSync(target);
  } catch (e) {
    if (e instanceof BuildError) throw e;
  }
  if (node.kind === 'symlink') {
    fs.symlinkSync(node.target, target, owner);
  } else {
    fs.writeFileSync(target, node.content, { mode, ...owner, mtimeMs: node.meta.mtimeMs });
  }
}

/** Applies a copy plan on top of the current image; returns the change set. */
export function copyInto(d: DispatchContext, plan: CopyPlan, extract?: (fs: OverlayFs, node: FsNode, dest: string) => boolean): DirNode {
  const fs = new OverlayFs(d.backend.layers.rootOf(d.state.top), { now: () => d.backend.now() });
  try {
    for (const src of plan.sources) {
      if (src.node.kind === 'dir') { place(fs, plan, src.node, plan.dest, src.path); continue; }
      if (extract?.(fs, src.node, plan.dest)) continue;
      const target = plan.destIsDir ? joinPath(plan.dest, basename(src.path || '/')) : plan.dest;
      place(fs, plan, src.node, target, src.path);
    }
  } catch (e) {
    if (!isFsError(e)) throw e;
    // As Go reports it: a file where a directory must go is `mkdir /etc/passwd: not a directory` (os.MkdirAll).
    const what = e.code === 'EEXIST' && e.syscall === 'mkdir' ? 'not a directory' : e.description.toLowerCase();
    throw new BuildError(`${plan.kind} failed: ${e.syscall} ${e.path}: ${what}`);
  }
  return fs.upper;
}

export async function dispatchCopy(d: DispatchContext, ins: CopyInstruction): Promise<void> {
  const plan = await planCopy(d, ins);
  const sum = plan.tree.checksum(plan.sources);
  const createdBy = nopCreatedBy(d, `COPY ${sum} in ${plan.destArg} `, false);
  // The checksum covers what is copied, wherever it comes from (as in Docker, a
  // rebuilt stage that yields the same files still hits the cache here).
  const cacheKey = [createdBy, ins.chown ?? '', ins.chmod ?? ''].join('\u0000');
  await commitStep(d, { createdBy, cacheKey, run: async () => copyInto(d, plan) });
}
